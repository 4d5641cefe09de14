package dev.o2o.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The line where each key (an order id) was first read, for
 * {@link AbstractRecordReader#requireUnique}: keys' characters in pages of one {@code char[]},
 * an open-addressing table of primitive references and lines.
 *
 * <p>What it buys: a {@code HashMap<String, Long>} holds four objects per key (node, boxed line,
 * string, its bytes); on 10 million orders ({@code o2o rfm}) the collector traced and copied
 * those 40 million objects again and again, 13 s of a 40 s run (benchmarks/RESULTS.md, section
 * cli). Here a key costs its characters (two bytes each) and 24 to 32 bytes of table, and nothing for
 * the collector to trace.
 *
 * <p>Keys are hashed with a seed drawn per instance, so that ids crafted to collide (as
 * {@code String.hashCode} collisions are easy to write) cannot turn the probes quadratic; the seed
 * changes only where keys sit in the table, never an answer. Not thread-safe.
 */
final class FirstLines {

    private static final int PAGE_CHARS = 1 << 20;
    private static final int MAX_CAPACITY = 1 << 28;

    private final long seed = ThreadLocalRandom.current().nextLong();
    private final List<char[]> pages = new ArrayList<>();
    private int used = PAGE_CHARS;
    /**
     * Three longs a slot, side by side so that a probe reads one cache line: the key's reference
     * (page index * 2^32 + offset + 1; 0 is an empty slot), its hash * 2^32 + length, its line.
     */
    private long[] slots = new long[3 << 10];
    private int capacity = 1 << 10;
    private int size;

    /**
     * Records {@code line} for {@code key} unless the key was recorded before.
     *
     * @return the line recorded first for the key, or -1 if it is new (and now recorded)
     */
    long putIfAbsent(String key, long line) {
        int hash = hash(key);
        long hashAndLength = ((long) hash << 32) | key.length();
        int mask = capacity - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int at = 3 * i;
            if (slots[at] == 0) {
                slots[at] = store(key);
                slots[at + 1] = hashAndLength;
                slots[at + 2] = line;
                if (++size > capacity - (capacity >> 2)) {
                    grow();
                }
                return -1;
            }
            if (slots[at + 1] == hashAndLength && equal(slots[at], key)) {
                return slots[at + 2];
            }
        }
    }

    /**
     * Makes room for about {@code keys} keys in all, so that a read whose size can be estimated
     * (a file of known length, see {@link ParallelNdjsonReader}) does not rehash the table again and
     * again as it grows; a hint only, never an answer.
     */
    void expect(long keys) {
        long wanted = Math.min(MAX_CAPACITY, Math.max(keys, size) + (Math.max(keys, size) >> 1));
        int c = capacity;
        while (c < wanted) {
            c *= 2;
        }
        if (c > capacity) {
            resize(c);
        }
    }

    /** How many keys are recorded. */
    int size() {
        return size;
    }

    private int hash(String key) {
        long h = seed;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private long store(String key) {
        int n = key.length();
        if (used + n > PAGE_CHARS || pages.isEmpty()) {
            pages.add(new char[Math.max(PAGE_CHARS, n)]);
            used = 0;
        }
        int page = pages.size() - 1;
        key.getChars(0, n, pages.get(page), used);
        long ref = ((long) page << 32) + used + 1;
        used += n;
        return ref;
    }

    private boolean equal(long ref, String key) {
        char[] page = pages.get((int) (ref >>> 32));
        int from = (int) ref - 1;
        for (int i = 0; i < key.length(); i++) {
            if (page[from + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        if (capacity == MAX_CAPACITY) {
            throw new IllegalStateException("more than " + (MAX_CAPACITY - (MAX_CAPACITY >> 2)) + " keys");
        }
        resize(capacity * 2);
    }

    private void resize(int newCapacity) {
        long[] old = slots;
        capacity = newCapacity;
        slots = new long[3 * capacity];
        int mask = capacity - 1;
        for (int j = 0; j < old.length; j += 3) {
            if (old[j] != 0) {
                int i = (int) (old[j + 1] >>> 32) & mask;
                while (slots[3 * i] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, j, slots, 3 * i, 3);
            }
        }
    }
}
