package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code o2o serve}'s options (the server itself is tested in dev.o2o.examples.serve). */
class ServeCommandTest {

    @Test
    void helpListsTheOptions() {
        Cli r = Cli.run("serve", "--help");
        assertEquals(0, r.exit, r::toString);
        for (String option : new String[] {"--port", "--db", "--seed", "--customers"}) {
            assertTrue(r.out.contains(option), r::toString);
        }
        assertTrue(Cli.runFull("--help").out.contains("serve"));
    }

    @Test
    void anotherDatabaseIsRefusedByName() {
        Cli r = Cli.run("serve", "--db", "jdbc:mysql://localhost/o2o");
        assertEquals(O2oCli.BAD_INPUT, r.exit, r::toString);
        assertTrue(r.err.contains("--db must start with jdbc:h2: or jdbc:postgresql:"), r::toString);
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        Cli r = Cli.run("serve", "--port", "70000");
        assertEquals(O2oCli.BAD_INPUT, r.exit, r::toString);
        assertTrue(r.err.contains("--port must be 0 to 65535: 70000"), r::toString);
    }
}
