package dev.o2o.testkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticJourneysTest {

    @TempDir
    Path tmp;

    @Test
    void sameSeedSameJourneysAndBytes() throws IOException {
        SyntheticJourneys a = SyntheticJourneys.generate(20_000, 20, 2026L);
        SyntheticJourneys b = SyntheticJourneys.generate(20_000, 20, 2026L);
        a.writePathCsv(tmp.resolve("a.csv"));
        b.writePathCsv(tmp.resolve("b.csv"));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.csv")), Files.readAllBytes(tmp.resolve("b.csv")));
        SyntheticJourneys c = SyntheticJourneys.generate(20_000, 20, 2027L);
        c.writePathCsv(tmp.resolve("c.csv"));
        assertNotEquals(Files.readString(tmp.resolve("a.csv")), Files.readString(tmp.resolve("c.csv")));
    }

    @Test
    void journeysHaveTheDocumentedShape() throws IOException {
        SyntheticJourneys g = SyntheticJourneys.generate(50_000, 20, 7L);
        assertEquals(50_000, g.size());
        assertEquals("channel_a0", g.channelIds().get(0));
        assertEquals("channel_t0", g.channelIds().get(19));
        long touches = 0;
        long conversions = 0;
        long first = 0;
        for (int j = 0; j < g.size(); j++) {
            int[] p = g.path(j);
            double[] ages = g.ageDays(j);
            assertTrue(p.length >= 1 && p.length <= 40);
            assertEquals(p.length, ages.length);
            assertEquals(0.0, ages[p.length - 1]);
            for (int i = 0; i + 1 < p.length; i++) {
                assertTrue(ages[i] >= ages[i + 1] && ages[i] - ages[i + 1] <= 5);
            }
            touches += p.length;
            for (int c : p) {
                first += c == 0 ? 1 : 0;
            }
            if (g.converted(j)) {
                conversions++;
                assertTrue(g.value(j) >= 10 && g.value(j) < 100, "value " + g.value(j));
            } else {
                assertEquals(0.0, g.value(j));
            }
        }
        // mean length 3 (geometric with continuation 2/3); channel 0 has weight 1 of H(20) = 3.5977
        assertEquals(3.0, touches / 50_000.0, 0.05);
        assertEquals(1 / 3.5977, first / (double) touches, 0.01);
        double rate = conversions / 50_000.0;
        assertTrue(rate > 0.04 && rate < 0.07, "conversion rate " + rate);
        List<String> lines = Files.readAllLines(writeTo(g, tmp.resolve("p.csv")));
        assertEquals(SyntheticJourneys.PATH_CSV_HEADER, lines.get(0));
        assertEquals(50_001, lines.size());
        assertTrue(lines.get(1).startsWith("\"channel_"), lines.get(1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticJourneys.generate(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticJourneys.generate(-1, 3, 1));
    }

    private static Path writeTo(SyntheticJourneys g, Path file) throws IOException {
        g.writePathCsv(file);
        return file;
    }
}
