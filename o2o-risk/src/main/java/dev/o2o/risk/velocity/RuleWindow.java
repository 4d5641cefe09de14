package dev.o2o.risk.velocity;

import java.util.Arrays;

/**
 * The entries of one rule for one key: {@code (bucket, value)} pairs in one {@code long[]}, sorted
 * by bucket. For COUNT and SUM one entry per bucket holds the bucket's total; for DISTINCT one
 * entry per bucket and value hash. A primitive layout because a million keys times twenty rules
 * must stay under 200 bytes each (see the guard benchmark); an empty window is 16 bytes of header
 * plus the array.
 *
 * <p>Not thread-safe: the engine holds the key's lock.
 */
final class RuleWindow {
    private long[] data = new long[4];
    private int size;
    private boolean folded;
    /** The sum of all values (count and sum windows), so that an in-order query skips only the old entries. */
    private long total;

    int size() {
        return size;
    }

    /** Whether entries were folded since the window was last empty. */
    boolean folded() {
        return folded;
    }

    private long bucket(int i) {
        return data[2 * i];
    }

    private long value(int i) {
        return data[2 * i + 1];
    }

    /** Adds {@code v} at {@code bucket}: summed into the bucket's entry, or (distinct) one entry per value. */
    void add(long bucket, long v, boolean distinct, int maxEntries) {
        int i = size - 1;
        while (i >= 0 && bucket(i) > bucket) {
            i--;
        }
        if (distinct) {
            for (int j = i; j >= 0 && bucket(j) == bucket; j--) {
                if (value(j) == v) {
                    return;
                }
            }
        } else if (i >= 0 && bucket(i) == bucket) {
            data[2 * i + 1] += v;
            total += v;
            return;
        }
        total += v;
        insert(i + 1, bucket, v);
        if (size > maxEntries) {
            fold(distinct);
        }
    }

    private void insert(int at, long bucket, long v) {
        if (2 * size + 2 > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        System.arraycopy(data, 2 * at, data, 2 * at + 2, 2 * (size - at));
        data[2 * at] = bucket;
        data[2 * at + 1] = v;
        size++;
    }

    /** Folds the oldest entry into the next (count and sum: moved forward; distinct: dropped). */
    private void fold(boolean distinct) {
        if (!distinct) {
            data[3] += data[1];
            total += data[1];  // removeFirst takes it off again: folding keeps the total
        }
        removeFirst(1);
        folded = true;
    }

    private void removeFirst(int n) {
        for (int i = 0; i < n; i++) {
            total -= data[2 * i + 1];
        }
        System.arraycopy(data, 2 * n, data, 0, 2 * (size - n));
        size -= n;
        if (size == 0) {
            folded = false;
        }
        if (data.length > 8 && 8 * size < data.length) {
            data = Arrays.copyOf(data, Math.max(4, data.length / 2));
        }
    }

    /** Drops the entries at or before {@code horizon}. */
    void evictUpTo(long horizon) {
        int n = 0;
        while (n < size && bucket(n) <= horizon) {
            n++;
        }
        if (n > 0) {
            removeFirst(n);
        }
    }

    /** The total of values in buckets {@code (to - length, to]}. */
    long sum(long to, long length) {
        long from = to - length;
        if (size > 0 && bucket(size - 1) <= to) {
            // the usual case, an event at or after every entry: the total less the entries before the window
            long s = total;
            for (int i = 0; i < size && bucket(i) <= from; i++) {
                s -= value(i);
            }
            return s;
        }
        long s = 0;
        for (int i = 0; i < size; i++) {
            long b = bucket(i);
            if (b > from && b <= to) {
                s += value(i);
            }
        }
        return s;
    }

    /** The number of distinct values in buckets {@code (to - length, to]}. */
    long distinct(long to, long length) {
        long from = to - length;
        long[] seen = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            long b = bucket(i);
            if (b > from && b <= to) {
                seen[n++] = value(i);
            }
        }
        if (n < 2) {
            return n;
        }
        Arrays.sort(seen, 0, n);
        long d = 1;
        for (int i = 1; i < n; i++) {
            if (seen[i] != seen[i - 1]) {
                d++;
            }
        }
        return d;
    }
}
