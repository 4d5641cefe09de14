package dev.o2o.risk.velocity;

import java.util.Arrays;

/**
 * The windows of every rule of one key in one {@code long[]}. A primitive layout because the guard
 * benchmark (20 rules over a million keys, target 2 µs per event) missed its target by three times
 * with an object and an array per rule and key: counting an event into ten rules of a key then
 * touched twenty cold objects. Here it touches one array.
 *
 * <p>Layout of {@code data}:
 * <pre>
 * [0, rules)         per rule: its number of entries (low 32 bits), {@link #FOLDED} and {@link #DISTINCT}
 * [rules, 2 rules)   per rule: the total of its entries' values (count and sum rules), or the number of
 *                    its entries that are their value's newest (distinct rules)
 * [2 rules, ...)     the rules' entries back to back, rule 0 first, each two longs (bucket, value),
 *                    sorted by bucket within a rule; then spare room
 * </pre>
 * For a count or sum rule one entry per bucket holds that bucket's total. For a distinct rule one
 * entry per bucket and value hash; the hash's lowest bit marks the newest entry of its value (so
 * hashes keep 63 bits), which lets an in-order query count the values in a window without sorting.
 * Both kinds keep a running figure in the second header word, so that an in-order query only reads
 * the entries that lie before its window (usually none) rather than every entry in it: a busy store's
 * or clerk's distinct window holds up to {@code maxEntries} of them.
 *
 * <p>Not thread-safe: the engine holds the key's lock.
 */
class KeyWindows {
    private static final long FOLDED = 1L << 32;
    private static final long DISTINCT = 1L << 33;
    private static final long SIZE = 0xffff_ffffL;
    private static final long NEWEST = 1L;
    /** The windows of a released key: empty, so that a use after {@link #release()} fails at once. */
    private static final long[] RELEASED = new long[0];

    private final int rules;
    private long[] data;
    /** Entries over all rules. */
    private int entries;

    /** Windows for {@code distinct.length} rules; {@code distinct[i]} says whether rule i counts distinct values. */
    KeyWindows(boolean[] distinct) {
        rules = distinct.length;
        data = new long[6 * rules]; // the header and room for two entries per rule
        for (int i = 0; i < rules; i++) {
            data[i] = distinct[i] ? DISTINCT : 0;
        }
    }

    /** Drops every window: the key was evicted. Any later update or query throws. */
    final void release() {
        data = RELEASED;
        entries = 0;
    }

    /**
     * Whether {@link #release()} was called. This reads the array's length, which lies in the same
     * cache line as the start of the windows: the engine calls it on every key of an event before it
     * takes any key's lock, so the cache misses on the keys' windows overlap instead of coming one
     * after the other. (Comparing {@code data} with {@code RELEASED} would not read the array.)
     * Called without the lock it is only a hint, to be repeated under the lock.
     */
    final boolean released() {
        return data.length == 0;
    }

    /** The number of entries of {@code rule}. */
    final int size(int rule) {
        return (int) (data[rule] & SIZE);
    }

    /** Whether entries of {@code rule} were folded since its window was last empty. */
    final boolean folded(int rule) {
        return (data[rule] & FOLDED) != 0;
    }

    private boolean isDistinct(int rule) {
        return (data[rule] & DISTINCT) != 0;
    }

    /** Where the entries of {@code rule} start in {@code data}. */
    private int start(int rule) {
        int s = 2 * rules;
        for (int j = 0; j < rule; j++) {
            s += 2 * (int) (data[j] & SIZE);
        }
        return s;
    }

    private int end() {
        return 2 * rules + 2 * entries;
    }

    /**
     * Adds {@code v} at {@code bucket} to {@code rule}: summed into the bucket's entry, or for a
     * distinct rule one entry per bucket and value hash. When the rule then has more than
     * {@code maxEntries} entries its oldest one is folded: a count or sum moves into the next entry
     * (figures may then be too high, never too low), a distinct value is dropped.
     */
    final void add(int rule, long bucket, long v, int maxEntries) {
        int s = start(rule);
        int n = size(rule);
        int i = n - 1; // the last entry at or before bucket
        while (i >= 0 && data[s + 2 * i] > bucket) {
            i--;
        }
        boolean distinct = isDistinct(rule);
        if (distinct) {
            long value = v & ~NEWEST;
            for (int j = i; j >= 0 && data[s + 2 * j] == bucket; j--) {
                if ((data[s + 2 * j + 1] & ~NEWEST) == value) {
                    return;
                }
            }
            boolean newest = true;
            for (int j = 0; j < n; j++) {
                if ((data[s + 2 * j + 1] & ~NEWEST) == value) {
                    if (j <= i) {
                        data[rules + rule] -= data[s + 2 * j + 1] & NEWEST;
                        data[s + 2 * j + 1] = value; // an older entry of the value: no longer its newest
                    } else {
                        newest = false;
                    }
                }
            }
            if (newest) {
                data[rules + rule]++;
            }
            insert(rule, s + 2 * (i + 1), bucket, newest ? value | NEWEST : value);
        } else {
            data[rules + rule] += v;
            if (i >= 0 && data[s + 2 * i] == bucket) {
                data[s + 2 * i + 1] += v;
                return;
            }
            insert(rule, s + 2 * (i + 1), bucket, v);
        }
        if (n + 1 > maxEntries) {
            if (!distinct) {
                data[s + 3] += data[s + 1];
                data[s + 1] = 0; // moved, so removing the entry keeps the total
            }
            removeFirst(rule, s, 1);
            data[rule] |= FOLDED;
        }
    }

    private void insert(int rule, int at, long bucket, long v) {
        int end = end();
        if (end + 2 > data.length) {
            data = Arrays.copyOf(data, end + 2 * Math.max(2, entries)); // twice the room
        }
        System.arraycopy(data, at, data, at + 2, end - at);
        data[at] = bucket;
        data[at + 1] = v;
        data[rule]++;
        entries++;
    }

    /**
     * {@link #evictUpTo evictUpTo(rule, horizon)} then {@link #add add(rule, bucket, v, maxEntries)},
     * with the same result. In the usual step of a window (entries leave at its old end and the new
     * one opens a bucket after every entry left) the new entry takes the room of the ones that left,
     * so the later rules' entries move at most once, by the difference, and not at all when one entry
     * leaves and one comes: a cold key whose short windows have expired, or a busy key's window moving
     * on by one bucket.
     */
    final void evictAndAdd(int rule, long horizon, long bucket, long v, int maxEntries) {
        int s = start(rule);
        int n = size(rule);
        int k = 0;
        while (k < n && data[s + 2 * k] <= horizon) {
            k++;
        }
        if (k == 0 || bucket <= horizon || (k < n && data[s + 2 * (n - 1)] >= bucket)) {
            // nothing leaves, or the new entry does not open a bucket after the rest: the two steps
            if (k > 0) {
                removeFirst(rule, s, k);
            }
            add(rule, bucket, v, maxEntries);
            return;
        }
        boolean distinct = isDistinct(rule);
        long entry = v;
        long figure = data[rules + rule];
        if (distinct) {
            entry = (v & ~NEWEST) | NEWEST; // after every entry left, so the value's newest
            figure++;
            for (int j = 0; j < k; j++) {
                figure -= data[s + 2 * j + 1] & NEWEST;
            }
            for (int j = k; j < n; j++) {
                if ((data[s + 2 * j + 1] & ~NEWEST) == (v & ~NEWEST)) {
                    figure -= data[s + 2 * j + 1] & NEWEST;
                    data[s + 2 * j + 1] &= ~NEWEST;
                }
            }
        } else {
            figure += v;
            for (int j = 0; j < k; j++) {
                figure -= data[s + 2 * j + 1];
            }
        }
        data[rules + rule] = figure;
        int kept = n - k;
        System.arraycopy(data, s + 2 * k, data, s, 2 * kept);
        data[s + 2 * kept] = bucket;
        data[s + 2 * kept + 1] = entry;
        if (k > 1) {
            int end = end();
            System.arraycopy(data, s + 2 * n, data, s + 2 * (kept + 1), end - s - 2 * n);
        }
        data[rule] -= k - 1;
        entries -= k - 1;
        if (kept == 0) {
            data[rule] &= ~FOLDED; // the window was empty before the new entry
        }
        shrinkIfSparse();
    }

    private void removeFirst(int rule, int s, int n) {
        boolean distinct = isDistinct(rule);
        for (int k = 0; k < n; k++) {
            data[rules + rule] -= distinct ? data[s + 2 * k + 1] & NEWEST : data[s + 2 * k + 1];
        }
        int end = end();
        System.arraycopy(data, s + 2 * n, data, s, end - s - 2 * n);
        data[rule] -= n;
        entries -= n;
        if (size(rule) == 0) {
            data[rule] &= ~FOLDED;
        }
        shrinkIfSparse();
    }

    /** Gives back room when a key that once had many entries has few: at most four times the room used. */
    private void shrinkIfSparse() {
        int room = (data.length - 2 * rules) / 2;
        if (room > 16 && 4 * entries < room) {
            data = Arrays.copyOf(data, 2 * rules + 2 * Math.max(2 * rules, 2 * entries));
        }
    }

    /** Drops the entries of {@code rule} at or before {@code horizon}. */
    final void evictUpTo(int rule, long horizon) {
        int s = start(rule);
        int n = size(rule);
        int k = 0;
        while (k < n && data[s + 2 * k] <= horizon) {
            k++;
        }
        if (k > 0) {
            removeFirst(rule, s, k);
        }
    }

    /** The total of the values of {@code rule} in buckets {@code (to - length, to]}. */
    final long sum(int rule, long to, long length) {
        int s = start(rule);
        int n = size(rule);
        long from = to - length;
        if (n > 0 && data[s + 2 * (n - 1)] <= to) {
            // the usual case, a query at or after every entry: the total less the entries before the window
            long sum = data[rules + rule];
            for (int k = 0; k < n && data[s + 2 * k] <= from; k++) {
                sum -= data[s + 2 * k + 1];
            }
            return sum;
        }
        long sum = 0;
        for (int k = 0; k < n; k++) {
            long b = data[s + 2 * k];
            if (b > from && b <= to) {
                sum += data[s + 2 * k + 1];
            }
        }
        return sum;
    }

    /** The number of distinct values of {@code rule} in buckets {@code (to - length, to]}. */
    final long distinct(int rule, long to, long length) {
        int s = start(rule);
        int n = size(rule);
        long from = to - length;
        if (n == 0) {
            return 0;
        }
        if (data[s + 2 * (n - 1)] <= to) {
            // a query at or after every entry: a value is in the window exactly when its newest entry
            // is, so the figure is the number of newest entries less those before the window
            long d = data[rules + rule];
            for (int k = 0; k < n && data[s + 2 * k] <= from; k++) {
                d -= data[s + 2 * k + 1] & NEWEST;
            }
            return d;
        }
        return countBySorting(s, n, from, to);
    }

    /**
     * The figure of {@link #distinct} found by sorting the hashes of every entry in the window: the
     * way for a query before the rule's newest entry, and for tests the check of the running figure.
     */
    final long distinctBySorting(int rule, long to, long length) {
        return countBySorting(start(rule), size(rule), to - length, to);
    }

    private long countBySorting(int s, int n, long from, long to) {
        long[] seen = new long[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            long b = data[s + 2 * k];
            if (b > from && b <= to) {
                seen[m++] = data[s + 2 * k + 1] & ~NEWEST;
            }
        }
        Arrays.sort(seen, 0, m);
        long d = 0;
        for (int k = 0; k < m; k++) {
            if (k == 0 || seen[k] != seen[k - 1]) {
                d++;
            }
        }
        return d;
    }
}
