package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairSetTest {

    /** Slot hashes: deliberately colliding often (8 distinct values), so probing and tombstones are exercised. */
    static int hash(int slot) {
        return slot % 8;
    }

    @Test
    void behavesAsASetOfUnorderedPairsAgainstAModel() {
        PairSet set = new PairSet(4, PairSetTest::hash);
        Set<Long> model = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 20_000; step++) {
            int a = random.nextInt(200);
            int b = random.nextInt(200);
            long key = PairSet.key(a, b);
            assertEquals(key, PairSet.key(b, a));
            boolean in = set.contains(key, hash(a), hash(b));
            assertEquals(model.contains(key), in, "step " + step);
            assertEquals(set.position(hash(a), hash(b)), set.position(hash(b), hash(a)));
            if (random.nextInt(3) == 0) {
                set.remove(key, hash(a), hash(b));
                model.remove(key);
            } else if (!in) {
                set.add(key, hash(a), hash(b));
                model.add(key);
            }
        }
        assertTrue(set.tableSize() >= 16);
        for (long key : model) {
            int a = (int) (key >>> 32);
            int b = (int) key;
            assertTrue(set.contains(key, hash(a), hash(b)));
        }
    }

    @Test
    void renamingFollowsTheNodeTable() {
        PairSet set = new PairSet(16, PairSetTest::hash);
        set.add(PairSet.key(1, 2), hash(1), hash(2));
        set.add(PairSet.key(3, 4), hash(3), hash(4));
        set.remove(PairSet.key(3, 4), hash(3), hash(4));
        int[] moved = {-1, 11, 12, 13, 14};
        set.rename(moved);
        assertTrue(set.contains(PairSet.key(11, 12), hash(11), hash(12)));
        assertFalse(set.contains(PairSet.key(1, 2), hash(1), hash(2)));
        assertFalse(set.contains(PairSet.key(13, 14), hash(13), hash(14)));
    }
}
