package dev.o2o.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code o2o clv}: not available in this build yet. */
@Command(name = "clv", mixinStandardHelpOptions = true, description = "Not available in this build yet.")
final class ClvCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new BadInputException("the clv command is not available in this build yet");
    }
}
