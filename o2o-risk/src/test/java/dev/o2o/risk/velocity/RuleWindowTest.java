package dev.o2o.risk.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleWindowTest {
    @Test
    void entriesStayWithinTheBoundAndFoldingKeepsTheTotal() {
        RuleWindow w = new RuleWindow();
        for (int i = 0; i < 1000; i++) {
            w.add(i, 2, false, 64);
            assertTrue(w.size() <= 64);
        }
        assertTrue(w.folded());
        assertEquals(2000, w.sum(999, 10_000));
        w.evictUpTo(999);
        assertEquals(0, w.size());
        assertFalse(w.folded());
    }

    @Test
    void sameBucketsMergeAndOutOfOrderEntriesAreSorted() {
        RuleWindow w = new RuleWindow();
        w.add(10, 1, false, 8);
        w.add(5, 1, false, 8);
        w.add(10, 1, false, 8);
        w.add(7, 1, false, 8);
        assertEquals(3, w.size());
        assertEquals(3, w.sum(10, 4));   // buckets 7 and 10
        assertEquals(4, w.sum(10, 6));   // 5, 7, 10
        w.evictUpTo(6);
        assertEquals(3, w.sum(10, 100));
    }

    @Test
    void distinctEntriesAreOnePerBucketAndValue() {
        RuleWindow w = new RuleWindow();
        w.add(1, 42, true, 8);
        w.add(1, 42, true, 8);
        w.add(2, 42, true, 8);
        w.add(2, 7, true, 8);
        assertEquals(3, w.size());
        assertEquals(2, w.distinct(2, 5));
        assertEquals(1, w.distinct(1, 5));
        assertEquals(2, w.distinct(2, 1));
    }
}
