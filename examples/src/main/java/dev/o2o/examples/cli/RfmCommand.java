package dev.o2o.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code o2o rfm}: not available in this build yet. */
@Command(name = "rfm", mixinStandardHelpOptions = true, description = "Not available in this build yet.")
final class RfmCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new BadInputException("the rfm command is not available in this build yet");
    }
}
