package dev.o2o.examples.cli;

import dev.o2o.core.io.IngestException;
import dev.o2o.examples.serve.ServeCommand;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./o2o} command line: {@code demo}, {@code generate}, {@code attribution},
 * {@code clv}, {@code rfm}, {@code coupons}, {@code campaign}, {@code predict}, {@code uplift},
 * {@code recommend}, {@code spark} and {@code serve}.
 *
 * <p>Exit codes: 0 success, 2 bad arguments or bad input (with a one-line message on stderr),
 * 1 anything else. Not thread-safe: build one {@link CommandLine} per invocation.
 */
@Command(name = "o2o", mixinStandardHelpOptions = true, version = "o2o 0.1.0-SNAPSHOT",
        description = "Online-to-offline marketing analytics: examples of the o2o library.",
        subcommands = {DemoCommand.class, GenerateCommand.class, AttributionCommand.class, ClvCommand.class,
                RfmCommand.class, CouponsCommand.class, CampaignCommand.class, PredictCommand.class,
                UpliftCommand.class, RecommendCommand.class, SparkCommand.class, RiskCommand.class,
                AnomaliesCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
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
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args)
                .execute(args));
    }

    /**
     * A command line for these arguments. When they start with a command's name, only that command
     * is built: picocli reads every command's annotations when it is built (about 10 ms of
     * reflection each on a cold JVM), and a run needs one. Otherwise (no command, an unknown
     * one, {@code help}, options of o2o itself) the full command line of
     * {@link #commandLine(PrintWriter, PrintWriter)}, whose help lists every command.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        Class<?> only = args.length == 0 ? null : commandNamed(args[0]);
        if (only == null) {
            return commandLine(out, err);
        }
        CommandLine root = new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection(new O2oCli())
                .name("o2o"));
        root.addSubcommand(new CommandLine(only));
        return configure(root, out, err);
    }

    /** The class of the command {@code name} among this command line's commands, except help; null if none. */
    private static Class<?> commandNamed(String name) {
        for (Class<?> c : O2oCli.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && command.name().equals(name) && c != CommandLine.HelpCommand.class) {
                return c;
            }
        }
        return null;
    }

    /** A configured command line writing to the given streams (tests call this in-process). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new O2oCli()), out, err);
    }

    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(fullName(c) + ": " + ex.getMessage());
            c.getErr().println("Try '" + fullName(c) + " --help' for usage.");
            c.getErr().flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            if (cause instanceof BadInputException || cause instanceof IllegalArgumentException
                    || cause instanceof UncheckedIOException || cause instanceof IngestException) {
                commandLine.getErr().println(fullName(commandLine) + ": " + Messages.safe(cause.getMessage()));
                commandLine.getErr().flush();
                return BAD_INPUT;
            }
            commandLine.getErr().println(fullName(commandLine)
                    + ": internal error (a bug in o2o, please report it): " + Messages.safe(cause.toString()));
            cause.printStackTrace(commandLine.getErr());
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** The command as typed, from the root: {@code o2o risk evaluate}, {@code o2o recommend}, {@code o2o}. */
    private static String fullName(CommandLine c) {
        return c.getCommandSpec().qualifiedName();
    }
}
