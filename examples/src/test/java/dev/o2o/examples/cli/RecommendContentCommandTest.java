package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.recommend.InteractionsCsv;
import dev.o2o.recommend.ItemAttributesCsv;
import dev.o2o.recommend.Recommender;
import dev.o2o.recommend.eval.Evaluation;
import dev.o2o.recommend.eval.Splitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code o2o recommend --model content --item-attributes FILE.csv}. */
class RecommendContentCommandTest {

    @TempDir
    Path dir;

    /** 30 customers in two taste groups: even customers take items 0..5, odd ones 6..11, a day apart. */
    private Path interactions() throws Exception {
        StringBuilder b = new StringBuilder("customer,item,timestamp\n");
        for (int u = 0; u < 30; u++) {
            for (int k = 0; k < 5; k++) {
                int item = (u % 2 == 0 ? 0 : 6) + (u + k) % 6;
                b.append('c').append(u).append(",i").append(item).append(',')
                        .append(1_700_000_000L + k * 86_400L + u).append('\n');
            }
        }
        Path f = dir.resolve("interactions.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    /** Items 0..5 are coffee, 6..11 tea; tags, price bands and merchants in the file's columns. */
    private Path attributes() throws Exception {
        StringBuilder b = new StringBuilder("item,category,tags,price_band,merchant\n");
        for (int i = 0; i < 12; i++) {
            b.append('i').append(i).append(',').append(i < 6 ? "coffee" : "tea").append(',')
                    .append(i < 6 ? "hot|morning" : "leaf").append(',').append(i % 3 == 0 ? "10-20" : "")
                    .append(",m").append(i % 4).append('\n');
        }
        Path f = dir.resolve("items.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void contentModelReadsTheAttributeFileAndMatchesTheLibrary() throws Exception {
        Path f = interactions();
        Path a = attributes();
        Path lists = dir.resolve("lists.csv");
        Cli r = Cli.run("recommend", "--interactions", f.toString(), "--model", "content", "--item-attributes",
                a.toString(), "--evaluate", "temporal", "--test-fraction", "0.2", "--min-interactions", "3", "--k", "3",
                "--recommend-out", lists.toString());
        assertEquals(0, r.exit, r::toString);
        assertTrue(r.err.contains("content: 12 of 12 items have attributes"), r.err);
        JsonNode j = new ObjectMapper().readTree(r.out.lines().findFirst().orElseThrow());
        Evaluation e = Evaluation.run(Recommender.content(ItemAttributesCsv.read(a), c -> Set.of(), 0.0),
                InteractionsCsv.read(f, OptionalDouble.empty()).events(), Splitter.temporal(0.2), 3, 3);
        assertEquals("content", j.get("model").asText());
        // coffee, tea, 5 tags... : category:2 + tag:3 + price:1 + merchant:4 distinct attributes
        assertEquals(10, j.get("params").get("attributes").asInt());
        assertEquals(e.metrics().recall(), j.get("recall").asDouble(), 0.0);
        assertEquals(e.metrics().ndcg(), j.get("ndcg").asDouble(), 0.0);
        assertEquals(e.baseline().recall(), j.get("baseline").get("recall").asDouble(), 0.0);
        List<String> rows = Files.readAllLines(lists);
        List<String> c0 = rows.stream().filter(x -> x.startsWith("c0,")).toList();
        // c0 took coffees i0..i4: the one coffee left shares category and tags, so it comes first
        assertEquals(3, c0.size(), rows.toString());
        assertTrue(c0.get(0).matches("c0,1,i5,[-0-9.Ee]+"), c0.toString());
    }

    private Cli runWith(Path attributes, String model) throws Exception {
        return Cli.run("recommend", "--interactions", interactions().toString(), "--model", model,
                "--item-attributes", attributes.toString(), "--evaluate", "temporal", "--min-interactions", "3");
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void badAttributeInputIsExitTwoNamingLineAndField() throws Exception {
        Cli missing = Cli.run("recommend", "--interactions", interactions().toString(), "--model", "content",
                "--evaluate", "temporal");
        assertEquals(2, missing.exit);
        assertTrue(missing.err.contains("--model content needs --item-attributes FILE.csv"), missing.err);

        Cli other = runWith(attributes(), "ease");
        assertEquals(2, other.exit);
        assertTrue(other.err.contains("--item-attributes is for --model content only"), other.err);

        Cli noFile = runWith(dir.resolve("nope.csv"), "content");
        assertEquals(2, noFile.exit);
        assertTrue(noFile.err.contains("--item-attributes: no such file"), noFile.err);

        Cli unknown = runWith(file("a.csv", "item,category,tags,price_band,merchant,colour\n"), "content");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("a.csv:1: header: unknown column 'colour'"), unknown.err);

        Cli lacking = runWith(file("b.csv", "item,category,tags,merchant\n"), "content");
        assertEquals(2, lacking.exit);
        assertTrue(lacking.err.contains("b.csv:1: header: missing column price_band"), lacking.err);

        Cli twice = runWith(file("c.csv", "item,category,tags,price_band,merchant\ni1,coffee,,,m1\ni2,tea,,,m2\n"
                + "i1,tea,,,m1\n"), "content");
        assertEquals(2, twice.exit);
        assertTrue(twice.err.contains("c.csv:4: item: 'i1' is listed twice (first on line 2)"), twice.err);

        Cli emptyTag = runWith(file("d.csv", "item,category,tags,price_band,merchant\ni1,coffee,hot||iced,,m1\n"),
                "content");
        assertEquals(2, emptyTag.exit);
        assertTrue(emptyTag.err.contains("d.csv:2: tags: empty tag in 'hot||iced'"), emptyTag.err);

        Cli short_ = runWith(file("e.csv", "item,category,tags,price_band,merchant\ni1,coffee\n"), "content");
        assertEquals(2, short_.exit);
        assertTrue(short_.err.contains("e.csv:2: record: expected 5 fields, found 2"), short_.err);

        Cli blank = runWith(file("f.csv", "item,category,tags,price_band,merchant\n ,coffee,,,m1\n"), "content");
        assertEquals(2, blank.exit);
        assertTrue(blank.err.contains("f.csv:2: item: must be a non-blank id"), blank.err);

        Cli none = runWith(file("g.csv", "item,category,tags,price_band,merchant\nx1,coffee,,,m1\n"), "content");
        assertEquals(2, none.exit);
        assertTrue(none.err.contains("--item-attributes g.csv: describes none of the 12 items"), none.err);

        Cli empty = runWith(file("h.csv", ""), "content");
        assertEquals(2, empty.exit);
        assertTrue(empty.err.contains("h.csv:1: header: the input is empty"), empty.err);
    }
}
