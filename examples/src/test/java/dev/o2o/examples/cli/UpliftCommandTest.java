package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpliftCommandTest {

    @TempDir
    Path tmp;

    @Test
    void hillstromTwoTreatmentsAgainstNoEmail() throws IOException {
        Path scores = tmp.resolve("scores.csv");
        JsonNode j = PredictCommandTest.json(Cli.run("uplift", "--data", PredictCommandTest.hillstrom(), "--treatment",
                "segment", "--control", "No E-Mail", "--outcome", "visit", "--features",
                "recency,history,mens,womens,newbie,zip_code,channel", "--categorical", "zip_code,channel",
                "--learner", "t", "--base", "logistic", "--format", "json", "--scores-out", scores.toString()));
        assertEquals(21306, j.at("/control/n").asInt());
        assertEquals(2262.0 / 21306, j.at("/control/outcomeRate").asDouble(), 1e-15);
        JsonNode mens = j.get("arms").get(0);
        assertEquals("Mens E-Mail", mens.get("treatment").asText());
        assertEquals(21307, mens.get("n").asInt());
        assertEquals(3894.0 / 21307, mens.get("outcomeRate").asDouble(), 1e-15);
        assertEquals(3894.0 / 21307 - 2262.0 / 21306, mens.get("ate").asDouble(), 1e-15);
        assertTrue(mens.at("/ateCi95/0").asDouble() < mens.get("ate").asDouble()
                && mens.get("ate").asDouble() < mens.at("/ateCi95/1").asDouble());
        assertEquals(21387, j.get("arms").get(1).get("n").asInt());
        assertTrue(j.get("qini").has("Mens E-Mail") && j.get("qini").has("Womens E-Mail"), j.toString());
        assertTrue(j.at("/upliftAt/Mens E-Mail").has("0.1") && j.at("/upliftAt/Womens E-Mail").has("0.3"), j.toString());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("row,split,treatment,score", lines.get(0));
        assertEquals(1 + 2 * 64000, lines.size());
        assertTrue(lines.get(1).startsWith("0,test,Mens E-Mail,") && lines.get(2).startsWith("0,test,Womens E-Mail,"));
    }

    @Test
    void oneTreatmentGivesPlainNumbersAndBadInputIsNamed() throws IOException {
        StringBuilder b = new StringBuilder("x,arm,y\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            boolean treated = r.nextBoolean();
            double x = r.nextGaussian();
            double p = treated ? (x > 0 ? 0.6 : 0.2) : 0.2;
            b.append(x).append(',').append(treated ? "coupon" : "none").append(',').append(r.nextDouble() < p ? 1 : 0)
                    .append('\n');
        }
        Path data = tmp.resolve("exp.csv");
        Files.writeString(data, b.toString());
        for (String learner : List.of("s", "t", "x", "class-transformation")) {
            for (String base : List.of("logistic", "gbm")) {
                List<String> args = new java.util.ArrayList<>(List.of("uplift", "--data", data.toString(),
                        "--treatment", "arm", "--control", "none", "--outcome", "y", "--learner", learner, "--base", base,
                        "--format", "json"));
                if (base.equals("gbm")) {
                    args.addAll(List.of("--trees", "20", "--depth", "2")); // gbm only: refused with logistic
                }
                JsonNode j = PredictCommandTest.json(Cli.run(args.toArray(String[]::new)));
                assertTrue(j.get("qini").isNumber() && j.get("auuc").isNumber(), j.toString());
                assertTrue(j.at("/upliftAt/0.1").isNumber(), j.toString());
            }
        }
        Cli absent = Cli.run("uplift", "--data", data.toString(), "--treatment", "arm", "--control", "nobody",
                "--outcome", "y", "--learner", "t", "--base", "logistic");
        assertEquals(2, absent.exit);
        assertTrue(absent.err.contains("control value 'nobody' is not in the data; values are [coupon, none]"), absent.err);
        Cli badLearner = Cli.run("uplift", "--data", data.toString(), "--treatment", "arm", "--control", "none",
                "--outcome", "y", "--learner", "z", "--base", "logistic");
        assertEquals(2, badLearner.exit);
        assertTrue(badLearner.err.contains("unknown learner 'z'"), badLearner.err);
        Cli csv = Cli.run("uplift", "--data", data.toString(), "--treatment", "arm", "--control", "none",
                "--outcome", "y", "--learner", "t", "--base", "logistic");
        assertEquals(0, csv.exit, csv.toString());
        assertTrue(csv.out.startsWith("arm,n,outcome_rate,ate,"), csv.out);
    }
}
