package dev.o2o.attribution.journey;

import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.test.ReferenceData;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    void numbersQuotesAndLongPathsRoundTrip() {
        java.util.Random r = new java.util.Random(8);
        StringBuilder csv = new StringBuilder("path,total_conversions,total_conversion_value,total_null\n");
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String v = switch (i % 3) {
                case 0 -> Integer.toString(r.nextInt(1000));
                case 1 -> r.nextInt(100000) + "." + String.format("%03d", r.nextInt(1000));
                default -> Double.toString(r.nextDouble() * 1e-3); // may use an exponent such as 1.5E-4
            };
            values.add(Double.parseDouble(v));
            String path = "ch" + i + " > x";
            csv.append(i % 3 == 0 ? "\"" + path + "\"" : path).append(",1,").append(v).append(",").append(i % 5).append('\n');
        }
        String longPath = String.join(" > ", java.util.Collections.nCopies(100, "y"));
        csv.append(longPath).append(",2,3.25,0\n");
        csv.append("\"say \"\"hi\"\" > x\",1,1,0\n");
        JourneySet set = read(csv.toString());
        assertEquals(2002, set.size());
        for (int i = 0; i < 2000; i++) {
            assertEquals(values.get(i), set.value(i), 0.0, "row " + i);
            assertEquals(i % 5, set.nulls(i));
        }
        assertEquals(100, set.length(2000));
        assertEquals(3.25, set.value(2000));
        assertEquals("say \"hi\" > x", set.pathText(2001));
    }

    @Test
    void parseNumberAgreesWithParseDoubleOnEveryAcceptedText() {
        java.util.Random r = new java.util.Random(13);
        for (int k = 0; k < 100_000; k++) {
            String t = switch (k % 4) {
                case 0 -> Long.toString((r.nextLong() >>> 1) >>> r.nextInt(63));
                case 1 -> r.nextInt(1_000_000) + "." + Long.toString(r.nextLong() >>> 1).substring(0, 1 + r.nextInt(12));
                case 2 -> Double.toString(Math.abs(r.nextGaussian()) * Math.pow(10, r.nextInt(40) - 20));
                default -> "0." + "0".repeat(r.nextInt(20)) + (1 + r.nextInt(999));
            };
            assertEquals(Double.parseDouble(t), PathCsvReader.parseNumber(t), 0.0, t);
        }
        for (String bad : new String[] {"", "-1", "+1", "1.", ".5", "1d", "2f", "1e", "1e+", "0x1", "NaN", "Infinity",
            "1 2", "1,5", "1e5x", "1".repeat(65)}) {
            assertTrue(Double.isNaN(PathCsvReader.parseNumber(bad)), bad);
        }
        assertEquals(Double.POSITIVE_INFINITY, PathCsvReader.parseNumber("2e308"));
    }

    /** Issue 14 item 10: values that Double.parseDouble accepts but a path file must not contain. */
    @Test
    void rejectsNegativeSuffixedAndOverflowingNumbersWithLineAndField() {
        String h = "path,total_conversions,total_conversion_value,total_null\n";
        String[][] cases = {
            {"a,1,-2.5,0\n", "line 2: total_conversion_value"},
            {"a,-1,2,0\n", "line 2: total_conversions"},
            {"a,1,1,0\nb,1d,2,0\n", "line 3: total_conversions"},
            {"a,1,2f,0\n", "line 2: total_conversion_value"},
            {"a,1,2,0x10\n", "line 2: total_null"},
            {"a,1,NaN,0\n", "line 2: total_conversion_value"},
            {"a,1,Infinity,0\n", "line 2: total_conversion_value"},
            {"a,1,+2,0\n", "line 2: total_conversion_value"},
            {"a,1,1e999,0\n", "line 2: total_conversion_value: is too large"},
            {"a,1,1e308,0\nb,1,1e308,0\n", "line 3: total_conversion_value: the sum over the file overflows"},
            {"a,1e308,1,0\nb,1e308,1,0\n", "line 3: total_conversions: the sum over the file overflows"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(h + c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("test.csv ") && e.getMessage().contains(c[1]), e.getMessage());
        }
        String huge = "9".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(h + "a,1," + huge + ",0\n"));
        assertTrue(e.getMessage().contains("(100000 characters)") && e.getMessage().length() < 400, e.getMessage());
        assertEquals(1.5e-4, read(h + "a,1,1.5E-4,0\n").value(0));
        assertEquals(0.0, read(h + "a,0,0.0,1\n").value(0));
    }

    /** Issue 14 item 6: 40,000 distinct channels on one path line (quadratic in the registry before). */
    @Test
    void readsFortyThousandChannelsOnOnePathAndCapsDistinctChannels() {
        int n = 40_000;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < n; i++) {
            path.append(i > 0 ? " > " : "").append("c").append(i);
        }
        String csv = "path,total_conversions,total_conversion_value,total_null\n" + path + ",1,2,0\n";
        ChannelRegistry registry = new ChannelRegistry();
        JourneySet set = PathCsvReader.defaults().read(new StringReader(csv), "wide.csv", registry);
        assertEquals(n, set.channelCount());
        assertEquals(n, set.length(0));
        assertEquals("c39999", set.channelId(set.channel(0, n - 1)));
        assertEquals(n, registry.size());

        PathCsvReader capped = PathCsvReader.defaults().withMaxChannels(39_999);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> capped.read(new StringReader(csv), "wide.csv", new ChannelRegistry()));
        assertTrue(e.getMessage().startsWith("wide.csv line 2: path: more than 39999 distinct channels"), e.getMessage());
        // the limit counts channels of this read, also when the registry knows them already
        assertEquals(n, capped.withMaxChannels(n).read(new StringReader(csv), "wide.csv", registry).channelCount());
        assertThrows(IllegalArgumentException.class,
                () -> capped.read(new StringReader(csv), "wide.csv", registry));
        assertThrows(IllegalArgumentException.class, () -> PathCsvReader.defaults().withMaxChannels(0));
    }

    @Test
    void channelsMetAgainAfterTheReadsTableGrewKeepTheirIndexes() {
        // 300 channels, each on several rows in shuffled order and with stray spaces, so the reader's table of
        // channels met in this read grows several times between a channel's appearances
        int n = 300;
        StringBuilder csv = new StringBuilder("path,total_conversions,total_conversion_value,total_null\n");
        List<int[]> rows = new ArrayList<>();
        java.util.Random random = new java.util.Random(19);
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int r = 0; r < 400; r++) {
            int length = 1 + random.nextInt(6);
            int[] row = new int[length];
            for (int k = 0; k < length; k++) {
                row[k] = r < n ? (k == 0 ? r : random.nextInt(n)) : random.nextInt(n);
            }
            if (!distinct.add(java.util.Arrays.toString(row))) {
                continue; // identical paths are aggregated; keep one row per path so nulls name the row
            }
            for (int k = 0; k < length; k++) {
                csv.append(k > 0 ? (k % 2 == 0 ? ">" : " > ") : "").append(k == 1 ? "  ch" : "ch").append(row[k])
                        .append(k == 2 ? " " : "");
            }
            csv.append(",1,0,").append(rows.size()).append('\n');
            rows.add(row);
        }
        ChannelRegistry registry = new ChannelRegistry();
        registry.register(dev.o2o.core.Channel.online("ch7"));
        JourneySet set = PathCsvReader.defaults().read(new StringReader(csv.toString()), "many.csv", registry);
        assertEquals(n, set.channelCount());
        assertEquals(n, registry.size());
        for (int i = 0; i < set.size(); i++) {
            int r = (int) set.nulls(i);
            int[] expected = new int[rows.get(r).length];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = registry.indexOf("ch" + rows.get(r)[k]).getAsInt();
            }
            assertArrayEquals(expected, set.path(i), "row " + r);
        }
        assertEquals(0, registry.indexOf("ch7").getAsInt());
    }

    @Test
    void readsSharedPathData() {
        Path file = ReferenceData.fileOrSkip("attribution/PathData.csv");
        JourneySet set = PathCsvReader.defaults().read(file, new ChannelRegistry());
        assertEquals(12, set.channelCount());
        // totals from shared/data/README.md; its 10,000 rows hold 5,408 distinct paths (identical paths repeat and
        // are aggregated; counted independently with a script)
        assertEquals(5_408, set.size());
        assertEquals(19_785, set.totalConversions(), 1e-9);
        assertEquals(68_602, set.totalNulls(), 1e-9);
    }
}
