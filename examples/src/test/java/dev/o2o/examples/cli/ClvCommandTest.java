package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.core.test.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClvCommandTest {

    @TempDir
    Path tmp;

    static Path cdnow(String name) {
        return ReferenceData.fileOrSkip("cdnow/" + name);
    }

    static JsonNode json(Cli c) throws IOException {
        assertEquals(0, c.exit, c.toString());
        return new ObjectMapper().readTree(c.out);
    }

    @Test
    void bgNbdOnCdnowReproducesFaderHardieLee() throws IOException {
        JsonNode j = json(Cli.run("clv", "--summary", cdnow("cdnow_customers_summary.csv").toString(),
                "--model", "bgnbd", "--format", "json"));
        assertEquals("bgnbd", j.get("model").asText());
        // Fader, Hardie and Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4
        assertEquals(0.243, j.at("/params/r").asDouble(), 0.001);
        assertEquals(4.414, j.at("/params/alpha").asDouble(), 0.002);
        assertEquals(0.793, j.at("/params/a").asDouble(), 0.001);
        assertEquals(2.426, j.at("/params/b").asDouble(), 0.002);
        assertEquals(-9582.4, j.get("logLikelihood").asDouble(), 0.05);
        assertTrue(j.at("/standardErrors/r").asDouble() > 0);
    }

    @Test
    void paretoNbdAndMbgNbdOnCdnow() throws IOException {
        JsonNode j = json(Cli.run("clv", "--summary", cdnow("cdnow_customers_summary.csv").toString(),
                "--model", "pareto-nbd", "--format", "json"));
        assertEquals(0.553, j.at("/params/r").asDouble(), 0.002);
        assertEquals(10.578, j.at("/params/alpha").asDouble(), 0.01);
        assertEquals(0.606, j.at("/params/s").asDouble(), 0.002);
        assertEquals(11.669, j.at("/params/beta").asDouble(), 0.02);
        assertEquals(-9595.0, j.get("logLikelihood").asDouble(), 0.05);
        JsonNode m = json(Cli.run("clv", "--summary", cdnow("cdnow_customers_summary.csv").toString(),
                "--model", "mbgnbd", "--format", "json"));
        assertTrue(m.at("/params").has("a") && m.at("/params").has("b"), m.toString());
        // MBG/NBD nests more flexibility at x = 0: its optimum is at least as good as BG/NBD's here
        assertTrue(m.get("logLikelihood").asDouble() >= -9582.43, m.toString());
    }

    @Test
    void gammaGammaOnCdnowCsv() {
        Cli c = Cli.run("clv", "--summary", cdnow("cdnow_customers_summary_with_transactions.csv").toString(),
                "--model", "gamma-gamma");
        assertEquals(0, c.exit, c.toString());
        String[] lines = c.out.split("\n");
        assertEquals("parameter,estimate,standard_error", lines[0]);
        // Fader and Hardie's gamma-gamma note: p 6.25, q 3.74, v 15.44 on the 946 repeat customers
        assertEquals(6.25, Double.parseDouble(lines[1].split(",")[1]), 0.01);
        assertEquals(3.74, Double.parseDouble(lines[2].split(",")[1]), 0.01);
        assertEquals(15.44, Double.parseDouble(lines[3].split(",")[1]), 0.02);
        assertTrue(lines[4].startsWith("log_likelihood,-"), lines[4]);
        assertTrue(c.err.contains("946 customers with repeat purchases"), c.err);
    }

    @Test
    void argumentAndInputErrors() throws IOException {
        Cli c = Cli.run("clv", "--summary", "x.csv");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("Missing required option: '--model=MODEL'"), c.err);
        c = Cli.run("clv", "--summary", "x.csv", "--model", "nbd");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("unknown model 'nbd'"), c.err);
        Path f = tmp.resolve("s.csv");
        Files.writeString(f, "ID,frequency,recency,T\n1,2,3.5,10\n2,1,12,10\n");
        c = Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("s.csv:3: need 0 <= recency <= T and T > 0"), c.err);
        Files.writeString(f, "ID,frequency,recency,T\n1,two,3.5,10\n");
        c = Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("s.csv:2: frequency is not a number: 'two'"), c.err);
        Files.writeString(f, "ID,frequency,recency,T\n1,2,3.5,10\n");
        c = Cli.run("clv", "--summary", f.toString(), "--model", "gamma-gamma");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("needs a zbar column"), c.err);
        Files.writeString(f, "a,b\n1,2\n");
        c = Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("expected columns ID,frequency,recency,T"), c.err);
        Files.writeString(f, "ID,x,t_x,T,zbar\n1,2,3.5,10,20\n");
        c = Cli.run("clv", "--summary", f.toString(), "--model", "gamma-gamma", "--predict-out",
                tmp.resolve("p.csv").toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--predict-out needs a count model"), c.err);
        c = Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd", "--horizon", "-1");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--horizon must be a positive number"), c.err);
    }

    /**
     * One row per customer: a repeated ID would count that customer twice in the fit and print two
     * predictions for it; an empty ID names nobody. The message gives the lines, not the ID (personal data).
     */
    @Test
    void repeatedOrEmptyIdsAreRefusedWithTheirLines() throws IOException {
        Path f = tmp.resolve("ids.csv");
        Files.writeString(f, "ID,frequency,recency,T\n13812345678,2,3.5,10\n2,1,4,10\n13812345678,0,0,10\n");
        Cli c = Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.startsWith("o2o clv: ids.csv:4: ID repeats the ID of line 2 (one row per customer)\n"), c.err);
        assertTrue(!c.err.contains("13812345678"), c.err);
        Files.writeString(f, "ID,frequency,recency,T\n1,2,3.5,10\n ,1,4,10\n");
        c = Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.startsWith("o2o clv: ids.csv:3: ID is empty\n"), c.err);
    }

    @Test
    void predictionsForEveryCustomerIncludingThePublishedCustomerOne() throws IOException {
        Path p = tmp.resolve("predictions.csv");
        Cli c = Cli.run("clv", "--summary", cdnow("cdnow_customers_summary.csv").toString(), "--model", "bgnbd",
                "--predict-out", p.toString(), "--horizon", "39");
        assertEquals(0, c.exit, c.toString());
        List<String> rows = Files.readAllLines(p);
        assertEquals("ID,x,t_x,T,p_alive,expected_purchases", rows.get(0));
        assertEquals(2358, rows.size());
        String[] one = rows.get(1).split(",");
        assertEquals("1", one[0]);
        assertEquals("2", one[1]);
        // Fader, Hardie and Lee (2005): customer 1 is expected to buy 1.226 times in the next 39 weeks
        assertEquals(1.226, Double.parseDouble(one[5]), 0.0005);
        double pAlive = Double.parseDouble(one[4]);
        assertTrue(pAlive > 0 && pAlive <= 1, rows.get(1));
    }
}
