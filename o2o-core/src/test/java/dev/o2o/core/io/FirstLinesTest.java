package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FirstLinesTest {

    @Test
    void answersTheFirstLineOfARepeatedKeyAndMinusOneForANewOne() {
        FirstLines seen = new FirstLines();
        assertEquals(-1, seen.putIfAbsent("o1", 1));
        assertEquals(-1, seen.putIfAbsent("o2", 2));
        assertEquals(1, seen.putIfAbsent("o1", 3));
        assertEquals(1, seen.putIfAbsent("o1", 4));
        assertEquals(-1, seen.putIfAbsent("o10", 5)); // a longer key sharing a prefix is another key
        assertEquals(-1, seen.putIfAbsent("", 6));
        assertEquals(6, seen.putIfAbsent("", 7));
        assertEquals(4, seen.size());
    }

    @Test
    void agreesWithAHashMapOverManyKeysAcrossGrowthAndPages() {
        FirstLines seen = new FirstLines();
        Map<String, Long> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(20261201);
        for (long line = 1; line <= 300_000; line++) {
            // ids of 1 to 40 characters, non-ASCII among them, many repeated; 300k keys fill several pages
            String key = "k" + random.nextInt(150_000) + "é".repeat(random.nextInt(40));
            Long first = expected.putIfAbsent(key, line);
            assertEquals(first == null ? -1 : first, seen.putIfAbsent(key, line), key);
        }
        assertEquals(expected.size(), seen.size());
    }

    @Test
    void sizingAheadChangesNoAnswer() {
        FirstLines seen = new FirstLines();
        for (int i = 0; i < 1000; i++) {
            assertEquals(-1, seen.putIfAbsent("o" + i, i + 1));
        }
        seen.expect(100_000); // after keys were recorded: they are moved, not lost
        seen.expect(10); // below what is held: nothing shrinks
        for (int i = 0; i < 50_000; i++) {
            assertEquals(i < 1000 ? i + 1 : -1, seen.putIfAbsent("o" + i, 7), "o" + i);
        }
        assertEquals(50_000, seen.size());
    }

    @Test
    void keysWhoseStringHashesCollideStayApart() {
        // "Aa" and "BB" have the same String.hashCode, and so do all 2^12 strings of 12 such pairs
        FirstLines seen = new FirstLines();
        for (int i = 0; i < 1 << 12; i++) {
            StringBuilder b = new StringBuilder();
            for (int bit = 0; bit < 12; bit++) {
                b.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            assertEquals(-1, seen.putIfAbsent(b.toString(), i));
            assertEquals(i, seen.putIfAbsent(b.toString(), -5));
        }
        assertEquals(1 << 12, seen.size());
    }

    @Test
    void aKeyLongerThanAPageIsKept() {
        FirstLines seen = new FirstLines();
        String huge = "x".repeat((1 << 20) + 3);
        assertEquals(-1, seen.putIfAbsent("a", 1));
        assertEquals(-1, seen.putIfAbsent(huge, 2));
        assertEquals(-1, seen.putIfAbsent("b", 3));
        assertEquals(2, seen.putIfAbsent(huge, 4));
        assertEquals(-1, seen.putIfAbsent(huge.substring(1) + "y", 5));
        assertEquals(1, seen.putIfAbsent("a", 6));
        assertEquals(3, seen.putIfAbsent("b", 7));
    }
}
