package dev.o2o.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./o2o} command line: {@code demo}, {@code generate}, {@code attribution},
 * {@code clv}, {@code rfm} and {@code coupons}.
 *
 * <p>Exit codes: 0 success, 2 bad arguments or bad input (with a one-line message on stderr),
 * 1 anything else. Not thread-safe: build one {@link CommandLine} per invocation.
 */
@Command(name = "o2o", mixinStandardHelpOptions = true, version = "o2o 0.1.0-SNAPSHOT",
        description = "Online-to-offline marketing analytics: examples of the o2o library.",
        subcommands = {DemoCommand.class, GenerateCommand.class, AttributionCommand.class, ClvCommand.class,
                RfmCommand.class, CouponsCommand.class, CommandLine.HelpCommand.class})
public final class O2oCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code for bad arguments or bad input. */
    public static final int BAD_INPUT = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }

    /** Entry point of {@code o2o.jar}. */
    public static void main(String[] args) {
        // the library logs through SLF4J; without a provider on the class path, stay quiet about it
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** A configured command line writing to the given streams (tests call this in-process). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new O2oCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("o2o " + c.getCommandName() + ": " + ex.getMessage());
            c.getErr().println("Try 'o2o " + (c.getCommandName().equals("o2o") ? "" : c.getCommandName() + " ")
                    + "--help' for usage.");
            c.getErr().flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            if (cause instanceof BadInputException || cause instanceof IllegalArgumentException
                    || cause instanceof java.io.UncheckedIOException || cause instanceof dev.o2o.core.io.IngestException) {
                commandLine.getErr().println("o2o " + commandLine.getCommandName() + ": "
                        + Messages.safe(cause.getMessage()));
                commandLine.getErr().flush();
                return BAD_INPUT;
            }
            commandLine.getErr().println("o2o " + commandLine.getCommandName()
                    + ": internal error (a bug in o2o, please report it): " + Messages.safe(cause.toString()));
            cause.printStackTrace(commandLine.getErr());
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }
}
