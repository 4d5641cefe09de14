package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.io.IngestException;
import java.io.StringReader;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InteractionsCsvTest {

    private static InteractionsCsv.Result read(String csv, OptionalDouble min) {
        return InteractionsCsv.read(new StringReader(csv), "in.csv", min);
    }

    @Test
    void readsColumnsByNameInAnyOrderWithBothTimestampForms() {
        InteractionsCsv.Result r = read("item,customer,weight,timestamp\n"
                + "i1,c1,2.5,1700000000\n"
                + "i2,c1,1,2026-01-02T03:04:05+01:00\n", OptionalDouble.empty());
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        assertEquals(2, r.events().size());
        assertEquals(new Interaction("c1", "i1", Instant.ofEpochSecond(1_700_000_000L), 2.5), r.events().get(0));
        assertEquals(Instant.parse("2026-01-02T02:04:05Z"), r.events().get(1).instant());
    }

    @Test
    void ratingFilesWithMinWeightKeepPositivesAsWeightOne() {
        InteractionsCsv.Result r = read("userId,movieId,rating,timestamp\n1,10,4.0,5\n1,11,3.5,6\n2,10,5,7\n",
                OptionalDouble.of(4));
        assertEquals(2, r.events().size());
        assertEquals(1, r.belowMinWeight());
        assertEquals(1.0, r.events().get(1).weight());
        assertEquals("2", r.events().get(1).customer());
    }

    @Test
    void missingWeightColumnMeansOne() {
        InteractionsCsv.Result r = read("customer,item,timestamp\nc,i,0\n", OptionalDouble.empty());
        assertEquals(1.0, r.events().get(0).weight());
    }

    @Test
    void badRowsAreReportedWithLineAndFieldNotDropped() {
        InteractionsCsv.Result r = read("customer,item,timestamp,weight\n"
                + "c1,i1,1,abc\n"
                + "c1,i1,1,-2\n"
                + "c1,i1,,1\n"
                + "c1,i1,yesterday,1\n"
                + ",i1,1,1\n"
                + "c1,i1,1\n"
                + "c1,i2,1,1\n", OptionalDouble.empty());
        assertEquals(1, r.events().size());
        assertEquals(6, r.errors().size());
        assertEquals("in.csv:2: weight: not a number: 'abc'", r.errors().get(0).toString());
        assertEquals("weight", r.errors().get(1).field());
        assertEquals(3, r.errors().get(1).line());
        assertEquals("in.csv:4: timestamp: missing timestamp", r.errors().get(2).toString());
        assertEquals("timestamp", r.errors().get(3).field());
        assertTrue(r.errors().get(3).reason().contains("'yesterday'"));
        assertEquals("customer", r.errors().get(4).field());
        assertEquals("in.csv:7: record: expected 4 fields, found 3", r.errors().get(5).toString());
    }

    @Test
    void emptyFileUnknownAndMissingColumnsAreRefused() {
        IngestException empty = assertThrows(IngestException.class, () -> read("", OptionalDouble.empty()));
        assertTrue(empty.getMessage().startsWith("in.csv:1: header: the input is empty"), empty.getMessage());
        IngestException unknown = assertThrows(IngestException.class,
                () -> read("customer,item,timestamp,colour\n", OptionalDouble.empty()));
        assertTrue(unknown.getMessage().contains("unknown column 'colour'"), unknown.getMessage());
        IngestException missing = assertThrows(IngestException.class,
                () -> read("customer,item\n", OptionalDouble.empty()));
        assertTrue(missing.getMessage().contains("missing column timestamp"), missing.getMessage());
        IngestException twice = assertThrows(IngestException.class,
                () -> read("user,customer,item,timestamp\n", OptionalDouble.empty()));
        assertTrue(twice.getMessage().contains("columns 'user' and 'customer' both name the customer"), twice.getMessage());
    }
}
