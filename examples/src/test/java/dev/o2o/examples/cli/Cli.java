package dev.o2o.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its streams. */
final class Cli {
    final int exit;
    final String out;
    final String err;

    private Cli(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    /** As {@code o2o.jar} runs: only the named command is built. */
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = O2oCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** With every command built, as help and errors of o2o itself see it. */
    static Cli runFull(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = O2oCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
