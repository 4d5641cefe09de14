package dev.o2o.risk.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyWindowsTest {
    private static final boolean[] ONE_SUM = {false};
    private static final boolean[] ONE_DISTINCT = {true};

    @Test
    void entriesStayWithinTheBoundAndFoldingKeepsTheTotal() {
        KeyWindows w = new KeyWindows(ONE_SUM);
        for (int i = 0; i < 1000; i++) {
            w.add(0, i, 2, 64);
            assertTrue(w.size(0) <= 64);
        }
        assertTrue(w.folded(0));
        assertEquals(2000, w.sum(0, 999, 10_000));
        w.evictUpTo(0, 999);
        assertEquals(0, w.size(0));
        assertFalse(w.folded(0));
    }

    @Test
    void sameBucketsMergeAndOutOfOrderEntriesAreSorted() {
        KeyWindows w = new KeyWindows(ONE_SUM);
        w.add(0, 10, 1, 8);
        w.add(0, 5, 1, 8);
        w.add(0, 10, 1, 8);
        w.add(0, 7, 1, 8);
        assertEquals(3, w.size(0));
        assertEquals(3, w.sum(0, 10, 4));   // buckets 7 and 10
        assertEquals(4, w.sum(0, 10, 6));   // 5, 7, 10
        assertEquals(1, w.sum(0, 7, 2));    // a query before the newest entry: bucket 7 only
        w.evictUpTo(0, 6);
        assertEquals(3, w.sum(0, 10, 100));
    }

    @Test
    void aSumPastTheLargestLongSaturatesAsABoundUntilTheWindowIsEmpty() {
        long half = Long.MAX_VALUE / 2 + 1;
        KeyWindows w = new KeyWindows(ONE_SUM);
        w.add(0, 10, half, 8);
        w.add(0, 20, half, 8);
        assertEquals(Long.MAX_VALUE, w.sum(0, 20, 100)); // not the negative figure a long wraps round to
        assertTrue(w.folded(0));
        assertEquals(half, w.sum(0, 15, 100)); // a query before the newest entry adds only what it sees
        w.add(0, 20, half, 8); // into the saturated entry itself
        assertEquals(Long.MAX_VALUE, w.sum(0, 20, 5));
        // the total no longer says how much leaves with an entry: a bound while any entry is left
        w.evictUpTo(0, 10);
        assertEquals(Long.MAX_VALUE, w.sum(0, 20, 100));
        w.evictAndAdd(0, 20, 30, 7, 8); // the last entry leaves as the next comes
        assertEquals(7, w.sum(0, 30, 100));
        assertFalse(w.folded(0));
        // and through the other path: saturated, then emptied by eviction alone
        w.add(0, 40, Long.MAX_VALUE, 8);
        assertTrue(w.folded(0));
        w.evictUpTo(0, 40);
        assertEquals(0, w.size(0));
        assertFalse(w.folded(0));
        w.add(0, 50, 3, 8);
        assertEquals(3, w.sum(0, 50, 100));
        // folding two saturated entries keeps the bound
        w.add(0, 51, Long.MAX_VALUE, 2);
        w.add(0, 52, Long.MAX_VALUE, 2);
        assertEquals(2, w.size(0));
        assertEquals(Long.MAX_VALUE, w.sum(0, 52, 100));
    }

    @Test
    void distinctEntriesAreOnePerBucketAndValue() {
        KeyWindows w = new KeyWindows(ONE_DISTINCT);
        w.add(0, 1, 42, 8);
        w.add(0, 1, 42, 8);
        w.add(0, 2, 42, 8);
        w.add(0, 2, 8, 8);
        assertEquals(3, w.size(0));
        assertEquals(2, w.distinct(0, 2, 5));
        assertEquals(1, w.distinct(0, 1, 5));   // a query before the newest entry
        assertEquals(2, w.distinct(0, 2, 1));
        // a late entry of 8 before its newest one: 8 still counts once, and once in the older window
        w.add(0, 1, 8, 8);
        assertEquals(2, w.distinct(0, 2, 5));
        assertEquals(2, w.distinct(0, 1, 1));
        // the hash's lowest bit is the layout's flag: 43 is the value 42
        w.add(0, 3, 43, 8);
        assertEquals(2, w.distinct(0, 3, 5));
    }

    @Test
    void aFullRuleFoldsWithoutTouchingTheOtherRulesOfTheKey() {
        KeyWindows w = new KeyWindows(new boolean[] {false, true, false});
        for (int i = 0; i < 10; i++) {
            w.add(0, i, 1, 100);
            w.add(2, i, 5, 4);
            w.add(1, i, 100 + 2 * i, 3);
        }
        assertEquals(10, w.size(0));
        assertEquals(3, w.size(1));
        assertEquals(4, w.size(2));
        assertFalse(w.folded(0));
        assertTrue(w.folded(1));
        assertTrue(w.folded(2));
        assertEquals(10, w.sum(0, 9, 100));
        assertEquals(50, w.sum(2, 9, 100));          // folded forward: too high for short windows, exact for long ones
        assertEquals(10, w.distinct(1, 9, 100));     // folded distinct values are counted, none dropped
        assertEquals(10, w.sum(0, 9, 100));
    }

    /** Five rules of one key against plain lists of their events: adds in and out of order, queries, evictions. */
    @Test
    void figuresMatchPlainListsOfEveryRule() {
        boolean[] distinct = {false, true, false, true, false};
        KeyWindows w = new KeyWindows(distinct);
        List<List<long[]>> events = new ArrayList<>();
        for (int r = 0; r < distinct.length; r++) {
            events.add(new ArrayList<>());
        }
        Random rnd = new Random(11);
        long clock = 0;
        for (int step = 0; step < 20_000; step++) {
            int r = rnd.nextInt(distinct.length);
            clock += rnd.nextInt(3);
            long bucket = rnd.nextInt(5) == 0 ? clock - rnd.nextInt(40) : clock;
            long v = distinct[r] ? rnd.nextInt(12) * 2 + rnd.nextInt(2) : rnd.nextInt(100);
            w.add(r, bucket, v, 10_000);
            events.get(r).add(new long[] {bucket, distinct[r] ? v & ~1L : v});
            long to = rnd.nextBoolean() ? clock : clock - rnd.nextInt(30);
            long length = 1 + rnd.nextInt(60);
            for (int q = 0; q < distinct.length; q++) {
                long expected = 0;
                Set<Long> values = new HashSet<>();
                for (long[] e : events.get(q)) {
                    if (e[0] > to - length && e[0] <= to) {
                        expected += e[1];
                        values.add(e[1]);
                    }
                }
                if (distinct[q]) {
                    assertEquals(values.size(), w.distinct(q, to, length), "rule " + q + " step " + step);
                } else {
                    assertEquals(expected, w.sum(q, to, length), "rule " + q + " step " + step);
                }
            }
            if (step % 50 == 49) {
                int e = rnd.nextInt(distinct.length);
                long horizon = clock - 100 - rnd.nextInt(100);
                w.evictUpTo(e, horizon);
                events.get(e).removeIf(x -> x[0] <= horizon);
            }
        }
        for (int r = 0; r < distinct.length; r++) {
            assertFalse(w.folded(r));
        }
    }

    @Test
    void releasedWindowsRefuseEveryUse() {
        KeyWindows w = new KeyWindows(new boolean[] {false, true});
        w.add(0, 1, 5, 8);
        w.add(1, 1, 42, 8);
        assertFalse(w.released());
        w.release();
        assertTrue(w.released());
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> w.add(0, 2, 1, 8));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> w.sum(0, 2, 10));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> w.distinct(1, 2, 10));
    }

    /**
     * {@code evictAndAdd} against {@code evictUpTo} then {@code add} on a copy: the same figures,
     * sizes and fold flags for every rule after every step, on windows that move on in order (the
     * fast path: one or more entries leave, the new one opens a bucket), with late events, repeated
     * buckets and values, and folding.
     */
    @Test
    void evictAndAddEqualsEvictThenAdd() {
        checkEvictAndAddEqualsEvictThenAdd(5, false);
    }

    /** The same with the engine's form of a step, which says how far back the lateness reaches. */
    @Test
    void evictAndAddWithLatenessEqualsEvictThenAdd() {
        checkEvictAndAddEqualsEvictThenAdd(9, true);
    }

    private static void checkEvictAndAddEqualsEvictThenAdd(long seed, boolean withLateness) {
        boolean[] distinct = {false, true, false, true};
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            KeyWindows fused = new KeyWindows(distinct);
            KeyWindows twoSteps = new KeyWindows(distinct);
            int max = 3 + rnd.nextInt(20);
            long clock = 0;
            for (int step = 0; step < 3_000; step++) {
                int r = rnd.nextInt(distinct.length);
                clock += rnd.nextInt(4);
                long bucket = rnd.nextInt(8) == 0 ? clock - rnd.nextInt(30) : clock;
                long v = distinct[r] ? rnd.nextInt(10) * 2 + rnd.nextInt(2) : rnd.nextInt(100);
                long horizon = clock - 1 - rnd.nextInt(25);
                if (withLateness) {
                    long settled = clock - rnd.nextInt(5);
                    fused.evictAndAdd(r, horizon, settled, bucket, v, max);
                    twoSteps.evictUpTo(r, horizon);
                    twoSteps.add(r, settled, bucket, v, max);
                } else {
                    fused.evictAndAdd(r, horizon, bucket, v, max);
                    twoSteps.evictUpTo(r, horizon);
                    twoSteps.add(r, bucket, v, max);
                }
                for (int q = 0; q < distinct.length; q++) {
                    String where = "round " + round + " step " + step + " rule " + q;
                    assertEquals(twoSteps.size(q), fused.size(q), where);
                    assertEquals(twoSteps.folded(q), fused.folded(q), where);
                    for (long length : new long[] {1, 5, 20, 1_000}) {
                        for (long to : new long[] {clock, clock - 3}) {
                            if (distinct[q]) {
                                assertEquals(twoSteps.distinct(q, to, length), fused.distinct(q, to, length), where);
                            } else {
                                assertEquals(twoSteps.sum(q, to, length), fused.sum(q, to, length), where);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The step that moves nothing: one entry out of the first rule, one in, the second rule's entries in place. */
    @Test
    void aWindowMovingOnByOneBucketKeepsItsSizeAndTheLaterRules() {
        KeyWindows w = new KeyWindows(new boolean[] {false, true});
        w.add(0, 1, 5, 8);
        w.add(0, 2, 7, 8);
        w.add(1, 2, 42, 8);
        w.add(1, 3, 8, 8);
        w.evictAndAdd(0, 1, 4, 9, 8);        // bucket 1 leaves, bucket 4 comes
        assertEquals(2, w.size(0));
        assertEquals(16, w.sum(0, 4, 100));   // 7 + 9
        assertEquals(9, w.sum(0, 4, 1));
        assertEquals(2, w.distinct(1, 3, 100));
        w.evictAndAdd(1, 2, 5, 8, 8);        // 42 leaves; 8 again, newer: still one value
        assertEquals(2, w.size(1));
        assertEquals(1, w.distinct(1, 5, 100));
        assertEquals(1, w.distinct(1, 5, 1));
        w.evictAndAdd(0, 10, 11, 3, 8);      // both entries of rule 0 leave, one comes: rule 1 moves one entry closer
        assertEquals(1, w.size(0));
        assertEquals(3, w.sum(0, 11, 100));
        assertEquals(1, w.distinct(1, 5, 100));
        assertEquals(2, w.size(1));
    }

    /**
     * A value that comes back every bucket, at a lateness of 3 buckets and a bound of 8 entries: it
     * keeps one entry at or before the settled bucket and the three after it, so the rule
     * never folds and its figure stays 1 at every query the engine makes (at or after settled).
     */
    @Test
    void aValueThatComesBackKeepsOneEntryBeforeTheLateness() {
        KeyWindows w = new KeyWindows(ONE_DISTINCT);
        for (long b = 0; b < 500; b++) {
            w.evictAndAdd(0, b - 100 - 3, b - 3, b, 42, 8);
            assertTrue(w.size(0) <= 4, "bucket " + b + ": " + w.size(0) + " entries");
            for (long q = Math.max(0, b - 3); q <= b; q++) {
                assertEquals(1, w.distinct(0, q, 1 + b - q), "bucket " + b + " query at " + q);
            }
        }
        assertEquals(4, w.size(0)); // buckets 496 (settled) to 499
        assertFalse(w.folded(0));
        assertEquals(0, w.distinct(0, 495, 1)); // bucket 495 was dropped: a query before settled, which the engine reports as not exact
        // an event later than the lateness is kept for its own (not exact) figure, and goes with the next repeat
        w.evictAndAdd(0, 399, 496, 490, 42, 8);
        assertEquals(1, w.distinct(0, 490, 1));
        assertEquals(5, w.size(0));
        w.evictAndAdd(0, 399, 497, 500, 42, 8);
        assertEquals(0, w.distinct(0, 490, 1));
        assertEquals(4, w.size(0)); // 497 to 500
        // another value in between leaves the repeats of the first one alone
        w.evictAndAdd(0, 400, 497, 500, 8, 8);
        assertEquals(2, w.distinct(0, 500, 10));
    }

    /**
     * Distinct rules fed random values in order and up to the lateness late, with no bound reached:
     * every query at or after the settled bucket (newest less the lateness) equals the plain list of
     * events, although values seen again keep only one entry at or before settled; and the running
     * figure equals counting the entries.
     */
    @Test
    void droppingRepeatsChangesNoFigureAtOrAfterSettled() {
        boolean[] distinct = {true, false, true};
        Random rnd = new Random(31);
        long lateness = 5;
        long checked = 0;
        for (int round = 0; round < 10; round++) {
            KeyWindows w = new KeyWindows(distinct);
            List<long[]> events = new ArrayList<>();
            long newest = 0;
            int values = 2 + rnd.nextInt(10);
            int most = 0;
            for (int step = 0; step < 3_000; step++) {
                long clock = newest + rnd.nextInt(3);
                long bucket = rnd.nextInt(4) == 0 ? clock - rnd.nextInt((int) lateness + 1) : clock;
                bucket = Math.max(bucket, newest - lateness);
                newest = Math.max(newest, bucket);
                long v = 2L * rnd.nextInt(values);
                int r = rnd.nextBoolean() ? 0 : 2;
                long window = 60;
                w.evictAndAdd(r, newest - window - lateness, newest - lateness, bucket, v, 10_000);
                events.add(new long[] {r, bucket, v});
                most = Math.max(most, w.size(r));
                for (int q = 0; q < 3; q += 2) {
                    for (long to = newest - lateness; to <= newest + 1; to++) {
                        for (long length : new long[] {1, 4, 20, window}) {
                            Set<Long> seen = new HashSet<>();
                            for (long[] e : events) {
                                if (e[0] == q && e[1] > to - length && e[1] <= to) {
                                    seen.add(e[2]);
                                }
                            }
                            String where = "round " + round + " step " + step + " rule " + q + " at " + to + " length " + length;
                            assertEquals(seen.size(), w.distinct(q, to, length), where);
                            assertEquals(seen.size(), w.distinctBySorting(q, to, length), where);
                            checked++;
                        }
                    }
                }
            }
            // without the drops a rule kept one entry per bucket and value over the window: 30 to 60
            assertTrue(most <= values + 4 * (lateness + 1), "round " + round + ": " + most + " entries for " + values + " values");
        }
        assertTrue(checked > 100_000);
    }

    /**
     * The running figure of a distinct rule (its number of newest entries, which an in-order query
     * starts from) against counting the window's entries by sorting, after every step of random
     * streams with late events, evictions, both kinds of step and folding at small bounds.
     */
    @Test
    void runningDistinctFiguresEqualCountingTheEntries() {
        boolean[] distinct = {true, false, true};
        Random rnd = new Random(23);
        long checked = 0;
        for (int round = 0; round < 20; round++) {
            KeyWindows w = new KeyWindows(distinct);
            int max = 2 + rnd.nextInt(12);
            long clock = 0;
            long[] newest = new long[distinct.length];
            for (int step = 0; step < 2_000; step++) {
                int r = rnd.nextInt(distinct.length);
                clock += rnd.nextInt(4);
                long bucket = rnd.nextInt(6) == 0 ? clock - rnd.nextInt(30) : clock;
                long v = distinct[r] ? rnd.nextInt(8) * 2 + rnd.nextInt(2) : rnd.nextInt(100);
                if (rnd.nextBoolean()) {
                    w.evictAndAdd(r, clock - 1 - rnd.nextInt(25), bucket, v, max);
                } else {
                    if (rnd.nextInt(10) == 0) {
                        w.evictUpTo(r, clock - rnd.nextInt(40));
                    }
                    w.add(r, bucket, v, max);
                }
                newest[r] = Math.max(newest[r], bucket);
                for (int q = 0; q < distinct.length; q += 2) {
                    for (long length : new long[] {1, 3, 10, 40, 1_000}) {
                        long to = newest[q] + rnd.nextInt(3); // at or after every entry: the running figure
                        assertEquals(w.distinctBySorting(q, to, length), w.distinct(q, to, length),
                                "round " + round + " step " + step + " rule " + q + " length " + length);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 100_000);
    }
}
