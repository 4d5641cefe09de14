package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RiskCommandTest {
    @Test
    void evaluateReportsEveryPatternForRulesAndForest() throws IOException {
        Cli c = Cli.run("risk", "evaluate", "--customers", "1000", "--seed", "7", "--format", "json");
        assertEquals(0, c.exit, c.toString());
        JsonNode j = new ObjectMapper().readTree(c.out);
        assertEquals(2 * 24 + 2 * 30 + 2 * 20 + 50 + 16, j.get("abusive").asInt());
        assertEquals(10, j.get("scores").size());
        int rules = 0;
        for (JsonNode s : j.get("scores")) {
            assertTrue(s.get("caught").asInt() <= s.get("positives").asInt());
            if (s.get("detector").asText().equals("rules")) {
                rules++;
                assertEquals("event", s.get("unit").asText());
                assertTrue(s.get("recall").asDouble() >= 0.5, s.toString());
            }
        }
        assertEquals(5, rules);
        Cli csv = Cli.run("risk", "evaluate", "--customers", "1000", "--seed", "7");
        assertEquals(0, csv.exit, csv.toString());
        assertTrue(csv.out.startsWith("detector,unit,pattern,positives,caught,ordinary_caught,precision,recall\nrules,event,DEVICE_FARM,48,"),
                csv.out);
    }

    @Test
    void badArgumentsAreNamed() {
        Cli c = Cli.run("risk", "evaluate", "--customers", "50");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("o2o risk evaluate: --customers must be at least 100, got 50"), c.err);
        assertTrue(c.err.contains("Try 'o2o risk evaluate --help' for usage."), c.err);
        Cli none = Cli.run("risk");
        assertEquals(2, none.exit, none.toString());
        assertTrue(none.err.contains("a subcommand is required: evaluate"), none.err);
    }
}
