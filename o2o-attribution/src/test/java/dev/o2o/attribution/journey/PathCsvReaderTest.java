package dev.o2o.attribution.journey;

import dev.o2o.attribution.TestData;
import dev.o2o.core.ChannelRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathCsvReaderTest {

    private static JourneySet read(String csv) {
        return PathCsvReader.defaults().read(new StringReader(csv), "test.csv", new ChannelRegistry());
    }

    @Test
    void readsInternsAndAggregatesIdenticalPaths() {
        JourneySet set = read("path,total_conversions,total_conversion_value,total_null\n"
                + "\"a > b > a\",2,10.5,3\n"
                + "b,0,0,4\n"
                + "a>b>a,1,1.5,0\n"
                + "\n");
        assertEquals(2, set.size());
        assertEquals(2, set.channelCount());
        assertArrayEquals(new int[] {0, 1, 0}, set.path(0));
        assertEquals(3.0, set.conversions(0));
        assertEquals(12.0, set.value(0));
        assertEquals(3.0, set.nulls(0));
        assertEquals("a > b > a", set.pathText(0));
        assertEquals(3.0, set.totalConversions());
        assertEquals(7.0, set.totalNulls());
        assertFalse(set.hasTimes());
        assertThrows(IllegalStateException.class, () -> set.ageDays(0, 0));
    }

    @Test
    void customSeparator() {
        JourneySet set = PathCsvReader.withSeparator("|").read(new StringReader(
                "path,total_conversions,total_conversion_value,total_null\nx | y,1,2,0\n"), "s", new ChannelRegistry());
        assertEquals("x > y", set.pathText(0));
    }

    @Test
    void lineLevelErrors() {
        String h = "path,total_conversions,total_conversion_value,total_null\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(h + "a,1,1,0\nb,x,1,0\n"));
        assertTrue(e.getMessage().contains("test.csv line 3") && e.getMessage().contains("total_conversions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(h + "a,1,1\n"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("4 fields"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(h + "a > > b,1,1,0\n"));
        assertTrue(e.getMessage().contains("empty channel at position 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(h + "a,1,1,-2\n"));
        assertTrue(e.getMessage().contains("total_null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(h + "\"a,1,1,0\n"));
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read("p,c,v,n\na,1,1,0\n"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("header"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(""));
    }

    @Test
    void readsSharedPathData() {
        Path file = TestData.sharedData("attribution/PathData.csv").orElse(null);
        Assumptions.assumeTrue(file != null, "shared/data/attribution/PathData.csv absent, skipping");
        JourneySet set = PathCsvReader.defaults().read(file, new ChannelRegistry());
        assertEquals(12, set.channelCount());
        assertTrue(set.size() > 1000 && set.size() <= 10_000, "distinct paths " + set.size());
        assertTrue(set.totalConversions() > 0);
    }
}
