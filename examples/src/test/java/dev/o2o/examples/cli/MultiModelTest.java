package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several models over one read give exactly what one run per model gives (issue 19). */
class MultiModelTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String ok(Cli c) {
        assertEquals(0, c.exit, c.toString());
        return c.out;
    }

    /** Every row of {@code single} after its header, prefixed by {@code model,}. */
    private static List<String> prefixed(String model, String single) {
        return single.lines().skip(1).map(l -> model + "," + l).collect(Collectors.toList());
    }

    @Test
    void attributionCsvHasAModelColumnAndTheSingleModelRows() {
        String paths = AttributionCommandTest.pathData().toString();
        String multi = ok(Cli.run("attribution", "--paths", paths, "--model", "first,last,linear,markov,shapley"));
        List<String> rows = multi.lines().collect(Collectors.toList());
        assertEquals("model,channel,conversions,value,removal_effect", rows.get(0));
        int at = 1;
        for (String model : List.of("first", "last", "linear", "markov", "shapley")) {
            String single = ok(Cli.run("attribution", "--paths", paths, "--model", model));
            for (String expected : prefixed(model, single)) {
                String got = rows.get(at++);
                // single runs without removal effects have one column fewer: the multi-model row ends empty
                assertEquals(model.equals("markov") ? expected : expected + ",", got);
            }
        }
        assertEquals(rows.size(), at, multi);
    }

    @Test
    void attributionJsonIsAListOfTheSingleModelObjects() throws IOException {
        String paths = AttributionCommandTest.pathData().toString();
        JsonNode multi = JSON.readTree(ok(Cli.run("attribution", "--paths", paths, "--model", "markov,first",
                "--order", "2", "--format", "json")));
        assertTrue(multi.isArray(), multi.toString());
        assertEquals(2, multi.size());
        assertEquals(JSON.readTree(ok(Cli.run("attribution", "--paths", paths, "--model", "markov", "--order", "2",
                "--format", "json"))), multi.get(0));
        assertEquals(JSON.readTree(ok(Cli.run("attribution", "--paths", paths, "--model", "first",
                "--format", "json"))), multi.get(1));
    }

    @Test
    void attributionListErrors() {
        String paths = AttributionCommandTest.pathData().toString();
        Cli c = Cli.run("attribution", "--paths", paths, "--model", "first,first");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("--model lists first twice"), c.err);
        c = Cli.run("attribution", "--paths", paths, "--model", "first,last", "--order", "2");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("--order applies to --model markov only"), c.err);
        c = Cli.run("attribution", "--paths", paths, "--model", "first,nope");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("unknown model 'nope'"), c.err);
    }

    @Test
    void clvFitsSeveralModelsToOneRead() throws IOException {
        String cdnow = ClvCommandTest.cdnow("cdnow_customers_summary.csv").toString();
        Path predicted = tmp.resolve("p.csv");
        String multi = ok(Cli.run("clv", "--summary", cdnow, "--model", "bgnbd,pareto-nbd", "--predict-out",
                predicted.toString(), "--horizon", "39"));
        Path bg = tmp.resolve("bg.csv");
        String single = ok(Cli.run("clv", "--summary", cdnow, "--model", "bgnbd", "--predict-out", bg.toString(),
                "--horizon", "39"));
        String pareto = ok(Cli.run("clv", "--summary", cdnow, "--model", "pareto-nbd"));
        List<String> expected = new java.util.ArrayList<>(List.of("model,parameter,estimate,standard_error"));
        expected.addAll(prefixed("bgnbd", single));
        expected.addAll(prefixed("pareto-nbd", pareto));
        assertEquals(expected, multi.lines().collect(Collectors.toList()));
        List<String> p = Files.readAllLines(predicted);
        List<String> b = Files.readAllLines(bg);
        assertEquals("model," + b.get(0), p.get(0));
        assertEquals(2 * (b.size() - 1) + 1, p.size());
        assertEquals(prefixed("bgnbd", String.join("\n", b)), p.subList(1, b.size()));
        assertTrue(p.get(b.size()).startsWith("pareto-nbd,"), p.get(b.size()));

        JsonNode j = JSON.readTree(ok(Cli.run("clv", "--summary", cdnow, "--model", "pareto-nbd,bgnbd",
                "--format", "json")));
        assertEquals(2, j.size());
        assertEquals("pareto-nbd", j.get(0).get("model").asText());
        assertEquals(JSON.readTree(ok(Cli.run("clv", "--summary", cdnow, "--model", "bgnbd", "--format", "json"))),
                j.get(1));
    }
}
