package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomaliesCommandTest {
    @TempDir
    Path tmp;

    /** 300 ordinary rows around the origin and 10 far out, labelled. */
    Path data() throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        StringBuilder b = new StringBuilder("amount,visits,note_len,abuse\n");
        for (int i = 0; i < 310; i++) {
            boolean bad = i >= 300;
            double scale = bad ? 6 : 1;
            b.append(bad ? 8 + r.nextDouble() : r.nextGaussian()).append(',')
                    .append(scale * r.nextGaussian()).append(',').append(r.nextInt(5)).append(',')
                    .append(bad ? 1 : 0).append('\n');
        }
        Path f = tmp.resolve("rows.csv");
        Files.writeString(f, b);
        return f;
    }

    @Test
    void scoresEveryRowAndTheAucAgainstTheLabel() throws IOException {
        Path f = data();
        Path scores = tmp.resolve("out/scores.csv");
        Cli c = Cli.run("anomalies", "--data", f.toString(), "--features", "amount,visits", "--label", "abuse",
                "--trees", "50", "--sample", "128", "--seed", "3", "--format", "json", "--scores-out", scores.toString());
        assertEquals(0, c.exit, c.toString());
        JsonNode j = new ObjectMapper().readTree(c.out);
        assertEquals(310, j.get("rows").asInt());
        assertEquals(50, j.get("trees").asInt());
        assertEquals(128, j.get("sample").asInt());
        assertTrue(j.get("auc").asDouble() > 0.95, c.out);
        List<String> lines = Files.readAllLines(scores);
        assertEquals("row,score", lines.get(0));
        assertEquals(311, lines.size());
        double outlier = Double.parseDouble(lines.get(305).split(",")[1]);
        double ordinary = Double.parseDouble(lines.get(1).split(",")[1]);
        assertTrue(outlier > ordinary && outlier > 0.6, outlier + " vs " + ordinary);
        // the same seed gives the same scores on stdout
        Cli again = Cli.run("anomalies", "--data", f.toString(), "--features", "amount,visits", "--trees", "50",
                "--sample", "128", "--seed", "3");
        assertEquals(0, again.exit, again.toString());
        assertEquals(String.join("\n", lines) + "\n", again.out);
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path f = tmp.resolve("nan.csv");
        Files.writeString(f, "a,b\n1,2\n3,NaN\n4,5\n");
        Cli c = Cli.run("anomalies", "--data", f.toString());
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("line 3, column 'b': not a finite number: 'NaN'"), c.err);
        Path empty = tmp.resolve("empty-cell.csv");
        Files.writeString(empty, "a,b\n1,2\n3,\n4,5\n");
        Cli e = Cli.run("anomalies", "--data", empty.toString());
        assertEquals(2, e.exit, e.toString());
        assertTrue(e.err.contains("empty-cell.csv: data row 1 (0-based), column 'b' is missing (an empty, NA or null"
                + " cell): every feature needs a finite number"), e.err);
        Path label = tmp.resolve("empty-label.csv");
        Files.writeString(label, "a,b,y\n1,2,0\n3,4,1\n4,5,NA\n");
        Cli l = Cli.run("anomalies", "--data", label.toString(), "--label", "y");
        assertEquals(2, l.exit, l.toString());
        assertTrue(l.err.contains("empty-label.csv: data row 2 (0-based), label 'y' is missing (an empty, NA or null"
                + " cell), expected 0 or 1"), l.err);
        Files.writeString(label, "a,b,y\n1,2,0\n3,4,1\n4,5,2\n");
        Cli two = Cli.run("anomalies", "--data", label.toString(), "--label", "y");
        assertTrue(two.err.contains("empty-label.csv: data row 2 (0-based), label 'y' is 2, expected 0 or 1"), two.err);
        Cli missing = Cli.run("anomalies", "--data", data().toString(), "--features", "amount,nope");
        assertEquals(2, missing.exit, missing.toString());
        assertTrue(missing.err.contains("column 'nope' is not in the header"), missing.err);
        Cli trees = Cli.run("anomalies", "--data", data().toString(), "--trees", "0");
        assertEquals(2, trees.exit, trees.toString());
        assertTrue(trees.err.contains("--trees must be at least 1, got 0"), trees.err);
    }

    @Test
    void oneDataRowIsRefusedNamingTheFile() throws IOException {
        // once: exit 0 and a score of NaN for the one row
        Path f = tmp.resolve("one.csv");
        Files.writeString(f, "a,b\n1,2\n");
        Cli c = Cli.run("anomalies", "--data", f.toString());
        assertEquals(2, c.exit, c.toString());
        assertEquals("", c.out);
        assertTrue(c.err.contains(f + " has one data row: an isolation forest needs at least two"), c.err);
    }

    @Test
    void aFeatureNamedTwiceIsRefused() throws IOException {
        // once: the column went in twice, silently doubling its share of the splits
        Cli c = Cli.run("anomalies", "--data", data().toString(), "--features", "amount,visits,amount");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("--features names column 'amount' twice"), c.err);
    }
}
