package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.core.test.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributionCommandTest {

    @TempDir
    Path tmp;

    static Path pathData() {
        return ReferenceData.fileOrSkip("attribution/PathData.csv");
    }

    static Map<String, double[]> csv(String out) {
        Map<String, double[]> m = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("channel,")) {
                continue;
            }
            String[] f = line.split(",", -1);
            double[] v = new double[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                v[i - 1] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
            }
            m.put(f[0], v);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"first", "last", "last-non-direct", "linear", "position", "markov", "shapley"})
    void everyModelCreditsAllConversionsOfPathData(String model) {
        Cli c = Cli.run("attribution", "--paths", pathData().toString(), "--model", model);
        assertEquals(0, c.exit, c.toString());
        Map<String, double[]> m = csv(c.out);
        assertEquals(12, m.size(), c.out);
        // shared/data/README.md: 19,785 conversions over 12 channels
        assertEquals(19_785, m.values().stream().mapToDouble(v -> v[0]).sum(), 1e-3);
        assertTrue(c.out.startsWith(model.equals("markov") ? "channel,conversions,value,removal_effect\n"
                : "channel,conversions,value\n"), c.out);
    }

    @Test
    void firstTouchMatchesACountOfFirstChannels() throws IOException {
        Map<String, Double> expected = new HashMap<>();
        List<String> lines = Files.readAllLines(pathData());
        for (String line : lines.subList(1, lines.size())) {
            // path,total_conversions,total_conversion_value,total_null with the path possibly quoted
            String path = line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',', line.lastIndexOf(',') - 1) - 1));
            String[] rest = line.substring(path.length() + 1).split(",");
            String first = path.replace("\"", "").split(">")[0].strip();
            expected.merge(first, Double.parseDouble(rest[0]), Double::sum);
        }
        Map<String, double[]> got = csv(Cli.run("attribution", "--paths", pathData().toString(), "--model", "first").out);
        expected.forEach((ch, conv) -> assertEquals(conv, got.get(ch)[0], 1e-6, ch));
    }

    @Test
    void markovJsonHasRemovalEffectsAndOrderMatters() throws IOException {
        ObjectMapper om = new ObjectMapper();
        Cli c1 = Cli.run("attribution", "--paths", pathData().toString(), "--model", "markov", "--format", "json");
        Cli c2 = Cli.run("attribution", "--paths", pathData().toString(), "--model", "markov", "--order", "2",
                "--format", "json");
        JsonNode j1 = om.readTree(c1.out);
        JsonNode j2 = om.readTree(c2.out);
        assertEquals("markov", j1.get("model").asText());
        for (JsonNode ch : j1.get("channels")) {
            double re = ch.get("removalEffect").asDouble();
            assertTrue(re >= 0 && re <= 1, ch.toString());
        }
        assertTrue(j2.get("description").asText().contains("order=2"), j2.toString());
        assertTrue(Math.abs(j1.at("/channels/0/conversions").asDouble() - j2.at("/channels/0/conversions").asDouble()) > 1,
                "order 2 changes the credit");
        Cli noNulls = Cli.run("attribution", "--paths", pathData().toString(), "--model", "markov", "--no-nulls");
        assertEquals(0, noNulls.exit, noNulls.toString());
    }

    @Test
    void syntheticDataRanksTheStrongestChannelAboveTheWeakest() {
        Path dir = tmp.resolve("d");
        assertEquals(0, Cli.run("generate", "--out", dir.toString(), "--customers", "3000").exit);
        Map<String, double[]> m = csv(Cli.run("attribution", "--paths", dir.resolve("paths.csv").toString(),
                "--model", "markov").out);
        // known effects: search 0.10 and qr_code 0.12 lift conversion, display 0.01 hardly does
        assertTrue(m.get("search")[2] > m.get("display")[2], "removal effect search > display");
        assertTrue(m.get("qr_code")[2] / 0.08 > m.get("display")[2] / 0.35, "per prior frequency qr_code > display");
    }

    @Test
    void argumentErrors() throws IOException {
        String p = pathData().toString();
        Cli c = Cli.run("attribution", "--paths", p, "--model", "magic");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("unknown model 'magic'"), c.err);
        c = Cli.run("attribution", "--paths", p, "--model", "linear", "--order", "2");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--order applies to --model markov only"), c.err);
        c = Cli.run("attribution", "--paths", p, "--model", "markov", "--order", "7");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--order must be within 1..4: 7"), c.err);
        c = Cli.run("attribution", "--paths", p, "--model", "markov", "--shapley-value", "rate");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--shapley-value applies to --model shapley only"), c.err);
        c = Cli.run("attribution", "--paths", p, "--model", "time-decay");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("needs the time of every touch"), c.err);
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "path,total_conversions,total_conversion_value,total_null\na > b,x,1,2\n");
        c = Cli.run("attribution", "--paths", bad.toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("bad.csv") && c.err.contains("total_conversions"), c.err);
    }

    @Test
    void shapleyRateWarningsGoToStderr() throws IOException {
        Path paths = tmp.resolve("paths.csv");
        Files.writeString(paths, "path,total_conversions,total_conversion_value,total_null\na,5,50,5\na > b,0,0,10\n");
        Cli c = Cli.run("attribution", "--paths", paths.toString(), "--model", "shapley", "--shapley-value", "rate");
        assertEquals(0, c.exit, c.err);
        assertTrue(c.err.contains("warning (shapley): credits are total * value / sum of values"), c.err);
        assertTrue(c.out.startsWith("channel,conversions,value\n"), c.out);
    }
}
