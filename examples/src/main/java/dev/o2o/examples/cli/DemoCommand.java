package dev.o2o.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code o2o demo}: not available in this build yet. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Not available in this build yet.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new BadInputException("the demo command is not available in this build yet");
    }
}
