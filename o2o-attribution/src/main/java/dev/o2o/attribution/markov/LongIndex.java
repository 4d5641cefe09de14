package dev.o2o.attribution.markov;

import java.util.Arrays;

/** Assigns dense indexes 0, 1, 2, ... to distinct long keys (open addressing). Not thread-safe. */
final class LongIndex {
    private long[] keys;
    private int[] slots;
    private long[] byIndex = new long[64];
    private int size;

    LongIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        slots = new int[cap];
        Arrays.fill(slots, -1);
    }

    int size() {
        return size;
    }

    long key(int index) {
        return byIndex[index];
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The index of {@code key}, adding it if new. */
    int indexOf(long key) {
        int mask = slots.length - 1;
        int s = mix(key) & mask;
        while (slots[s] >= 0) {
            if (keys[s] == key) {
                return slots[s];
            }
            s = (s + 1) & mask;
        }
        int id = size++;
        keys[s] = key;
        slots[s] = id;
        if (id == byIndex.length) {
            byIndex = Arrays.copyOf(byIndex, id * 2);
        }
        byIndex[id] = key;
        if (size * 2 > slots.length) {
            grow();
        }
        return id;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldSlots.length * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] >= 0) {
                int s = mix(oldKeys[i]) & mask;
                while (slots[s] >= 0) {
                    s = (s + 1) & mask;
                }
                keys[s] = oldKeys[i];
                slots[s] = oldSlots[i];
            }
        }
    }
}
