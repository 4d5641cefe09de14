package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MergeLogTest {

    @Test
    void recordsInOrderGrowsAndForgetsByLink() {
        MergeLog log = new MergeLog(1);
        for (int l = 0; l < 100; l++) {
            log.record(l, l, l + 1000);
        }
        assertEquals(100, log.size());
        assertEquals(99L, log.sequence(99));
        assertEquals(1099, log.absorbed(99));
        assertEquals(50, log.removeIf(l -> l % 2 == 0));
        assertEquals(50, log.size());
        assertEquals(1, log.link(0));
        assertEquals(1L, log.sequence(0)); // sequence numbers keep their gaps
        assertEquals(99, log.survivor(49));
        log.record(500, 7, 8);
        assertEquals(100L, log.sequence(50)); // and new ones continue after the last ever given
    }
}
