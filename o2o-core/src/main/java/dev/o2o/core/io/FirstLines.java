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
 * cli). Here a key costs its characters (two bytes each) and 24 bytes of table, and nothing for
 * the collector to trace.
 *
 * <p>Keys are hashed with a seed drawn per instance, so that ids crafted to collide (as
 * {@code String.hashCode} collisions are easy to write) cannot turn the probes quadratic; the seed
 * changes only where keys sit in the table, never an answer. Not thread-safe.
 */
final class FirstLines {

    private static final int PAGE_CHARS = 1 << 20;
    private static final int MAX_CAPACITY = 1 << 30;

    private final long seed = ThreadLocalRandom.current().nextLong();
    private final List<char[]> pages = new ArrayList<>();
    private int used = PAGE_CHARS;
    /** Per slot: page index * 2^32 + offset + 1; 0 is an empty slot. */
    private long[] refs = new long[1 << 10];
    private int[] lengths = new int[1 << 10];
    private int[] hashes = new int[1 << 10];
    private long[] lines = new long[1 << 10];
    private int size;

    /**
     * Records {@code line} for {@code key} unless the key was recorded before.
     *
     * @return the line recorded first for the key, or -1 if it is new (and now recorded)
     */
    long putIfAbsent(String key, long line) {
        int hash = hash(key);
        int mask = refs.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            if (refs[i] == 0) {
                refs[i] = store(key);
                lengths[i] = key.length();
                hashes[i] = hash;
                lines[i] = line;
                if (++size > refs.length - (refs.length >> 2)) {
                    grow();
                }
                return -1;
            }
            if (hashes[i] == hash && lengths[i] == key.length() && equal(refs[i], key)) {
                return lines[i];
            }
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
        if (refs.length == MAX_CAPACITY) {
            throw new IllegalStateException("more than " + (MAX_CAPACITY - (MAX_CAPACITY >> 2)) + " keys");
        }
        long[] oldRefs = refs;
        int[] oldLengths = lengths;
        int[] oldHashes = hashes;
        long[] oldLines = lines;
        int n = oldRefs.length * 2;
        refs = new long[n];
        lengths = new int[n];
        hashes = new int[n];
        lines = new long[n];
        int mask = n - 1;
        for (int j = 0; j < oldRefs.length; j++) {
            if (oldRefs[j] != 0) {
                int i = oldHashes[j] & mask;
                while (refs[i] != 0) {
                    i = (i + 1) & mask;
                }
                refs[i] = oldRefs[j];
                lengths[i] = oldLengths[j];
                hashes[i] = oldHashes[j];
                lines[i] = oldLines[j];
            }
        }
    }
}
