package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.io.IngestException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemAttributesCsvTest {

    static Map<String, Set<String>> read(String text) {
        return ItemAttributesCsv.read(new StringReader(text), "items.csv");
    }

    @Test
    void rowsBecomePrefixedAttributesInAnyColumnOrder() {
        Map<String, Set<String>> a = read("Merchant,item,tags,price_band,category\n"
                + "m1,latte,hot|morning,10-20,coffee\nm2,sencha,,,tea\n\n");
        assertEquals(List.of("latte", "sencha"), List.copyOf(a.keySet()));
        assertEquals(Set.of("merchant:m1", "tag:hot", "tag:morning", "price:10-20", "category:coffee"), a.get("latte"));
        assertEquals(Set.of("merchant:m2", "category:tea"), a.get("sencha"));
    }

    @Test
    void theContentModelScoresItemsSharingAttributesWithTheHistory() {
        Map<String, Set<String>> a = read("item,category,tags,price_band,merchant\n"
                + "latte,coffee,hot,,m1\nmocha,coffee,hot,,m2\nsencha,tea,,,m3\n");
        Interactions x = Interactions.builder().add("u1", "latte", 1).add("u2", "mocha", 1).add("u2", "sencha", 1).build();
        Model m = Recommender.content(a, c -> Set.of(), 0).fit(x);
        // u1's profile: latte's unit vector (3 attributes, 1/√3 each); mocha shares 2 of them
        assertEquals(2.0 / 3.0, m.scores("u1", List.of("mocha"))[0], 1e-15);
        assertEquals(0.0, m.scores("u1", List.of("sencha"))[0], 0.0);
    }

    @Test
    void badInputNamesTheLineAndField() {
        IngestException e = assertThrows(IngestException.class,
                () -> read("item,category,tags,price_band\n"));
        assertTrue(e.getMessage().contains("items.csv:1: header: missing column merchant"), e.getMessage());
        e = assertThrows(IngestException.class, () -> read("item,category,tags,price_band,merchant,item\n"));
        assertTrue(e.getMessage().contains("column 'item' appears twice"), e.getMessage());
        e = assertThrows(IngestException.class, () -> read("item,category,tags,price_band,merchant\na,b,|x,,m\n"));
        assertTrue(e.getMessage().contains("items.csv:2: tags: empty tag in '|x'"), e.getMessage());
        e = assertThrows(IngestException.class, () -> read("item,category,tags,price_band,merchant\na,b,,,m,extra\n"));
        assertTrue(e.getMessage().contains("items.csv:2: record: expected 5 fields, found 6"), e.getMessage());
    }
}
