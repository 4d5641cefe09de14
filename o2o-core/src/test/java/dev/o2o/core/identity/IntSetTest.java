package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntSetTest {

    @Test
    void addsContainsAndGrows() {
        IntSet set = new IntSet();
        for (int i = 0; i < 1000; i += 3) {
            assertTrue(set.add(i));
        }
        assertFalse(set.add(0));
        assertFalse(set.add(999));
        assertEquals(334, set.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i % 3 == 0, set.contains(i), "" + i);
        }
        assertTrue(set.add(Integer.MAX_VALUE - 1));
        assertTrue(set.contains(Integer.MAX_VALUE - 1));
    }
}
