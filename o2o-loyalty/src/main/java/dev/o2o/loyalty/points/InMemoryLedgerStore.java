package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * {@link LedgerStore} in memory. Each account has its own lock; a transaction locks its accounts in
 * sorted order and undoes its appends if the work throws. Idempotency keys live in one striped index
 * ({@link KeyIndex}), so a key is unique across accounts. Thread-safe.
 *
 * <p>The whole history stays in memory, so it is kept compact and out of the garbage collector's way:
 * entries, lot movements, key characters and lots are columns of primitive arrays shared by all accounts
 * ({@link Slabs}), allocated in chunks of growing size that are never copied, and {@link LedgerEntry} and
 * {@link Lot} records are built only when read. An entry's id is its position plus one. An account keeps
 * only its balance, its newest entry (entries link to the previous entry of their account) and its open
 * lots. Capacity per store: about 2<sup>31</sup> entries, movements and key characters and 2<sup>29</sup> lots.
 */
final class InMemoryLedgerStore implements LedgerStore {

    private static final EntryType[] TYPES = EntryType.values();
    /**
     * Set in an entry's type byte when it has a {@code reverses} id, or a shortfall: both are rare, so they
     * are not columns but one extra slot in front of the entry's movements (lot = reverses, points =
     * shortfall).
     */
    private static final int HAS_REVERSES = 0x40;
    private static final int HAS_SHORTFALL = 0x20;
    private static final int EXTRA = HAS_REVERSES | HAS_SHORTFALL;
    private static final int TYPE_MASK = 0x1f;
    /** Expiry seconds of a lot that never expires: after every {@link Instant}, so it sorts last. */
    private static final long NEVER = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Acct> accounts = new ConcurrentHashMap<>();
    /** Accounts by their index; grown under {@link #registryLock}, read by the key index. */
    private volatile Acct[] byIndex = new Acct[64];
    private int registered;
    private final Object registryLock = new Object();
    private final Slabs slabs = new Slabs();
    private final KeyIndex keys = new KeyIndex();
    /** Remembered rejections, by type (ordinal) and source reference. */
    private final List<ConcurrentHashMap<String, Rejection>> rejectedByKey = new ArrayList<>();

    InMemoryLedgerStore() {
        for (int i = 0; i < TYPES.length; i++) {
            rejectedByKey.add(new ConcurrentHashMap<>());
        }
    }

    private ConcurrentHashMap<String, Rejection> rejections(EntryType type) {
        return rejectedByKey.get(type.ordinal());
    }

    /**
     * Chunk {@code k} of a slab holds positions {@code [2^(B+k) - 2^B, 2^(B+1+k) - 2^B)}: each chunk is
     * about as large as all before it together, so growing never copies, and the large chunks are arrays a
     * generational collector does not copy either (G1 allocates them as humongous objects).
     */
    static final class Pos {
        private Pos() {
        }

        static int chunk(int position, int baseBits) {
            long g = position + (1L << baseBits);
            return 63 - Long.numberOfLeadingZeros(g) - baseBits;
        }

        static int offset(int position, int chunk, int baseBits) {
            return (int) (position + (1L << baseBits) - (1L << (baseBits + chunk)));
        }

        static int size(int chunk, int baseBits) {
            return 1 << (baseBits + chunk);
        }
    }

    /** Columns of entries {@code [start, start + size)}. Slot {@code o} holds entry {@code start + o}. */
    private static int high(long v) {
        return (int) (v >>> 32);
    }

    private static int low(long v) {
        return (int) v;
    }

    private static long pack(int high, int low) {
        return ((long) high << 32) | (low & 0xffffffffL);
    }

    static final class EntryChunk {
        /** Account index + 1; 0 for a slot that is not (or no longer) an entry of any account. */
        final int[] acct;
        /** The previous entry of the same account, -1 for none. */
        final int[] prev;
        final byte[] type;
        final long[] points;
        final long[] sec;
        final int[] nano;
        /** Where the entry's movements start, after the extra slot if there is one (see {@link #EXTRA}). */
        final int[] moveStart;
        final int[] moveCount;
        final int[] refStart;
        final int[] refLength;
        /** Null for the empty note, so that the common case stores no reference. */
        final String[] note;
        /** The lot this entry created, as lot position + 1; 0 for none. */
        final int[] lot;

        EntryChunk(int n) {
            acct = new int[n];
            prev = new int[n];
            type = new byte[n];
            points = new long[n];
            sec = new long[n];
            nano = new int[n];
            moveStart = new int[n];
            moveCount = new int[n];
            refStart = new int[n];
            refLength = new int[n];
            note = new String[n];
            lot = new int[n];
        }
    }

    /**
     * A lot is a row of {@value #LOT_STRIDE} longs next to each other, because lots are read at random
     * (one or two cache lines per lot rather than one per column); it is touched only under its account's
     * lock. {@code ENTRY} is the position of the entry that created it: the lot's id is that entry's id and
     * its {@code earnedAt} that entry's instant.
     */
    static final int LOT_STRIDE = 6;
    static final int EARNED = 0;
    static final int REMAINING = 1;
    static final int AVAIL_SEC = 2;
    static final int EXP_SEC = 3;
    /** Nanoseconds of availability (high half) and of expiry (low half). */
    static final int NANOS = 4;
    /** Movement count (high half) and the creating entry's position (low half). */
    static final int MOVES_ENTRY = 5;

    /** Lot movement columns: lot id and signed points. */
    static final class MoveChunk {
        final long[] lot;
        final long[] points;

        MoveChunk(int n) {
            lot = new long[n];
            points = new long[n];
        }
    }

    /**
     * The four slabs with their allocation counters. Positions are handed out atomically, so threads
     * holding different account locks write disjoint slots; a slot's contents are published to other
     * threads by the account lock or, for reads through the key index, by the index's stripe lock. Chunk
     * references are read through volatile array elements.
     */
    static final class Slabs {
        static final int ENTRY_BITS = 10;
        static final int LOT_BITS = 9;
        static final int MOVE_BITS = 10;
        static final int CHAR_BITS = 12;
        /** Lot rows take {@link #LOT_STRIDE} longs, so the largest lot chunk has 2^27 rows. */
        static final int LOT_LIMIT = (1 << 28) - (1 << LOT_BITS);
        private static final int CHUNKS = 32;

        final AtomicInteger entryCount = new AtomicInteger();
        final AtomicInteger lotCount = new AtomicInteger();
        final AtomicInteger moveCount = new AtomicInteger();
        final AtomicInteger charCount = new AtomicInteger();
        final Chunks<EntryChunk> entryChunks = new Chunks<>(ENTRY_BITS, EntryChunk::new);
        final Chunks<long[]> lotChunks = new Chunks<>(LOT_BITS, n -> new long[n * LOT_STRIDE]);
        final Chunks<MoveChunk> moveChunks = new Chunks<>(MOVE_BITS, MoveChunk::new);
        final Chunks<char[]> charChunks = new Chunks<>(CHAR_BITS, char[]::new);

        /** One slab's chunks, created on first use and read through volatile array elements. */
        static final class Chunks<C> {
            private final AtomicReferenceArray<C> chunks = new AtomicReferenceArray<>(CHUNKS);
            private final int baseBits;
            /** Makes a chunk for a number of positions. */
            private final IntFunction<C> make;

            Chunks(int baseBits, IntFunction<C> make) {
                this.baseBits = baseBits;
                this.make = make;
            }

            /** Chunk {@code k}, created if it does not exist yet. */
            C get(int k) {
                C c = chunks.get(k);
                if (c == null) {
                    synchronized (this) {
                        c = chunks.get(k);
                        if (c == null) {
                            c = make.apply(Pos.size(k, baseBits));
                            chunks.set(k, c);
                        }
                    }
                }
                return c;
            }

            /** Chunk {@code k}, or null if it does not exist (for checks of ids that callers pass in). */
            C getIfPresent(int k) {
                return k < CHUNKS ? chunks.get(k) : null;
            }
        }

        /**
         * Reserves {@code n} consecutive positions of a slab below {@code limit}, a bound that keeps every
         * chunk's array length within an {@code int}.
         */
        static int reserve(AtomicInteger counter, int n, int limit, String what) {
            int start = counter.getAndAdd(n);
            if (start < 0 || start > limit - n) {
                counter.set(Integer.MIN_VALUE); // stays full
                throw new IllegalStateException("in-memory ledger is full: no room for " + n + " more " + what
                        + " (at most " + limit + "); use a JDBC store");
            }
            return start;
        }

        /** Positions below this keep the largest chunk at 2^30 elements. */
        static int limit(int baseBits) {
            return (1 << 30) - (1 << baseBits) + (1 << 30);
        }

        long moveLot(int position) {
            int k = Pos.chunk(position, MOVE_BITS);
            return moveChunks.get(k).lot[Pos.offset(position, k, MOVE_BITS)];
        }

        long movePoints(int position) {
            int k = Pos.chunk(position, MOVE_BITS);
            return moveChunks.get(k).points[Pos.offset(position, k, MOVE_BITS)];
        }

        void putMove(int position, long lot, long points) {
            int k = Pos.chunk(position, MOVE_BITS);
            MoveChunk c = moveChunks.get(k);
            int o = Pos.offset(position, k, MOVE_BITS);
            c.lot[o] = lot;
            c.points[o] = points;
        }

        List<LotMovement> movements(int start, int count) {
            LotMovement[] out = new LotMovement[count];
            for (int i = 0; i < count; i++) {
                int p = start + i;
                int k = Pos.chunk(p, MOVE_BITS);
                MoveChunk c = moveChunks.get(k);
                int o = Pos.offset(p, k, MOVE_BITS);
                out[i] = new LotMovement(c.lot[o], c.points[o]);
            }
            return List.of(out);
        }

        /** Copies {@code s} to positions {@code [start, start + s.length())}, across chunks if need be. */
        void putChars(int start, String s) {
            int n = s.length();
            for (int i = 0; i < n; ) {
                int p = start + i;
                int k = Pos.chunk(p, CHAR_BITS);
                char[] c = charChunks.get(k);
                int o = Pos.offset(p, k, CHAR_BITS);
                int m = Math.min(n - i, c.length - o);
                s.getChars(i, i + m, c, o);
                i += m;
            }
        }

        boolean charsEqual(int start, int length, String s) {
            if (length != s.length()) {
                return false;
            }
            for (int i = 0; i < length; ) {
                int p = start + i;
                int k = Pos.chunk(p, CHAR_BITS);
                char[] c = charChunks.get(k);
                int o = Pos.offset(p, k, CHAR_BITS);
                int m = Math.min(length - i, c.length - o);
                for (int j = 0; j < m; j++) {
                    if (c[o + j] != s.charAt(i + j)) {
                        return false;
                    }
                }
                i += m;
            }
            return true;
        }

        String string(int start, int length) {
            char[] out = new char[length];
            for (int i = 0; i < length; ) {
                int p = start + i;
                int k = Pos.chunk(p, CHAR_BITS);
                char[] c = charChunks.get(k);
                int o = Pos.offset(p, k, CHAR_BITS);
                int m = Math.min(length - i, c.length - o);
                System.arraycopy(c, o, out, i, m);
                i += m;
            }
            return new String(out);
        }
    }

    /** The chunk of an entry position. */
    private EntryChunk entryChunk(int e) {
        return slabs.entryChunks.get(Pos.chunk(e, Slabs.ENTRY_BITS));
    }

    private static int entryOffset(int e) {
        return Pos.offset(e, Pos.chunk(e, Slabs.ENTRY_BITS), Slabs.ENTRY_BITS);
    }

    /** The row array of a lot position. */
    private long[] lotChunk(int l) {
        return slabs.lotChunks.get(Pos.chunk(l, Slabs.LOT_BITS));
    }

    /** Where a lot's row starts in its row array. */
    private static int lotOffset(int l) {
        return Pos.offset(l, Pos.chunk(l, Slabs.LOT_BITS), Slabs.LOT_BITS) * LOT_STRIDE;
    }

    /** Builds the entry at position {@code e}, whose contents are visible to the caller. */
    private LedgerEntry entryAt(int e) {
        EntryChunk c = entryChunk(e);
        int o = entryOffset(e);
        int type = c.type[o];
        String note = c.note[o];
        int extra = c.moveStart[o] - 1;
        return new LedgerEntry(e + 1L, byIndex[c.acct[o] - 1].id, TYPES[type & TYPE_MASK], c.points[o],
                slabs.string(c.refStart[o], c.refLength[o]), Instant.ofEpochSecond(c.sec[o], c.nano[o]),
                (type & HAS_REVERSES) != 0 ? OptionalLong.of(slabs.moveLot(extra)) : OptionalLong.empty(),
                (type & HAS_SHORTFALL) != 0 ? slabs.movePoints(extra) : 0, note == null ? "" : note,
                slabs.movements(c.moveStart[o], c.moveCount[o]));
    }

    /** Whether entry {@code e} has this key; its contents are visible to the caller. */
    private boolean hasKey(int e, EntryType type, String ref) {
        EntryChunk c = entryChunk(e);
        int o = entryOffset(e);
        return (c.type[o] & TYPE_MASK) == type.ordinal() && slabs.charsEqual(c.refStart[o], c.refLength[o], ref);
    }

    /** Ordering of the open lots: earliest expiry first, never-expiring last, then by id. */
    private int compareLots(int x, int y) {
        long[] cx = lotChunk(x);
        int ox = lotOffset(x);
        long[] cy = lotChunk(y);
        int oy = lotOffset(y);
        int c = Long.compare(cx[ox + EXP_SEC], cy[oy + EXP_SEC]);
        if (c == 0) {
            c = Integer.compare(low(cx[ox + NANOS]), low(cy[oy + NANOS]));
        }
        return c != 0 ? c : Integer.compare(low(cx[ox + MOVES_ENTRY]), low(cy[oy + MOVES_ENTRY]));
    }

    private Lot snapshot(Acct a, int l) {
        long[] c = lotChunk(l);
        int o = lotOffset(l);
        int e = low(c[o + MOVES_ENTRY]);
        EntryChunk ec = entryChunk(e);
        int eo = entryOffset(e);
        return new Lot(e + 1L, a.id, c[o + EARNED], c[o + REMAINING], Instant.ofEpochSecond(ec.sec[eo], ec.nano[eo]),
                Instant.ofEpochSecond(c[o + AVAIL_SEC], high(c[o + NANOS])), c[o + EXP_SEC] == NEVER ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(c[o + EXP_SEC], low(c[o + NANOS]))));
    }

    /**
     * An account. It is also the transaction object of non-nested work on it alone (touched only under
     * {@link #lock}), so that a posting reaches its undo state without one more object to fetch.
     */
    final class Acct extends TxBase {
        final String id;
        final int index;
        final ReentrantLock lock = new ReentrantLock();
        long balance;
        int entryCount;
        /** The newest entry's position, -1 for none; entries link to their predecessor. */
        int last = -1;
        /** Lot positions with remaining &gt; 0, earliest expiry first, never-expiring last, then by id. */
        int[] open = new int[4];
        int openCount;
        /**
         * The greatest lot ordering key (expiry seconds, nanos, entry) ever inserted into {@link #open}: an
         * upper bound of the open lots, so that a lot above it is appended without reading the last open
         * lot's row (a cache miss per EARN). An undone insert may leave it too high, which costs only the
         * comparison it spares.
         */
        long topExpSec = Long.MIN_VALUE;
        int topExpNano;
        int topEntry;
        /** Entry positions of the REVERSE entries of an entry id; rare, so a map. */
        HashMap<Long, int[]> reversals;

        Acct(String id, int index) {
            this.id = id;
            this.index = index;
        }

        @Override
        Acct locked(String account) {
            if (!id.equals(account)) {
                throw new IllegalStateException("account '" + account + "' is not locked by this transaction");
            }
            return this;
        }
    }

    /** The entry positions of an account, oldest first. */
    private int[] positions(Acct a) {
        int[] out = new int[a.entryCount];
        int e = a.last;
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = e;
            e = entryChunk(e).prev[entryOffset(e)];
        }
        return out;
    }

    /** The lot position of a lot id of account {@code a} (held by the caller), or -1. */
    private int lotOf(Acct a, long lotId) {
        if (lotId < 1 || lotId > Integer.MAX_VALUE) {
            return -1;
        }
        int e = (int) (lotId - 1);
        EntryChunk c = slabs.entryChunks.getIfPresent(Pos.chunk(e, Slabs.ENTRY_BITS));
        if (c == null) {
            return -1;
        }
        int o = entryOffset(e);
        // only threads holding the account's lock write its index into a slot, so this read is not a race
        return c.acct[o] == a.index + 1 ? c.lot[o] - 1 : -1;
    }

    private void insertOpen(Acct a, int lot) {
        if (a.openCount == a.open.length) {
            a.open = Arrays.copyOf(a.open, a.openCount * 2);
        }
        int n = a.openCount;
        int[] open = a.open;
        long[] c = lotChunk(lot);
        int o = lotOffset(lot);
        long sec = c[o + EXP_SEC];
        int nano = low(c[o + NANOS]);
        int entry = low(c[o + MOVES_ENTRY]);
        boolean aboveTop = sec > a.topExpSec || sec == a.topExpSec
                && (nano > a.topExpNano || nano == a.topExpNano && entry > a.topEntry);
        if (aboveTop) {
            a.topExpSec = sec;
            a.topExpNano = nano;
            a.topEntry = entry;
        }
        if (n == 0 || aboveTop || compareLots(open[n - 1], lot) < 0) {
            open[a.openCount++] = lot; // the usual case: a new lot expires no earlier than the open ones
            return;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareLots(open[mid], lot) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(open, lo, open, lo + 1, n - lo);
        open[lo] = lot;
        a.openCount++;
    }

    private static void removeOpen(Acct a, int lot) {
        for (int i = 0; i < a.openCount; i++) {
            if (a.open[i] == lot) {
                System.arraycopy(a.open, i + 1, a.open, i, a.openCount - i - 1);
                a.openCount--;
                return;
            }
        }
    }

    /** Applies a movement to an existing lot of {@code a}, keeping the open list in order. */
    private void move(Acct a, int lot, long points, int moves) {
        long[] c = lotChunk(lot);
        int o = lotOffset(lot);
        boolean wasOpen = c[o + REMAINING] > 0;
        c[o + REMAINING] += points;
        c[o + MOVES_ENTRY] += (long) moves << 32;
        if (wasOpen && c[o + REMAINING] == 0) {
            removeOpen(a, lot);
        } else if (!wasOpen && c[o + REMAINING] > 0) {
            insertOpen(a, lot);
        }
    }

    /**
     * Idempotency keys ({@code type}, {@code sourceRef}) to the position of the entry holding them.
     * Open addressing in {@value #STRIPES} stripes, each guarded by its own monitor, so that transactions
     * on different accounts rarely meet; a slot packs the key's hash (high half) and the entry position
     * (low half). The key's characters are not kept here: a candidate with the same hash is compared with
     * the entry's type and characters, so a key never matches another key.
     */
    final class KeyIndex {
        static final int STRIPES = 16;
        private static final long EMPTY = -1;
        private static final long REMOVED = -2;

        private final Stripe[] stripes = new Stripe[STRIPES];

        KeyIndex() {
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe();
            }
        }

        final class Stripe {
            long[] slots = empty(64);
            /** Live keys and removed markers. */
            int used;
            int live;

            /** The entry position holding the key, or -1. */
            int find(int hash, EntryType type, String ref) {
                long[] t = slots;
                int mask = t.length - 1;
                for (int i = hash & mask; ; i = (i + 1) & mask) {
                    long s = t[i];
                    if (s == EMPTY) {
                        return -1;
                    }
                    if ((int) (s >>> 32) == hash && s != REMOVED && hasKey((int) s, type, ref)) {
                        return (int) s;
                    }
                }
            }

            void insert(long slot) {
                if ((used + 1) * 4 > slots.length * 3) {
                    rehash(live * 4 >= slots.length ? slots.length * 2 : slots.length);
                }
                long[] t = slots;
                int mask = t.length - 1;
                int i = (int) (slot >>> 32) & mask;
                while (t[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                t[i] = slot;
                used++;
                live++;
            }

            void remove(long slot) {
                long[] t = slots;
                int mask = t.length - 1;
                for (int i = (int) (slot >>> 32) & mask; t[i] != EMPTY; i = (i + 1) & mask) {
                    if (t[i] == slot) {
                        t[i] = REMOVED;
                        live--;
                        return;
                    }
                }
            }

            private void rehash(int capacity) {
                long[] old = slots;
                long[] t = empty(capacity);
                int mask = capacity - 1;
                for (long s : old) {
                    if (s != EMPTY && s != REMOVED) {
                        int i = (int) (s >>> 32) & mask;
                        while (t[i] != EMPTY) {
                            i = (i + 1) & mask;
                        }
                        t[i] = s;
                    }
                }
                slots = t;
                used = live;
            }
        }

        private static long[] empty(int n) {
            long[] a = new long[n];
            Arrays.fill(a, EMPTY);
            return a;
        }

        /** The hash of a key, never such that a slot equals {@link #EMPTY} or {@link #REMOVED}. */
        static int hash(EntryType type, String ref) {
            int h = ref.hashCode() + type.ordinal() * 0x61c88647;
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            return h;
        }

        private Stripe stripe(int hash) {
            return stripes[hash >>> 28];
        }

        private static long slot(int hash, int entry) {
            // entry positions are below 2^31, so a slot is never EMPTY (-1) or REMOVED (-2)
            return ((long) hash << 32) | entry;
        }

        /** The entry with this key, built while the stripe is locked (so that an undo cannot interfere). */
        Optional<LedgerEntry> get(EntryType type, String ref) {
            int h = hash(type, ref);
            Stripe s = stripe(h);
            synchronized (s) {
                int e = s.find(h, type, ref);
                return e < 0 ? Optional.empty() : Optional.of(entryAt(e));
            }
        }

        boolean contains(EntryType type, String ref) {
            int h = hash(type, ref);
            Stripe s = stripe(h);
            synchronized (s) {
                return s.find(h, type, ref) >= 0;
            }
        }

        /** Adds the key of the entry at {@code entry}, whose columns are written already. */
        boolean putIfAbsent(EntryType type, String ref, int entry) {
            int h = hash(type, ref);
            Stripe s = stripe(h);
            synchronized (s) {
                if (s.find(h, type, ref) >= 0) {
                    return false;
                }
                s.insert(slot(h, entry));
                return true;
            }
        }

        /** Removes the key of the entry at {@code entry}. */
        void remove(EntryType type, String ref, int entry) {
            int h = hash(type, ref);
            Stripe s = stripe(h);
            synchronized (s) {
                s.remove(slot(h, entry));
            }
        }
    }

    private Acct acct(String account) {
        Acct a = accounts.get(account);
        // validate only names not seen before: known ones were checked when they were added
        return a != null ? a : accounts.computeIfAbsent(Ids.requireId(account, "account"), this::register);
    }

    private Acct register(String account) {
        synchronized (registryLock) {
            Acct[] all = byIndex;
            int index = registered;
            if (index == all.length) {
                all = Arrays.copyOf(all, index * 2);
            }
            Acct a = new Acct(account, index);
            all[index] = a;
            registered = index + 1;
            byIndex = all;
            return a;
        }
    }

    @Override
    public <T> T inTransaction(String account, Function<Transaction, T> work) {
        Acct a = acct(account);
        a.lock.lock();
        try {
            // the account's own transaction object is reused under its lock; a nested call gets a new one
            TxBase tx = a.lock.getHoldCount() == 1 ? a.reset() : new Tx(a, null);
            try {
                return work.apply(tx);
            } catch (RuntimeException | Error e) {
                tx.undo();
                throw e;
            }
        } finally {
            a.lock.unlock();
        }
    }

    @Override
    public <T> T inTransaction(SortedSet<String> names, Function<Transaction, T> work) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("accounts must not be empty");
        }
        if (names.size() == 1) {
            return inTransaction(names.first(), work);
        }
        Map<String, Acct> locked = new HashMap<>(names.size() * 2);
        for (String name : names) {
            locked.put(name, acct(name));
        }
        List<Acct> order = new ArrayList<>(locked.size());
        for (String name : names) {
            order.add(locked.get(name));
        }
        int taken = 0;
        try {
            for (Acct a : order) {
                a.lock.lock();
                taken++;
            }
            Tx tx = new Tx(null, locked);
            try {
                return work.apply(tx);
            } catch (RuntimeException | Error e) {
                tx.undo();
                throw e;
            }
        } finally {
            for (int i = taken - 1; i >= 0; i--) {
                order.get(i).lock.unlock();
            }
        }
    }

    /** A transaction on several accounts, or a nested one on one account. */
    private final class Tx extends TxBase {
        /** The only locked account, or null when {@link #locked} holds several. */
        private final Acct single;
        private final Map<String, Acct> locked;

        Tx(Acct single, Map<String, Acct> locked) {
            this.single = single;
            this.locked = locked;
        }

        @Override
        Acct locked(String account) {
            Acct a = single != null ? (single.id.equals(account) ? single : null) : locked.get(account);
            if (a == null) {
                throw new IllegalStateException("account '" + account + "' is not locked by this transaction");
            }
            return a;
        }
    }

    /** The work of a transaction: reads, appends and their undo. Used by one thread at a time. */
    private abstract class TxBase implements Transaction, DefaultPointsLedger.DraftlessAppend {
        /** Appends of this transaction in order, for undo: the first in fields, any others in arrays. */
        private Acct firstTo;
        private int firstAt;
        private Acct[] moreTo;
        private int[] moreAt;
        private int appended;
        /** Rejections recorded by this transaction, for undo; null for none. */
        private List<Rejection> recorded;
        /** Lot positions of the movements of the draft being appended; null until needed. */
        private int[] moveLots;
        /**
         * The last availability and expiry handed to a visitor: lots of one account often share them, and
         * reusing the (immutable) instants spares an allocation per visited lot.
         */
        private Instant lastAvailability = Instant.EPOCH;
        private Instant lastExpiry = Instant.EPOCH;

        /** The locked account of this name; throws if this transaction does not hold it. */
        abstract Acct locked(String account);

        /** Forgets the previous transaction's undo state, so the object can serve the next one. */
        TxBase reset() {
            appended = 0;
            recorded = null;
            return this;
        }

        @Override
        public Optional<LedgerEntry> entry(EntryType type, String sourceRef) {
            return keys.get(type, sourceRef);
        }

        @Override
        public Optional<Rejection> rejection(EntryType type, String sourceRef) {
            ConcurrentHashMap<String, Rejection> map = rejections(type);
            // most postings are new and nothing was ever rejected: skip the lookup
            return map.isEmpty() ? Optional.empty() : Optional.ofNullable(map.get(sourceRef));
        }

        @Override
        public void recordRejection(Rejection r) {
            locked(r.account());
            if (keys.contains(r.type(), r.sourceRef()) || rejections(r.type()).putIfAbsent(r.sourceRef(), r) != null) {
                throw new DuplicateKeyException(r.key());
            }
            if (recorded == null) {
                recorded = new ArrayList<>(2);
            }
            recorded.add(r);
        }

        @Override
        public List<LedgerEntry> reversalsOf(String account, long entryId) {
            Acct a = locked(account);
            int[] r = a.reversals == null ? null : a.reversals.get(entryId);
            if (r == null) {
                return List.of();
            }
            LedgerEntry[] out = new LedgerEntry[r.length];
            for (int i = 0; i < r.length; i++) {
                out[i] = entryAt(r[i]);
            }
            return List.of(out);
        }

        @Override
        public List<Lot> openLots(String account) {
            Acct a = locked(account);
            List<Lot> out = new ArrayList<>(a.openCount);
            for (int i = 0; i < a.openCount; i++) {
                out.add(snapshot(a, a.open[i]));
            }
            return out;
        }

        @Override
        public void forEachOpenLot(String account, LotVisitor visitor) {
            Acct a = locked(account);
            for (int i = 0; i < a.openCount; i++) {
                int l = a.open[i];
                long[] c = lotChunk(l);
                int o = lotOffset(l);
                Instant expiresAt = Instant.MAX;
                if (c[o + EXP_SEC] != NEVER) {
                    expiresAt = lastExpiry = reuse(lastExpiry, c[o + EXP_SEC], low(c[o + NANOS]));
                }
                lastAvailability = reuse(lastAvailability, c[o + AVAIL_SEC], high(c[o + NANOS]));
                if (!visitor.visit(low(c[o + MOVES_ENTRY]) + 1L, c[o + REMAINING], lastAvailability, expiresAt)) {
                    return;
                }
            }
        }

        private static Instant reuse(Instant last, long sec, int nano) {
            return last.getEpochSecond() == sec && last.getNano() == nano ? last : Instant.ofEpochSecond(sec, nano);
        }

        @Override
        public Optional<Lot> lot(String account, long lotId) {
            Acct a = locked(account);
            int l = lotOf(a, lotId);
            return l < 0 ? Optional.empty() : Optional.of(snapshot(a, l));
        }

        @Override
        public int movementCount(String account, long lotId) {
            Acct a = locked(account);
            int l = lotOf(a, lotId);
            return l < 0 ? 0 : high(lotChunk(l)[lotOffset(l) + MOVES_ENTRY]);
        }

        @Override
        public long balance(String account) {
            return locked(account).balance;
        }

        @Override
        public long entrySum(String account) {
            Acct a = locked(account);
            long sum = 0;
            for (int e = a.last; e >= 0; ) {
                EntryChunk c = entryChunk(e);
                int o = entryOffset(e);
                sum += c.points[o];
                e = c.prev[o];
            }
            return sum;
        }

        @Override
        public LedgerEntry append(EntryDraft d) {
            return append(d.account(), d.type(), d.sourceRef(), d.instant(), d.reverses(), d.shortfall(), d.note(),
                    d.movements(), d.newLotPoints(), d.availableAt(), d.expiresAt());
        }

        @Override
        public LedgerEntry append(String account, EntryType type, String sourceRef, Instant instant,
                                  OptionalLong reverses, long shortfall, String note, List<LotMovement> moves,
                                  long newLotPoints, Instant availableAt, Optional<Instant> expiresAt) {
            Acct a = locked(account);
            int n = moves.size();
            if (n > 0 && (moveLots == null || moveLots.length < n)) {
                moveLots = new int[Math.max(4, n)];
            }
            long delta = newLotPoints;
            // validate everything before changing anything
            for (int i = 0; i < n; i++) {
                LotMovement m = moves.get(i);
                int lot = lotOf(a, m.lotId());
                if (lot < 0) {
                    throw new IllegalStateException("lot " + m.lotId() + " does not belong to account '"
                            + account + "'");
                }
                for (int j = 0; j < i; j++) {
                    if (moveLots[j] == lot) {
                        throw new IllegalStateException("lot " + m.lotId() + " moved twice in one entry");
                    }
                }
                long[] c = lotChunk(lot);
                int o = lotOffset(lot);
                long after = c[o + REMAINING] + m.points();
                if (after < 0 || after > c[o + EARNED]) {
                    throw new IllegalStateException("lot " + m.lotId() + " would hold " + after
                            + " points, outside 0.." + c[o + EARNED]);
                }
                moveLots[i] = lot;
                delta += m.points();
            }
            if (a.balance + delta < 0) {
                throw new IllegalStateException("balance of account '" + account + "' would go negative: "
                        + a.balance + " + " + delta);
            }
            int e = Slabs.reserve(slabs.entryCount, 1, Slabs.limit(Slabs.ENTRY_BITS), "entries");
            long id = e + 1L;
            List<LotMovement> all;
            if (newLotPoints > 0) {
                if (moves.isEmpty()) {
                    all = List.of(new LotMovement(id, newLotPoints));
                } else {
                    LotMovement[] withLot = new LotMovement[n + 1];
                    withLot[0] = new LotMovement(id, newLotPoints);
                    for (int i = 0; i < n; i++) {
                        withLot[i + 1] = moves.get(i);
                    }
                    all = List.of(withLot);
                }
            } else {
                all = moves;
            }
            LedgerEntry entry = new LedgerEntry(id, account, type, delta, sourceRef, instant,
                    reverses, shortfall, note, all);
            // the columns are written before the key is published, so a reader that finds the key sees them
            EntryChunk c = entryChunk(e);
            int o = entryOffset(e);
            write(a, c, o, entry);
            if (!keys.putIfAbsent(type, sourceRef, e)) {
                c.acct[o] = 0;
                throw new DuplicateKeyException(Posting.key(type, sourceRef));
            }
            if (rejection(type, sourceRef).isPresent()) {
                keys.remove(type, sourceRef, e);
                c.acct[o] = 0;
                throw new DuplicateKeyException(Posting.key(type, sourceRef));
            }
            for (int i = 0; i < n; i++) {
                move(a, moveLots[i], moves.get(i).points(), 1);
            }
            if (newLotPoints > 0) {
                c.lot[o] = addLot(a, e, newLotPoints, availableAt, expiresAt) + 1;
            }
            a.balance += delta;
            a.last = e;
            a.entryCount++;
            if (reverses.isPresent()) {
                if (a.reversals == null) {
                    a.reversals = new HashMap<>();
                }
                a.reversals.merge(reverses.getAsLong(), new int[] {e}, (old, one) -> {
                    int[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = one[0];
                    return grown;
                });
            }
            if (appended == 0) {
                firstTo = a;
                firstAt = e;
            } else {
                int k = appended - 1;
                if (moreTo == null || k == moreTo.length) {
                    moreTo = moreTo == null ? new Acct[4] : Arrays.copyOf(moreTo, k * 2);
                    moreAt = moreAt == null ? new int[4] : Arrays.copyOf(moreAt, k * 2);
                }
                moreTo[k] = a;
                moreAt[k] = e;
            }
            appended++;
            return entry;
        }

        /** Writes the columns of {@code entry} (of account {@code a}) into slot {@code o} of {@code c}. */
        private void write(Acct a, EntryChunk c, int o, LedgerEntry entry) {
            List<LotMovement> moves = entry.movements();
            String ref = entry.sourceRef();
            int type = entry.type().ordinal();
            if (entry.reverses().isPresent()) {
                type |= HAS_REVERSES;
            }
            if (entry.shortfall() != 0) {
                type |= HAS_SHORTFALL;
            }
            int extra = (type & EXTRA) != 0 ? 1 : 0;
            int moveStart = Slabs.reserve(slabs.moveCount, moves.size() + extra, Slabs.limit(Slabs.MOVE_BITS),
                    "lot movements") + extra;
            if (extra != 0) {
                slabs.putMove(moveStart - 1, entry.reverses().orElse(0), entry.shortfall());
            }
            for (int k = 0, n = moves.size(); k < n; k++) {
                LotMovement m = moves.get(k);
                slabs.putMove(moveStart + k, m.lotId(), m.points());
            }
            int refStart = Slabs.reserve(slabs.charCount, ref.length(), Slabs.limit(Slabs.CHAR_BITS),
                    "key characters");
            slabs.putChars(refStart, ref);
            c.acct[o] = a.index + 1;
            c.prev[o] = a.last;
            c.points[o] = entry.points();
            c.sec[o] = entry.instant().getEpochSecond();
            c.nano[o] = entry.instant().getNano();
            c.type[o] = (byte) type;
            c.note[o] = entry.note().isEmpty() ? null : entry.note();
            c.lot[o] = 0;
            c.moveStart[o] = moveStart;
            c.moveCount[o] = moves.size();
            c.refStart[o] = refStart;
            c.refLength[o] = ref.length();
        }

        private int addLot(Acct a, int entry, long points, Instant availableAt, Optional<Instant> expiresAt) {
            int l = Slabs.reserve(slabs.lotCount, 1, Slabs.LOT_LIMIT, "lots");
            long[] c = lotChunk(l);
            int o = lotOffset(l);
            c[o + EARNED] = points;
            c[o + REMAINING] = points;
            c[o + AVAIL_SEC] = availableAt.getEpochSecond();
            if (expiresAt.isPresent()) {
                c[o + EXP_SEC] = expiresAt.get().getEpochSecond();
                c[o + NANOS] = pack(availableAt.getNano(), expiresAt.get().getNano());
            } else {
                c[o + EXP_SEC] = NEVER;
                c[o + NANOS] = pack(availableAt.getNano(), 0);
            }
            c[o + MOVES_ENTRY] = pack(1, entry);
            insertOpen(a, l);
            return l;
        }

        /** Takes back this transaction's appends, newest first. */
        void undo() {
            if (recorded != null) {
                for (Rejection r : recorded) {
                    rejections(r.type()).remove(r.sourceRef(), r);
                }
                recorded = null;
            }
            for (int k = appended - 1; k >= 0; k--) {
                Acct a = k == 0 ? firstTo : moreTo[k - 1];
                int e = k == 0 ? firstAt : moreAt[k - 1];
                EntryChunk c = entryChunk(e);
                int o = entryOffset(e);
                keys.remove(TYPES[c.type[o] & TYPE_MASK], slabs.string(c.refStart[o], c.refLength[o]), e);
                List<LotMovement> moves = slabs.movements(c.moveStart[o], c.moveCount[o]);
                for (LotMovement m : moves) {
                    if (m.lotId() == e + 1L) {
                        removeOpen(a, c.lot[o] - 1); // the lot this entry created; its slot is abandoned
                    } else {
                        move(a, lotOf(a, m.lotId()), -m.points(), -1);
                    }
                }
                a.balance -= c.points[o];
                a.last = c.prev[o];
                a.entryCount--;
                if ((c.type[o] & HAS_REVERSES) != 0) {
                    long original = slabs.moveLot(c.moveStart[o] - 1);
                    int[] r = a.reversals.get(original);
                    if (r.length == 1) {
                        a.reversals.remove(original);
                    } else {
                        a.reversals.put(original, Arrays.copyOf(r, r.length - 1));
                    }
                }
                c.acct[o] = 0;
                c.lot[o] = 0;
                if (k > 0) {
                    moreTo[k - 1] = null;
                }
            }
            firstTo = null;
            appended = 0;
        }
    }

    private static EntryType typeOfKey(String key, int colon) {
        for (EntryType t : TYPES) {
            if (t.name().length() == colon && key.startsWith(t.name())) {
                return t;
            }
        }
        return null;
    }

    @Override
    public Optional<LedgerEntry> entryByKey(String key) {
        int colon = key.indexOf(':');
        EntryType t = colon <= 0 ? null : typeOfKey(key, colon);
        return t == null ? Optional.empty() : keys.get(t, key.substring(colon + 1));
    }

    @Override
    public Optional<Rejection> rejectionByKey(String key) {
        int colon = key.indexOf(':');
        EntryType t = colon <= 0 ? null : typeOfKey(key, colon);
        return t == null ? Optional.empty() : Optional.ofNullable(rejections(t).get(key.substring(colon + 1)));
    }

    @Override
    public List<LedgerEntry> entries(String account) {
        Acct a = accounts.get(account);
        if (a == null) {
            return List.of();
        }
        a.lock.lock();
        try {
            int[] positions = positions(a);
            LedgerEntry[] out = new LedgerEntry[positions.length];
            for (int i = 0; i < positions.length; i++) {
                out[i] = entryAt(positions[i]);
            }
            return List.of(out);
        } finally {
            a.lock.unlock();
        }
    }

    @Override
    public List<Lot> lots(String account) {
        Acct a = accounts.get(account);
        if (a == null) {
            return List.of();
        }
        a.lock.lock();
        try {
            List<Lot> out = new ArrayList<>();
            for (int e : positions(a)) {
                int lot = entryChunk(e).lot[entryOffset(e)];
                if (lot != 0) {
                    out.add(snapshot(a, lot - 1)); // entries are in id order, so their lots are too
                }
            }
            return out;
        } finally {
            a.lock.unlock();
        }
    }

    @Override
    public long balance(String account) {
        Acct a = accounts.get(account);
        if (a == null) {
            return 0;
        }
        a.lock.lock();
        try {
            return a.balance;
        } finally {
            a.lock.unlock();
        }
    }

    @Override
    public Set<String> accounts() {
        Set<String> out = new TreeSet<>();
        for (Acct a : accounts.values()) {
            a.lock.lock();
            try {
                if (a.entryCount > 0) {
                    out.add(a.id);
                }
            } finally {
                a.lock.unlock();
            }
        }
        return out;
    }

    @Override
    public Set<String> accountsWithLotsDueBy(Instant instant) {
        Set<String> out = new TreeSet<>();
        for (Acct a : accounts.values()) {
            a.lock.lock();
            try {
                // open lots are in expiry order: the first one decides
                if (a.openCount > 0) {
                    long[] c = lotChunk(a.open[0]);
                    int o = lotOffset(a.open[0]);
                    long s = c[o + EXP_SEC];
                    if (s != NEVER && (s < instant.getEpochSecond()
                            || (s == instant.getEpochSecond() && low(c[o + NANOS]) <= instant.getNano()))) {
                        out.add(a.id);
                    }
                }
            } finally {
                a.lock.unlock();
            }
        }
        return out;
    }
}
