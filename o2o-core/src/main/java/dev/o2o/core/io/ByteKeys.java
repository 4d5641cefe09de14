package dev.o2o.core.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keys given as UTF-8 bytes, numbered 0, 1, 2... in the order they were first added, with a
 * {@code long} remembered per key: the order ids' first lines and the customers' numbers of
 * {@link OrderFactsReader}. Keys' bytes sit in pages of one {@code byte[]}; the table is one
 * {@code long} a slot (the key's 32-bit hash and its number), so that a probe is one cache line
 * and nothing is there for the collector to trace.
 *
 * <p>What it buys: on 10 million orders ({@code o2o rfm}) the id check of {@link FirstLines}
 * (three longs a slot, a {@code String} per id) was most of the reading thread's time; here the
 * hash is computed on the parsing threads ({@link #hash}) and the reading thread only probes.
 * Two well-formed strings are equal exactly when their UTF-8 bytes are, so keys compare as bytes.
 *
 * <p>Keys are hashed with a seed drawn per instance, so that ids crafted to collide cannot turn
 * the probes quadratic; the seed changes where keys sit, never an answer. {@link #hash} may be
 * called from any thread; everything else is not thread-safe.
 */
final class ByteKeys {

    private static final int PAGE_BYTES = 1 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_CAPACITY = 1 << 30;

    private final long seed = ThreadLocalRandom.current().nextLong();
    private final List<byte[]> pages = new ArrayList<>();
    private int used = PAGE_BYTES;
    /** Per key number: page index * 2^32 + offset in it. */
    private long[] where = new long[1 << 10];
    /** Per key number: its length in bytes. */
    private int[] length = new int[1 << 10];
    /** Per key number: the value given when it was added. */
    private long[] value = new long[1 << 10];
    /** A slot: hash * 2^32 + key number + 1; 0 is empty. */
    private long[] slots = new long[1 << 10];
    private int size;

    /** The hash of {@code bytes[from, from + n)}; the same for the same bytes, from any thread. */
    int hash(byte[] bytes, int from, int n) {
        long h = seed ^ n;
        int i = from;
        int end = from + n;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ longAt(bytes, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
        }
        for (; i < end; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private static long longAt(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * The number of the key {@code bytes[from, from + n)} whose {@link #hash} is {@code hash},
     * adding it with {@code valueIfNew} if it is new.
     *
     * @return its number if it was there already, or {@code -(number + 1)} if it was added now
     */
    int add(byte[] bytes, int from, int n, int hash, long valueIfNew) {
        int i = slot(bytes, from, n, hash);
        if (slots[i] != 0) {
            return (int) slots[i] - 1;
        }
        int number = append(bytes, from, n, valueIfNew);
        slots[i] = (long) hash << 32 | (number + 1L);
        if (size > slots.length - (slots.length >> 2)) {
            resize(slots.length * 2);
        }
        return -(number + 1);
    }

    /** The number of the key {@code bytes[from, from + n)} whose {@link #hash} is {@code hash}, or -1. */
    int find(byte[] bytes, int from, int n, int hash) {
        return (int) slots[slot(bytes, from, n, hash)] - 1;
    }

    /** The slot of the key, or the empty slot where it would go. */
    private int slot(byte[] bytes, int from, int n, int hash) {
        int mask = slots.length - 1;
        long tag = (long) hash << 32;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0 || (s & 0xFFFFFFFF00000000L) == tag && matches((int) s - 1, bytes, from, n)) {
                return i;
            }
        }
    }

    /**
     * Appends a key without entering it in the hash table, for keys kept in the order of their
     * bytes and searched by {@link #compare} (see {@link UniqueIds}); such keys are not found by
     * {@link #add} or {@link #find}.
     *
     * @return its number
     */
    int addUnhashed(byte[] bytes, int from, int n, long value) {
        return append(bytes, from, n, value);
    }

    /** Whether key {@code number} is {@code bytes[from, from + n)}. */
    boolean matches(int number, byte[] bytes, int from, int n) {
        long w = where[number];
        int at = (int) w;
        return length[number] == n && Arrays.equals(pages.get((int) (w >>> 32)), at, at + n, bytes, from, from + n);
    }

    /** Key {@code number} against {@code bytes[from, from + n)}, bytes compared unsigned: below, equal or above 0. */
    int compare(int number, byte[] bytes, int from, int n) {
        long w = where[number];
        int at = (int) w;
        return Arrays.compareUnsigned(pages.get((int) (w >>> 32)), at, at + length[number], bytes, from, from + n);
    }

    /** Makes room for about {@code keys} keys in all, so that the table is not rehashed again and again; a hint only. */
    void expect(long keys) {
        long wanted = Math.min(MAX_CAPACITY, Math.max(keys, size) + (Math.max(keys, size) >> 1));
        int c = slots.length;
        while (c < wanted) {
            c *= 2;
        }
        if (c > slots.length) {
            resize(c);
        }
    }

    /** How many keys there are. */
    int size() {
        return size;
    }

    /** The value given when key {@code number} was added. */
    long value(int number) {
        return value[number];
    }

    /**
     * Key {@code number} decoded from UTF-8.
     *
     * @throws IndexOutOfBoundsException if there is no key of that number
     */
    String key(int number) {
        if (number < 0 || number >= size) {
            throw new IndexOutOfBoundsException("no key " + number + " of " + size);
        }
        long w = where[number];
        return new String(pages.get((int) (w >>> 32)), (int) w, length[number], StandardCharsets.UTF_8);
    }

    private int append(byte[] bytes, int from, int n, long v) {
        if (size == MAX_CAPACITY - (MAX_CAPACITY >> 2)) {
            throw new IllegalStateException("more than " + size + " keys");
        }
        if (used + n > PAGE_BYTES || pages.isEmpty()) {
            pages.add(new byte[Math.max(PAGE_BYTES, n)]);
            used = 0;
        }
        if (size == where.length) {
            int c = size * 2;
            where = Arrays.copyOf(where, c);
            length = Arrays.copyOf(length, c);
            value = Arrays.copyOf(value, c);
        }
        System.arraycopy(bytes, from, pages.get(pages.size() - 1), used, n);
        where[size] = ((long) (pages.size() - 1) << 32) | used;
        length[size] = n;
        value[size] = v;
        used += n;
        return size++;
    }

    private void resize(int capacity) {
        long[] old = slots;
        slots = new long[capacity];
        int mask = capacity - 1;
        for (long s : old) {
            if (s != 0) {
                int i = (int) (s >>> 32) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
            }
        }
    }
}
