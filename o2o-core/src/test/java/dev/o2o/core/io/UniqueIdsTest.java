package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link UniqueIds} answers as a map of first lines does, whatever the order of the ids (sorted,
 * random, sorted with strays and repeats); and {@link PlainOrderLine#epochDay} is
 * {@link LocalDate#toEpochDay()}.
 */
class UniqueIdsTest {

    private static void assertLikeAMap(String[] ids) {
        UniqueIds unique = new UniqueIds();
        Map<String, Long> first = new HashMap<>();
        for (int line = 0; line < ids.length; line++) {
            byte[] b = ("#" + ids[line] + "#").getBytes(StandardCharsets.UTF_8);
            int n = b.length - 2;
            long expected = first.getOrDefault(ids[line], -1L);
            first.putIfAbsent(ids[line], (long) line);
            assertEquals(expected, unique.putIfAbsent(b, 1, n, unique.hash(b, 1, n), line), "id " + ids[line] + " at " + line);
        }
        assertEquals(first.size(), unique.size());
    }

    @Test
    void answersAsAMapInEveryOrder() {
        Random random = new Random(19);
        int n = 20_000;
        String[] sorted = new String[n];
        String[] shuffled = new String[n];
        String[] strays = new String[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = String.format("o%09d", i);
            shuffled[i] = "o" + random.nextInt(n); // repeats included
            // mostly increasing; now and then an earlier id again, a lower one, or a non-ASCII one
            strays[i] = switch (random.nextInt(10)) {
                case 0 -> String.format("o%09d", random.nextInt(i + 1));
                case 1 -> "a" + random.nextInt(1000);
                case 2 -> "\u00e9" + random.nextInt(1000);
                default -> String.format("o%09d", i);
            };
        }
        assertLikeAMap(sorted);
        assertLikeAMap(shuffled);
        assertLikeAMap(strays);
        assertLikeAMap(new String[] {"b", "a", "b", "c", "a", "c", "d"});
    }

    @Test
    void epochDaysAreLocalDates() {
        for (LocalDate d = LocalDate.of(0, 1, 1); d.getYear() < 10_000; d = d.plusDays(13)) {
            assertEquals(d.toEpochDay(), PlainOrderLine.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d.toString());
        }
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), PlainOrderLine.epochDay(2024, 2, 29));
        assertEquals(LocalDate.of(9999, 12, 31).toEpochDay(), PlainOrderLine.epochDay(9999, 12, 31));
    }
}
