package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.recommend.InteractionsCsv;
import dev.o2o.recommend.Recommender;
import dev.o2o.recommend.eval.Evaluation;
import dev.o2o.recommend.eval.Splitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendCommandTest {

    @TempDir
    Path dir;

    /** 30 customers in two taste groups over 12 items, ratings 1..5, a day apart. */
    private Path ratings() throws Exception {
        StringBuilder b = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 0; u < 30; u++) {
            for (int k = 0; k < 6; k++) {
                int item = (u % 2 == 0 ? 0 : 6) + (u + k) % 6;
                int rating = (u * 7 + k * 3) % 5 + 1;
                b.append(u).append(',').append(item).append(',').append(rating)
                        .append(',').append(1_700_000_000L + k * 86_400L + u).append('\n');
            }
        }
        Path f = dir.resolve("ratings.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void jsonReportMatchesTheLibraryInFullPrecision() throws Exception {
        Path f = ratings();
        Path lists = dir.resolve("lists.csv");
        Cli r = Cli.run("recommend", "--interactions", f.toString(), "--model", "itemknn", "--neighbours", "5",
                "--shrink", "1", "--min-weight", "2", "--evaluate", "temporal", "--test-fraction", "0.2",
                "--min-interactions", "3", "--k", "3", "--recommend-out", lists.toString());
        assertEquals(0, r.exit, r::toString);
        JsonNode j = new ObjectMapper().readTree(r.out.lines().findFirst().orElseThrow());
        Evaluation e = Evaluation.run(Recommender.itemKnn(5, 1.0),
                InteractionsCsv.read(f, OptionalDouble.of(2)).events(), Splitter.temporal(0.2), 3, 3);
        assertEquals("itemknn", j.get("model").asText());
        assertEquals(5, j.get("params").get("neighbours").asInt());
        assertEquals(e.customers(), j.get("customers").asInt());
        assertEquals(e.items(), j.get("items").asInt());
        assertEquals(e.metrics().evaluatedCustomers(), j.get("evaluatedCustomers").asInt());
        assertEquals(3, j.get("k").asInt());
        assertEquals(e.metrics().recall(), j.get("recall").asDouble(), 0.0);
        assertEquals(e.metrics().ndcg(), j.get("ndcg").asDouble(), 0.0);
        assertEquals(e.metrics().map(), j.get("map").asDouble(), 0.0);
        assertEquals(e.metrics().hitRate(), j.get("hitRate").asDouble(), 0.0);
        assertEquals(e.metrics().coverage(), j.get("coverage").asDouble(), 0.0);
        assertEquals(e.baseline().recall(), j.get("baseline").get("recall").asDouble(), 0.0);
        assertEquals(e.baseline().ndcg(), j.get("baseline").get("ndcg").asDouble(), 0.0);
        assertTrue(j.get("fitSeconds").asDouble() >= 0);
        List<String> rows = Files.readAllLines(lists);
        assertEquals("customer,rank,item,score", rows.get(0));
        assertTrue(rows.size() > 1 && rows.get(1).matches("[0-9]+,1,[0-9]+,[-0-9.Ee]+"), rows.get(1));
    }

    @Test
    void csvFormatAndOtherModels() throws Exception {
        Path f = ratings();
        for (String model : List.of("popularity", "ease", "als")) {
            List<String> args = new java.util.ArrayList<>(List.of("recommend", "--interactions", f.toString(), "--model",
                    model, "--evaluate", "leave-last", "--min-interactions", "3", "--k", "2", "--format", "csv"));
            if (model.equals("als")) {
                args.addAll(List.of("--factors", "4", "--iterations", "3")); // als only: refused with the others
            }
            Cli r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exit, r::toString);
            assertTrue(r.out.startsWith("model,customers,items,evaluated_customers,k,recall,ndcg"), r.out);
            assertTrue(r.out.lines().skip(1).findFirst().orElseThrow().startsWith(model + ",30,"), r.out);
        }
    }

    @Test
    void badInputIsExitTwoWithASpecificMessage() throws Exception {
        Path f = ratings();
        Cli k0 = Cli.run("recommend", "--interactions", f.toString(), "--model", "ease", "--evaluate", "temporal",
                "--k", "0");
        assertEquals(2, k0.exit);
        assertTrue(k0.err.contains("--k must be at least 1"), k0.err);
        Cli lambda = Cli.run("recommend", "--interactions", f.toString(), "--model", "ease", "--evaluate", "temporal",
                "--lambda", "-1");
        assertEquals(2, lambda.exit);
        assertTrue(lambda.err.contains("--lambda must be >= 0"), lambda.err);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "customer,item,timestamp,weight\nc,i,1,x\n");
        Cli badRow = Cli.run("recommend", "--interactions", bad.toString(), "--model", "ease", "--evaluate", "temporal");
        assertEquals(2, badRow.exit);
        assertTrue(badRow.err.contains("bad.csv:2: weight: not a number: 'x'"), badRow.err);
        Files.writeString(bad, "customer,item,when\n");
        Cli unknown = Cli.run("recommend", "--interactions", bad.toString(), "--model", "ease", "--evaluate", "random");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("unknown column 'when'"), unknown.err);
        Files.writeString(bad, "user,customer,item,timestamp\n");
        Cli twice = Cli.run("recommend", "--interactions", bad.toString(), "--model", "ease", "--evaluate", "random");
        assertEquals(2, twice.exit);
        // column names are not personal data: the message names them as written, unmasked
        assertTrue(twice.err.contains("columns 'user' and 'customer' both name the customer"), twice.err);
        Files.writeString(bad, "");
        Cli empty = Cli.run("recommend", "--interactions", bad.toString(), "--model", "ease", "--evaluate", "random");
        assertEquals(2, empty.exit);
        assertTrue(empty.err.contains("bad.csv:1: header: the input is empty"), empty.err);
        Cli split = Cli.run("recommend", "--interactions", f.toString(), "--model", "ease", "--evaluate", "sideways");
        assertEquals(2, split.exit);
        assertTrue(split.err.contains("unknown split 'sideways'"), split.err);
    }

    @Test
    void modelOptionsAreRefusedByTheirOptionName() throws Exception {
        Path f = ratings();
        String[][] cases = {
                {"als", "--factors", "0", "--factors must be at least 1, got 0"},
                {"als", "--iterations", "0", "--iterations must be at least 1, got 0"},
                {"als", "--lambda", "0", "--lambda must be > 0 for als, got 0.0"},
                {"als", "--alpha", "-1", "--alpha must be a finite number >= 0, got -1.0"},
                {"itemknn", "--neighbours", "0", "--neighbours must be at least 1, got 0"},
                {"itemknn", "--shrink", "NaN", "--shrink must be a finite number >= 0, got NaN"},
                {"ease", "--test-fraction", "1", "--test-fraction must be within (0, 1), got 1.0"},
                {"ease", "--min-weight", "NaN", "--min-weight must be a finite number, got NaN"}};
        for (String[] c : cases) {
            Cli run = Cli.run("recommend", "--interactions", f.toString(), "--model", c[0], "--evaluate", "temporal",
                    c[1], c[2]);
            assertEquals(2, run.exit, run.toString());
            assertTrue(run.err.contains("o2o recommend: " + c[3]), run.err);
        }
    }

    /** An option of another model (or split) is refused, not silently ignored: --lambda 5 with popularity did nothing. */
    @Test
    void optionsOfAnotherModelAreRefused() throws Exception {
        Path f = ratings();
        String[][] cases = {
                {"popularity", "temporal", "--lambda", "5", "--lambda applies to --model ease or als only"},
                {"itemknn", "temporal", "--lambda", "5", "--lambda applies to --model ease or als only"},
                {"ease", "temporal", "--neighbours", "5", "--neighbours applies to --model itemknn only"},
                {"als", "temporal", "--shrink", "1", "--shrink applies to --model itemknn only"},
                {"ease", "temporal", "--factors", "4", "--factors applies to --model als only"},
                {"itemknn", "temporal", "--alpha", "1", "--alpha applies to --model als only"},
                {"popularity", "temporal", "--iterations", "3", "--iterations applies to --model als only"},
                {"ease", "temporal", "--seed", "3", "--seed applies to --model als or --evaluate random only"},
                {"ease", "leave-last", "--test-fraction", "0.3",
                        "--test-fraction applies to --evaluate temporal or random only"}};
        for (String[] c : cases) {
            Cli run = Cli.run("recommend", "--interactions", f.toString(), "--model", c[0], "--evaluate", c[1],
                    c[2], c[3]);
            assertEquals(2, run.exit, run.toString());
            assertTrue(run.err.startsWith("o2o recommend: " + c[4] + "\n"), run.err);
            assertEquals("", run.out);
        }
        Cli seeded = Cli.run("recommend", "--interactions", f.toString(), "--model", "ease", "--evaluate", "random",
                "--seed", "3", "--min-interactions", "3");
        assertEquals(0, seeded.exit, seeded.toString());
    }
}
