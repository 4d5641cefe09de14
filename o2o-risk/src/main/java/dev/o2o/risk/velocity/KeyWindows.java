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
 * [rules, 2 rules)   per rule: the total of its entries' values (count and sum rules), or its distinct
 *                    figure over all its entries: the number of its entries that are their value's newest
 *                    plus the counts of its anonymous entries (distinct rules)
 * [2 rules, ...)     the rules' entries back to back, rule 0 first, each two longs (bucket, value),
 *                    sorted by bucket within a rule; then spare room
 * </pre>
 * For a count or sum rule one entry per bucket holds that bucket's total. For a distinct rule one
 * entry per bucket and value hash; the hash's lowest bit ({@link #NEWEST}) marks the newest entry of
 * its value, which lets an in-order query count the values in a window without sorting, and its
 * highest bit is 0 (so hashes keep 62 bits). An entry with the highest bit set ({@link #ANONYMOUS})
 * is the result of folding: it stands for a number of values (bits 1 to 62) that count as distinct
 * from every other, and never equals a hash.
 * A value keeps at most one entry at or before the key's settled bucket (its newest there, see
 * {@link #dropSettledRepeats}), so a value that comes back often takes few entries.
 * Both kinds keep a running figure in the second header word, so that an in-order query only reads
 * the entries that lie before its window (usually none) rather than every entry in it: a busy store's
 * or clerk's distinct window holds up to {@code maxEntries} of them.
 *
 * <p>Folding (a rule over {@code maxEntries} entries) merges two adjacent entries into one at the
 * newer one's bucket, chosen by {@link #pairToMerge}: a count or sum entry keeps the total, a distinct
 * pair becomes an anonymous entry that counts each of its values once more. Mass only moves to newer
 * buckets and no value is dropped, so every figure stays an upper bound of the exact one; how far
 * above is in {@link #pairToMerge}'s javadoc. A count or sum whose total would pass
 * {@link Long#MAX_VALUE} stays there, also an upper bound, until its window is empty (see {@link #plus}).
 *
 * <p>Not thread-safe: the engine holds the key's lock.
 */
class KeyWindows {
    private static final long FOLDED = 1L << 32;
    private static final long DISTINCT = 1L << 33;
    private static final long SIZE = 0xffff_ffffL;
    private static final long NEWEST = 1L;
    /** Marks an anonymous distinct entry; its count is in the bits between this one and {@link #NEWEST}. */
    private static final long ANONYMOUS = Long.MIN_VALUE;
    /** The bits of a value hash that a distinct entry keeps. */
    private static final long HASH = ~(NEWEST | ANONYMOUS);
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
     * {@link #add(int, long, long, long, int) add} with no lateness known: nothing counts as settled,
     * so no value's older entry is dropped, and any pair but the front one may merge.
     */
    final void add(int rule, long bucket, long v, int maxEntries) {
        add(rule, Long.MIN_VALUE, bucket, v, maxEntries);
    }

    /**
     * Adds {@code v} at {@code bucket} to {@code rule}: summed into the bucket's entry, or for a
     * distinct rule one entry per bucket and value hash, after which the value keeps only one entry at
     * or before {@code settled} (see {@link #dropSettledRepeats}). When the rule then has more than
     * {@code maxEntries} entries, two adjacent ones are merged (see {@link #pairToMerge}) and the
     * rule is marked folded until its window is empty.
     *
     * <p>A late event whose bucket lies inside the range of a merged entry goes in at its own bucket,
     * like any other late event, not into the merged entry: its own figure then includes it, and the
     * merged entry's amounts stay at or after their events, so every figure stays an upper bound.
     * Only an event later than the lateness can land there, because merges happen at or before
     * {@code settled}.
     *
     * @param settled the key's newest bucket less the lateness: no event decided exactly is older,
     *                so merging entries at or before it changes no such event's figure
     */
    final void add(int rule, long settled, long bucket, long v, int maxEntries) {
        int s = start(rule);
        int n = size(rule);
        int i = n - 1; // the last entry at or before bucket
        while (i >= 0 && data[s + 2 * i] > bucket) {
            i--;
        }
        if (isDistinct(rule)) {
            // value has neither flag bit, so it never equals an anonymous entry with NEWEST cleared
            long value = v & HASH;
            for (int j = i; j >= 0 && data[s + 2 * j] == bucket; j--) {
                if ((data[s + 2 * j + 1] & ~NEWEST) == value) {
                    return;
                }
            }
            boolean newest = true;
            int settledEntries = bucket <= settled ? 1 : 0; // the value's entries at or before settled, the new one included
            for (int j = 0; j < n; j++) {
                if ((data[s + 2 * j + 1] & ~NEWEST) == value) {
                    if (data[s + 2 * j] <= settled) {
                        settledEntries++;
                    }
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
            if (settledEntries > 1) {
                dropSettledRepeats(rule, s, value, settled, bucket);
            }
        } else {
            addToTotal(rule, v);
            if (i >= 0 && data[s + 2 * i] == bucket) {
                data[s + 2 * i + 1] = plus(data[s + 2 * i + 1], v);
                return;
            }
            insert(rule, s + 2 * (i + 1), bucket, v);
        }
        if (size(rule) > maxEntries) {
            merge(rule, s, size(rule), settled);
        }
    }

    /**
     * Drops the entries of {@code value} in distinct rule {@code rule} that are older than its newest
     * entry at or before {@code settled}: no figure of a query at or after {@code settled} changes,
     * since whenever such a window holds a dropped entry it also holds that newer one, which lies
     * between the dropped entry and the query. Neither kind of figure changes: a dropped entry is not
     * its value's newest, so it adds nothing to the running figure. The engine queries at or after
     * settled for every event it decides exactly, so a value that comes back again and again (one
     * customer's device, a regular's coupon) keeps one entry there plus those within the lateness,
     * where it once filled the rule up to its bound, folded, and then counted as many values.
     *
     * <p>The entry just added at {@code added} stays even so (it can be older than the newest settled
     * one only when its event is later than the lateness): that event's own figure, which is not
     * exact, still counts its value. It goes when the value comes again.
     */
    private void dropSettledRepeats(int rule, int s, long value, long settled, long added) {
        int n = size(rule);
        int kept = n - 1;
        while (data[s + 2 * kept] > settled || (data[s + 2 * kept + 1] & ~NEWEST) != value) {
            kept--;
        }
        int to = 0;
        for (int j = 0; j < n; j++) {
            if (j < kept && (data[s + 2 * j + 1] & ~NEWEST) == value && data[s + 2 * j] != added) {
                continue;
            }
            data[s + 2 * to] = data[s + 2 * j];
            data[s + 2 * to + 1] = data[s + 2 * j + 1];
            to++;
        }
        int end = end();
        System.arraycopy(data, s + 2 * n, data, s + 2 * to, end - s - 2 * n);
        data[rule] -= n - to;
        entries -= n - to;
    }

    /** Merges the pair of {@link #pairToMerge} into one entry at the newer one's bucket. */
    private void merge(int rule, int s, int n, long settled) {
        int i = pairToMerge(s, n, settled);
        int older = s + 2 * i;
        int newer = older + 2;
        if (isDistinct(rule)) {
            long a = data[older + 1];
            long b = data[newer + 1];
            long count = values(a) + values(b);
            data[rules + rule] += count - weight(a) - weight(b);
            data[newer + 1] = ANONYMOUS | count << 1;
            // a value whose newest entry was merged may have older ones: the latest of them becomes
            // its newest, so the running figure still equals counting the entries (the value then
            // counts twice, here and in the anonymous entry: an upper bound)
            renewNewest(rule, s, i, a, b);
        } else {
            data[newer + 1] = plus(data[newer + 1], data[older + 1]);
        }
        int end = end();
        System.arraycopy(data, newer, data, older, end - newer);
        data[rule]--;
        entries--;
        data[rule] |= FOLDED;
    }

    /**
     * The pair of adjacent entries {@code (i, i + 1)} to merge when a rule of {@code n} entries
     * starting at {@code s} is over its bound: the one whose merged entry covers the smallest span
     * {@code b[i+1] - b[i-1]}, the oldest of equals, among the pairs after the front entry and at or
     * before {@code settled}; only if there are none (nearly all entries within the lateness), among
     * all pairs after the front entry.
     *
     * <p>Why the smallest span: merging always the oldest pair, as this class once did, let the front
     * entry of a busy key absorb one entry per event and move forward with the window, so its amount
     * never left and a sum grew with the key's whole history. The smallest span keeps the entries'
     * spans balanced, as an exponential histogram does, so an amount stays near its events' buckets.
     *
     * <p>Why not the front pair: the front entry may hold events from before the eviction horizon
     * (those before its predecessor left), so no span measured from the horizon bounds what merging
     * it carries forward. Measured so ({@code b[-1]} the horizon), a busy key's front pair was chosen
     * just before the front entry left, again and again, and FoldingTest's busy key went past the
     * bound below: a count of 379 after 1 h 20 min, where the exact figure was 360 and the bound 373.
     *
     * <p>How far a figure is above the exact one. Each entry {@code j >= 1} holds only events in
     * {@code (b[j-1], b[j]]}: true for a new entry, kept by merging (the merged entry holds events in
     * {@code (b[i-1], b[i+1]]}) and by eviction; a late event beyond the lateness inserted inside a
     * merged range (see {@link #add}) is the exception. So every entry, the front one included (it
     * was an entry {@code j >= 1} when last merged), holds events within the span of its last merge.
     * When a merge is due, the {@code m} candidate pairs' spans sum to at most {@code 2 (b[m] - b[0])},
     * since each gap between neighbours lies in at most two spans, and for in-order traffic
     * {@code b[m] - b[0] < W}, the window (the candidates lie in {@code (horizon, settled]}, which is
     * {@code W} long). So the chosen span is less than {@code 2W/m}, where {@code m} is
     * {@code maxEntries - 1} less the entries within the lateness, and a figure over {@code (t - L, t]}
     * is at most the exact figure over {@code (t - L - 2W/m, t]} (for a distinct rule: the number of
     * its (bucket, value) pairs there, as an anonymous entry counts each entry it merged).
     */
    private int pairToMerge(int s, int n, long settled) {
        int best = smallestSpan(s, n, settled);
        // all but two entries within the lateness: merge anywhere after the front entry
        return best > 0 ? best : smallestSpan(s, n, Long.MAX_VALUE);
    }

    /** The pair of smallest span among those after the front entry and at or before {@code newest}; 0 if none. */
    private int smallestSpan(int s, int n, long newest) {
        int best = 0;
        long bestSpan = Long.MAX_VALUE;
        for (int i = 1; i + 1 < n && data[s + 2 * (i + 1)] <= newest; i++) {
            long span = data[s + 2 * (i + 1)] - data[s + 2 * (i - 1)];
            if (span < bestSpan) { // strictly: the oldest of equal spans
                best = i;
                bestSpan = span;
            }
        }
        return best;
    }

    /**
     * For each of {@code a} and {@code b}, the pair {@code (i, i + 1)} just merged, that was its
     * value's newest entry, flags the latest other entry of that value as the newest. Those lie before
     * {@code i}: a value's other entries are older than its newest and never in the same bucket.
     */
    private void renewNewest(int rule, int s, int i, long a, long b) {
        long va = a >= 0 && (a & NEWEST) != 0 ? a & HASH : -1; // -1: nothing to look for (no value equals it)
        long vb = b >= 0 && (b & NEWEST) != 0 ? b & HASH : -1;
        for (int j = i - 1; j >= 0 && (va >= 0 || vb >= 0); j--) {
            long e = data[s + 2 * j + 1] & ~NEWEST;
            if (e == va || e == vb) {
                data[s + 2 * j + 1] |= NEWEST;
                data[rules + rule]++;
                if (e == va) {
                    va = -1;
                } else {
                    vb = -1;
                }
            }
        }
    }

    /**
     * Adds {@code v} to the total of count or sum rule {@code rule}. A total that would pass the
     * largest long stays there (see {@link #plus}) and the rule reports bounds until its window is
     * empty again: it no longer knows how much of it leaves with each entry.
     */
    private void addToTotal(int rule, long v) {
        data[rules + rule] = plus(data[rules + rule], v);
        if (data[rules + rule] == Long.MAX_VALUE) {
            data[rule] |= FOLDED;
        }
    }

    /**
     * {@code a + b} for amounts that are not negative, or {@link Long#MAX_VALUE} where that would not
     * fit: a sum of amounts can pass the range of a long, and a sum that wrapped round to a negative
     * figure would allow what it should deny. The largest long then stands for "at least this much",
     * which {@link #minus} keeps, so every figure stays an upper bound.
     */
    private static long plus(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** {@code total - amount}, except that a saturated total (see {@link #plus}) stays saturated. */
    private static long minus(long total, long amount) {
        return total == Long.MAX_VALUE ? total : total - amount;
    }

    /** The number of values a distinct entry stands for: its count if anonymous, else 1. */
    private static long values(long entry) {
        return entry < 0 ? (entry & ~ANONYMOUS) >>> 1 : 1;
    }

    /** What a distinct entry adds to the running figure: its count if anonymous, else its newest bit. */
    private static long weight(long entry) {
        return entry < 0 ? (entry & ~ANONYMOUS) >>> 1 : entry & NEWEST;
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

    /** {@link #evictAndAdd(int, long, long, long, long, int) evictAndAdd} with no lateness known (see {@link #add(int, long, long, int)}). */
    final void evictAndAdd(int rule, long horizon, long bucket, long v, int maxEntries) {
        evictAndAdd(rule, horizon, Long.MIN_VALUE, bucket, v, maxEntries);
    }

    /**
     * {@link #evictUpTo evictUpTo(rule, horizon)} then {@link #add(int, long, long, long, int)
     * add(rule, settled, bucket, v, maxEntries)}, with the same result. In the usual step of a window
     * (entries leave at its old end and the new one opens a bucket after every entry left) the new
     * entry takes the room of the ones that left, so the later rules' entries move at most once, by
     * the difference, and not at all when one entry leaves and one comes: a cold key whose short
     * windows have expired, or a busy key's window moving on by one bucket.
     */
    final void evictAndAdd(int rule, long horizon, long settled, long bucket, long v, int maxEntries) {
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
            add(rule, settled, bucket, v, maxEntries);
            return;
        }
        boolean distinct = isDistinct(rule);
        long entry = v;
        long figure = data[rules + rule];
        int settledEntries = bucket <= settled ? 1 : 0; // as in add
        if (distinct) {
            long value = v & HASH;
            entry = value | NEWEST; // after every entry left, so the value's newest
            figure++;
            for (int j = 0; j < k; j++) {
                figure -= weight(data[s + 2 * j + 1]);
            }
            for (int j = k; j < n; j++) {
                if ((data[s + 2 * j + 1] & ~NEWEST) == value) { // never an anonymous entry
                    figure -= data[s + 2 * j + 1] & NEWEST;
                    data[s + 2 * j + 1] &= ~NEWEST;
                    if (data[s + 2 * j] <= settled) {
                        settledEntries++;
                    }
                }
            }
        } else if (k == n) {
            figure = v; // the window was empty before the new entry: a saturated total starts again
        } else {
            for (int j = 0; j < k; j++) {
                figure = minus(figure, data[s + 2 * j + 1]);
            }
            figure = plus(figure, v);
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
        if (!distinct && figure == Long.MAX_VALUE) {
            data[rule] |= FOLDED; // saturated, see addToTotal
        }
        if (settledEntries > 1) {
            dropSettledRepeats(rule, s, v & HASH, settled, bucket);
        }
        shrinkIfSparse();
    }

    private void removeFirst(int rule, int s, int n) {
        boolean distinct = isDistinct(rule);
        for (int k = 0; k < n; k++) {
            data[rules + rule] = distinct ? data[rules + rule] - weight(data[s + 2 * k + 1])
                    : minus(data[rules + rule], data[s + 2 * k + 1]);
        }
        int end = end();
        System.arraycopy(data, s + 2 * n, data, s, end - s - 2 * n);
        data[rule] -= n;
        entries -= n;
        if (size(rule) == 0) {
            data[rule] &= ~FOLDED;
            data[rules + rule] = 0; // a saturated sum's total starts again
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
                sum = minus(sum, data[s + 2 * k + 1]);
            }
            return sum;
        }
        long sum = 0;
        for (int k = 0; k < n; k++) {
            long b = data[s + 2 * k];
            if (b > from && b <= to) {
                sum = plus(sum, data[s + 2 * k + 1]);
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
            // is, so the figure is the number of newest entries (plus the anonymous counts) less those
            // before the window
            long d = data[rules + rule];
            for (int k = 0; k < n && data[s + 2 * k] <= from; k++) {
                d -= weight(data[s + 2 * k + 1]);
            }
            return d;
        }
        return countBySorting(s, n, from, to);
    }

    /**
     * The figure of {@link #distinct} found by sorting the hashes of every entry in the window (plus
     * the counts of the anonymous entries in it): the way for a query before the rule's newest entry,
     * and for tests the check of the running figure.
     */
    final long distinctBySorting(int rule, long to, long length) {
        return countBySorting(start(rule), size(rule), to - length, to);
    }

    private long countBySorting(int s, int n, long from, long to) {
        long[] seen = new long[n];
        int m = 0;
        long d = 0;
        for (int k = 0; k < n; k++) {
            long b = data[s + 2 * k];
            long e = data[s + 2 * k + 1];
            if (b > from && b <= to) {
                if (e < 0) {
                    d += values(e); // anonymous: distinct from every other value
                } else {
                    seen[m++] = e & HASH;
                }
            }
        }
        Arrays.sort(seen, 0, m);
        for (int k = 0; k < m; k++) {
            if (k == 0 || seen[k] != seen[k - 1]) {
                d++;
            }
        }
        return d;
    }
}
