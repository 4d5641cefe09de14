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

class PredictCommandTest {

    @TempDir
    Path tmp;

    static String hillstrom() {
        return ReferenceData.fileOrSkip("uplift/hillstrom.csv").toString();
    }

    static JsonNode json(Cli c) throws IOException {
        assertEquals(0, c.exit, c.toString());
        return new ObjectMapper().readTree(c.out);
    }

    @Test
    void gbmOnHillstromVisitMatchesXgboostsTestAuc() throws IOException {
        Path scores = tmp.resolve("scores.csv");
        JsonNode j = json(Cli.run("predict", "--data", hillstrom(), "--label", "visit", "--features",
                "recency,history,mens,womens,newbie,zip_code,channel", "--categorical", "zip_code,channel",
                "--model", "gbm", "--trees", "100", "--depth", "6", "--learning-rate", "0.1", "--l2", "1",
                "--format", "json", "--scores-out", scores.toString()));
        assertEquals("gbm", j.get("model").asText());
        assertEquals(44800, j.get("trainRows").asInt());
        assertEquals(19200, j.get("testRows").asInt());
        // XGBoost 1.7.4 hist, same features, split and hyper-parameters: 0.6105623114033907
        // (o2o-predict/src/test/resources/dev/o2o/predict/reference/gbm_hillstrom.json)
        assertEquals(0.6105623114033907, j.get("auc").asDouble(), 0.005);
        assertEquals(100, j.at("/params/trees").asInt());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("row,split,score", lines.get(0));
        assertEquals(64001, lines.size());
        assertTrue(lines.get(1).startsWith("0,test,") && lines.get(4).startsWith("3,train,"), lines.get(4));
    }

    @Test
    void logisticReportsCoefficientsInFullPrecision() throws IOException {
        JsonNode j = json(Cli.run("predict", "--data", hillstrom(), "--label", "visit", "--features",
                "recency,history,mens,womens,newbie,zip_code,channel", "--categorical", "zip_code,channel",
                "--model", "logistic", "--format", "json"));
        assertEquals("logistic", j.get("model").asText());
        assertEquals(1.0, j.at("/params/l2").asDouble());
        assertTrue(j.get("coefficients").has("zip_code=Rural") && j.get("coefficients").has("history"), j.toString());
        assertTrue(j.get("auc").asDouble() > 0.6 && j.get("auc").asDouble() < 0.7, j.toString());
        // full precision: more than 6 significant digits survive
        assertTrue(j.get("coefficients").get("recency").asText().length() > 10, j.get("coefficients").toString());
    }

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void badInputGetsSpecificMessages() throws IOException {
        StringBuilder b = new StringBuilder("x,c,y\n");
        for (int i = 0; i < 40; i++) {
            b.append(i).append(',').append(i % 3 == 0 ? "a" : "b").append(',').append(i % 2).append('\n');
        }
        Path ok = write("ok.csv", b.toString());
        Cli good = Cli.run("predict", "--data", ok.toString(), "--label", "y", "--categorical", "c", "--model", "logistic");
        assertEquals(0, good.exit, good.toString());
        assertTrue(good.out.startsWith("metric,value\nmodel,logistic\ntrainRows,28\ntestRows,12\n"), good.out);

        Cli oneClass = Cli.run("predict", "--data", write("one.csv", b.toString().replaceAll(",1\n", ",0\n")).toString(),
                "--label", "y", "--categorical", "c", "--model", "gbm");
        assertEquals(2, oneClass.exit, oneClass.toString());
        assertTrue(oneClass.err.contains("one class"), oneClass.err);

        Cli text = Cli.run("predict", "--data", ok.toString(), "--label", "y", "--model", "logistic");
        assertEquals(2, text.exit);
        assertTrue(text.err.contains("line 2, column 'c': not a number: 'a'"), text.err);

        Cli nan = Cli.run("predict", "--data", write("nan.csv", "x,y\n1,0\nNaN,1\n").toString(), "--label", "y",
                "--model", "logistic");
        assertEquals(2, nan.exit);
        assertTrue(nan.err.contains("line 3, column 'x': not a finite number"), nan.err);

        Cli few = Cli.run("predict", "--data", write("few.csv", "x,y\n1,0\n2,1\n3,0\n").toString(), "--label", "y",
                "--model", "logistic");
        assertEquals(2, few.exit);
        assertTrue(few.err.contains("too few rows for the split"), few.err);

        Cli label = Cli.run("predict", "--data", write("lab.csv", "x,y\n1,0\n2,2\n").toString(), "--label", "y",
                "--model", "logistic");
        assertEquals(2, label.exit);
        assertTrue(label.err.contains("line 3) has 2.0"), label.err);

        Cli rows = Cli.run("predict", "--data", ok.toString(), "--label", "y", "--categorical", "c", "--model",
                "logistic", "--test-rows", "mod7:1");
        assertEquals(2, rows.exit);
        assertTrue(rows.err.contains("mod10:0,1,2"), rows.err);

        Cli absent = Cli.run("predict", "--data", ok.toString(), "--label", "nope", "--model", "logistic");
        assertEquals(2, absent.exit);
        assertTrue(absent.err.contains("'nope' is not in the header"), absent.err);

        StringBuilder k = new StringBuilder("x,c,y,k\n");
        for (int i = 0; i < 40; i++) {
            k.append(i).append(',').append(i % 3 == 0 ? "a" : "b").append(',').append(i % 2).append(",7\n");
        }
        Cli constant = Cli.run("predict", "--data", write("k.csv", k.toString()).toString(),
                "--label", "y", "--categorical", "c", "--model", "logistic", "--l2", "0");
        assertEquals(2, constant.exit, constant.toString());
        assertTrue(constant.err.contains("'k' is constant"), constant.err);
    }

    /**
     * The gbm hyper-parameters with --model logistic (or --base logistic) are refused, naming the
     * option: silently ignored, a user who typed --trees 500 would believe it took effect.
     */
    @Test
    void gbmOptionsWithALogisticModelAreRefused() throws IOException {
        StringBuilder b = new StringBuilder("x,arm,y\n");
        for (int i = 0; i < 40; i++) {
            b.append(i).append(',').append(i % 2 == 0 ? "coupon" : "none").append(',').append(i % 3 == 0 ? 1 : 0)
                    .append('\n');
        }
        Path data = write("gbm-only.csv", b.toString());
        String[][] cases = {{"--trees", "5"}, {"--depth", "2"}, {"--learning-rate", "0.1"},
                {"--min-child-weight", "2"}, {"--bins", "16"}, {"--seed", "7"}};
        for (String[] c : cases) {
            Cli predict = Cli.run("predict", "--data", data.toString(), "--label", "y", "--features", "x",
                    "--model", "logistic", c[0], c[1]);
            assertEquals(2, predict.exit, predict.toString());
            assertTrue(predict.err.startsWith("o2o predict: " + c[0] + " applies to --model gbm only\n"), predict.err);
            assertEquals("", predict.out);
            Cli uplift = Cli.run("uplift", "--data", data.toString(), "--treatment", "arm", "--control", "none",
                    "--outcome", "y", "--features", "x", "--learner", "t", "--base", "logistic", c[0], c[1]);
            assertEquals(2, uplift.exit, uplift.toString());
            assertTrue(uplift.err.startsWith("o2o uplift: " + c[0] + " applies to --base gbm only\n"), uplift.err);
        }
        // --l2 is a parameter of both models
        Cli l2 = Cli.run("predict", "--data", data.toString(), "--label", "y", "--features", "x", "--model", "logistic",
                "--l2", "2");
        assertEquals(0, l2.exit, l2.toString());
    }

    /**
     * A bad hyper-parameter is refused under its option's name before the data is read, not after,
     * under the library's field name (--depth 0 said "maxDepth 0 (no limit) needs a maxLeaves limit",
     * an option the command line does not have).
     */
    @Test
    void badHyperParametersAreNamedByTheirOptionBeforeReading() throws IOException {
        Path data = write("hp.csv", "x,y\n1,0\n2,1\n");
        String[][] cases = {
                {"gbm", "--trees", "0", "--trees must be at least 1, got 0"},
                {"gbm", "--depth", "0", "--depth must be within 1..30, got 0"},
                {"gbm", "--depth", "31", "--depth must be within 1..30, got 31"},
                {"gbm", "--learning-rate", "0", "--learning-rate must be within (0, 1], got 0.0"},
                {"gbm", "--learning-rate", "NaN", "--learning-rate must be within (0, 1], got NaN"},
                {"gbm", "--min-child-weight", "-1", "--min-child-weight must be a finite number >= 0, got -1.0"},
                {"gbm", "--bins", "1", "--bins must be within 2..65535, got 1"},
                {"gbm", "--l2", "-1", "--l2 must be a finite number >= 0, got -1.0"},
                {"logistic", "--l2", "Infinity", "--l2 must be a finite number >= 0, got Infinity"}};
        for (String[] c : cases) {
            Cli run = Cli.run("predict", "--data", data.toString(), "--label", "y", "--model", c[0], c[1], c[2]);
            assertEquals(2, run.exit, run.toString());
            // the first line: nothing was read ("read N rows" would come first)
            assertTrue(run.err.startsWith("o2o predict: " + c[3] + "\n"), run.err);
        }
    }
}
