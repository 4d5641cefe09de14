package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Building only the named command changes nothing that a user sees. */
class LazyCommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "generate", "attribution", "clv", "rfm", "coupons"})
    void helpAndArgumentErrorsAreTheSameAsWithEveryCommandBuilt(String command) {
        // (without arguments demo would run: it needs none)
        String[][] cases = command.equals("demo") ? new String[][] {{command, "--help"}, {command, "--no-such-option"}}
                : new String[][] {{command, "--help"}, {command, "--no-such-option"}, {command}};
        for (String[] args : cases) {
            Cli lazy = Cli.run(args);
            Cli full = Cli.runFull(args);
            assertEquals(full.exit, lazy.exit, lazy.toString());
            assertEquals(full.out, lazy.out);
            assertEquals(full.err, lazy.err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "--version", "nope"})
    void otherFirstArgumentsGetTheFullCommandLine(String first) {
        Cli lazy = Cli.run(first);
        Cli full = Cli.runFull(first);
        assertEquals(full.exit, lazy.exit, lazy.toString());
        assertEquals(full.out, lazy.out);
        assertEquals(full.err, lazy.err);
        if (!first.equals("nope")) {
            assertTrue(lazy.out.contains(first.equals("--version") ? "o2o 0.1.0" : "attribution"), lazy.out);
        }
    }
}
