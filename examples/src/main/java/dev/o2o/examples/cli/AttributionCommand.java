package dev.o2o.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code o2o attribution}: not available in this build yet. */
@Command(name = "attribution", mixinStandardHelpOptions = true, description = "Not available in this build yet.")
final class AttributionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new BadInputException("the attribution command is not available in this build yet");
    }
}
