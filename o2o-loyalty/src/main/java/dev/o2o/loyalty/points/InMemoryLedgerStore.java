package dev.o2o.loyalty.points;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * {@link LedgerStore} in memory. Each account has its own lock; a transaction locks its accounts in
 * sorted order and undoes its appends if the work throws. Idempotency keys live in one striped index
 * ({@link KeyIndex}), so a key is unique across accounts. Thread-safe.
 *
 * <p>The whole history stays in memory, so it is kept compact: an account's entries, movements, key
 * characters and lots are columns of primitive arrays, and {@link LedgerEntry} and {@link Lot} records are
 * built only when read. A posting then leaves a few dozen bytes in arrays behind instead of half a dozen
 * objects, which is what the garbage collector would otherwise spend its time copying.
 */
final class InMemoryLedgerStore implements LedgerStore {

    private static final EntryType[] TYPES = EntryType.values();
    /** Set in an entry's type byte when it has a {@code reverses} id. */
    private static final int HAS_REVERSES = 0x40;
    private static final int TYPE_MASK = 0x3f;
    /** Expiry seconds of a lot that never expires: after every {@link Instant}, so it sorts last. */
    private static final long NEVER = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Acct> accounts = new ConcurrentHashMap<>();
    /** Accounts by their index; grown under {@link #registryLock}, read by the key index. */
    private volatile Acct[] byIndex = new Acct[64];
    private int registered;
    private final Object registryLock = new Object();
    private final KeyIndex keys = new KeyIndex();
    /** Remembered rejections, by type (ordinal) and source reference. */
    private final List<ConcurrentHashMap<String, Rejection>> rejectedByKey = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    InMemoryLedgerStore() {
        for (int i = 0; i < TYPES.length; i++) {
            rejectedByKey.add(new ConcurrentHashMap<>());
        }
    }

    private ConcurrentHashMap<String, Rejection> rejections(EntryType type) {
        return rejectedByKey.get(type.ordinal());
    }

    /**
     * An account's entry columns. The arrays are written only by the thread holding the account's lock;
     * the holder is replaced (through the volatile {@link Acct#cols}) whenever one of them grows, so
     * that a thread reading another account's entry through the key index sees complete arrays. Entry
     * {@code i} has movements {@code [moveEnd[i-1], moveEnd[i])} and key characters
     * {@code [refEnd[i-1], refEnd[i])} (from 0 for the first entry).
     */
    static final class Cols {
        final long[] id;
        final long[] points;
        final long[] sec;
        final int[] nano;
        final byte[] type;
        final long[] reverses;
        final long[] shortfall;
        final String[] note;
        final int[] moveEnd;
        final int[] refEnd;
        final long[] moveLot;
        final long[] movePoints;
        final char[] refChars;

        Cols(int entries, int moves, int chars) {
            this(new long[entries], new long[entries], new long[entries], new int[entries], new byte[entries],
                    new long[entries], new long[entries], new String[entries], new int[entries], new int[entries],
                    new long[moves], new long[moves], new char[chars]);
        }

        private Cols(long[] id, long[] points, long[] sec, int[] nano, byte[] type, long[] reverses,
                     long[] shortfall, String[] note, int[] moveEnd, int[] refEnd, long[] moveLot, long[] movePoints,
                     char[] refChars) {
            this.id = id;
            this.points = points;
            this.sec = sec;
            this.nano = nano;
            this.type = type;
            this.reverses = reverses;
            this.shortfall = shortfall;
            this.note = note;
            this.moveEnd = moveEnd;
            this.refEnd = refEnd;
            this.moveLot = moveLot;
            this.movePoints = movePoints;
            this.refChars = refChars;
        }

        Cols withEntries(int n) {
            return new Cols(Arrays.copyOf(id, n), Arrays.copyOf(points, n), Arrays.copyOf(sec, n),
                    Arrays.copyOf(nano, n), Arrays.copyOf(type, n), Arrays.copyOf(reverses, n),
                    Arrays.copyOf(shortfall, n), Arrays.copyOf(note, n), Arrays.copyOf(moveEnd, n),
                    Arrays.copyOf(refEnd, n), moveLot, movePoints, refChars);
        }

        Cols withMoves(int n) {
            return new Cols(id, points, sec, nano, type, reverses, shortfall, note, moveEnd, refEnd,
                    Arrays.copyOf(moveLot, n), Arrays.copyOf(movePoints, n), refChars);
        }

        Cols withChars(int n) {
            return new Cols(id, points, sec, nano, type, reverses, shortfall, note, moveEnd, refEnd, moveLot,
                    movePoints, Arrays.copyOf(refChars, n));
        }

        int moveStart(int i) {
            return i == 0 ? 0 : moveEnd[i - 1];
        }

        int refStart(int i) {
            return i == 0 ? 0 : refEnd[i - 1];
        }

        EntryType typeOf(int i) {
            return TYPES[type[i] & TYPE_MASK];
        }

        String sourceRef(int i) {
            int from = refStart(i);
            return new String(refChars, from, refEnd[i] - from);
        }

        boolean refEquals(int i, String ref) {
            int from = refStart(i);
            int n = ref.length();
            if (refEnd[i] - from != n) {
                return false;
            }
            char[] chars = refChars;
            for (int k = 0; k < n; k++) {
                if (chars[from + k] != ref.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        List<LotMovement> movements(int i) {
            int from = moveStart(i);
            int to = moveEnd[i];
            if (to - from == 1) {
                return List.of(new LotMovement(moveLot[from], movePoints[from]));
            }
            LotMovement[] out = new LotMovement[to - from];
            for (int k = from; k < to; k++) {
                out[k - from] = new LotMovement(moveLot[k], movePoints[k]);
            }
            return List.of(out);
        }

        LedgerEntry entry(String account, int i) {
            return new LedgerEntry(id[i], account, typeOf(i), points[i], sourceRef(i),
                    Instant.ofEpochSecond(sec[i], nano[i]),
                    (type[i] & HAS_REVERSES) != 0 ? OptionalLong.of(reverses[i]) : OptionalLong.empty(), shortfall[i],
                    note[i], movements(i));
        }
    }

    static final class Acct {
        final String id;
        final int index;
        final ReentrantLock lock = new ReentrantLock();
        long balance;
        /** Entry columns; see {@link Cols}. Only the lock holder writes them. */
        volatile Cols cols = new Cols(4, 4, 32);
        int entryCount;
        /** Lot columns by increasing lot id (ids come from one increasing counter); guarded by {@link #lock}. */
        long[] lotId = new long[2];
        long[] lotEarned = new long[2];
        long[] lotRemaining = new long[2];
        long[] lotAvailSec = new long[2];
        int[] lotAvailNano = new int[2];
        long[] lotExpSec = new long[2];
        int[] lotExpNano = new int[2];
        int[] lotMoves = new int[2];
        /** The index of the entry that created the lot: its instant is the lot's {@code earnedAt}. */
        int[] lotEntry = new int[2];
        int lotCount;
        /** Indices of the lots with remaining &gt; 0, earliest expiry first, never-expiring last, then by id. */
        int[] open = new int[4];
        int openCount;
        /** Entry indices of the REVERSE entries of an entry id; rare, so a map. */
        HashMap<Long, int[]> reversals;
        /** Transaction object for non-nested single-account work; touched only under {@link #lock}. */
        private Tx tx;

        Acct(String id, int index) {
            this.id = id;
            this.index = index;
        }

        Tx reusableTx(InMemoryLedgerStore store) {
            if (tx == null) {
                tx = store.new Tx(this, null);
            } else {
                tx.reset();
            }
            return tx;
        }

        /** Lot index of a lot id, or -1. */
        int lotIndex(long id) {
            int lo = 0;
            int hi = lotCount - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long v = lotId[mid];
                if (v < id) {
                    lo = mid + 1;
                } else if (v > id) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        /** Earliest expiry first, never-expiring last, then by id. */
        int compareLots(int x, int y) {
            int c = Long.compare(lotExpSec[x], lotExpSec[y]);
            if (c == 0) {
                c = Integer.compare(lotExpNano[x], lotExpNano[y]);
            }
            return c != 0 ? c : Long.compare(lotId[x], lotId[y]);
        }

        void insertOpen(int lot) {
            if (openCount == open.length) {
                open = Arrays.copyOf(open, openCount * 2);
            }
            int n = openCount;
            if (n == 0 || compareLots(open[n - 1], lot) < 0) {
                open[openCount++] = lot; // the usual case: a new lot expires no earlier than the open ones
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
            openCount++;
        }

        void removeOpen(int lot) {
            for (int i = 0; i < openCount; i++) {
                if (open[i] == lot) {
                    System.arraycopy(open, i + 1, open, i, openCount - i - 1);
                    openCount--;
                    return;
                }
            }
        }

        /** Applies a movement to an existing lot, keeping the open list in order. */
        void move(int lot, long points, int moves) {
            boolean wasOpen = lotRemaining[lot] > 0;
            lotRemaining[lot] += points;
            lotMoves[lot] += moves;
            if (wasOpen && lotRemaining[lot] == 0) {
                removeOpen(lot);
            } else if (!wasOpen && lotRemaining[lot] > 0) {
                insertOpen(lot);
            }
        }

        void addLot(long id, long points, int entry, Instant availableAt, Optional<Instant> expiresAt) {
            int n = lotCount;
            if (n == lotId.length) {
                int cap = n * 2;
                lotId = Arrays.copyOf(lotId, cap);
                lotEarned = Arrays.copyOf(lotEarned, cap);
                lotRemaining = Arrays.copyOf(lotRemaining, cap);
                lotAvailSec = Arrays.copyOf(lotAvailSec, cap);
                lotAvailNano = Arrays.copyOf(lotAvailNano, cap);
                lotExpSec = Arrays.copyOf(lotExpSec, cap);
                lotExpNano = Arrays.copyOf(lotExpNano, cap);
                lotMoves = Arrays.copyOf(lotMoves, cap);
                lotEntry = Arrays.copyOf(lotEntry, cap);
            }
            lotId[n] = id;
            lotEarned[n] = points;
            lotRemaining[n] = points;
            lotAvailSec[n] = availableAt.getEpochSecond();
            lotAvailNano[n] = availableAt.getNano();
            if (expiresAt.isPresent()) {
                lotExpSec[n] = expiresAt.get().getEpochSecond();
                lotExpNano[n] = expiresAt.get().getNano();
            } else {
                lotExpSec[n] = NEVER;
                lotExpNano[n] = 0;
            }
            lotMoves[n] = 1;
            lotEntry[n] = entry;
            lotCount = n + 1;
            insertOpen(n);
        }

        Instant expiresAt(int lot) {
            return lotExpSec[lot] == NEVER ? Instant.MAX : Instant.ofEpochSecond(lotExpSec[lot], lotExpNano[lot]);
        }

        /** Whether the lot's expiry is at or before {@code t}. */
        boolean expiredBy(int lot, Instant t) {
            long s = lotExpSec[lot];
            return s != NEVER && (s < t.getEpochSecond() || (s == t.getEpochSecond() && lotExpNano[lot] <= t.getNano()));
        }

        Lot snapshot(int lot) {
            Cols c = cols;
            int e = lotEntry[lot];
            return new Lot(lotId[lot], id, lotEarned[lot], lotRemaining[lot], Instant.ofEpochSecond(c.sec[e], c.nano[e]),
                    Instant.ofEpochSecond(lotAvailSec[lot], lotAvailNano[lot]),
                    lotExpSec[lot] == NEVER ? Optional.empty() : Optional.of(expiresAt(lot)));
        }

        List<LedgerEntry> entries() {
            Cols c = cols;
            List<LedgerEntry> out = new ArrayList<>(entryCount);
            for (int i = 0; i < entryCount; i++) {
                out.add(c.entry(id, i));
            }
            return out;
        }
    }

    /**
     * Idempotency keys ({@code type}, {@code sourceRef}) to the entry holding them, as a packed
     * (account index, entry index). Open addressing in {@value #STRIPES} stripes, each guarded by its own
     * monitor, so transactions on different accounts rarely meet. The key's characters are not kept here:
     * a candidate with the same hash is compared with the characters in its account's columns, so a key
     * never matches another key.
     */
    final class KeyIndex {
        static final int STRIPES = 64;
        private static final long EMPTY = -1;
        private static final long REMOVED = -2;

        private final Stripe[] stripes = new Stripe[STRIPES];

        KeyIndex() {
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe();
            }
        }

        final class Stripe {
            int[] hashes = new int[64];
            long[] slots = filled(64);
            /** Live keys and removed markers. */
            int used;
            int live;

            /** The slot holding the key, or -1. */
            int find(int hash, EntryType type, String ref) {
                int mask = slots.length - 1;
                for (int i = hash & mask; ; i = (i + 1) & mask) {
                    long s = slots[i];
                    if (s == EMPTY) {
                        return -1;
                    }
                    if (s != REMOVED && hashes[i] == hash) {
                        Cols c = byIndex[(int) (s >>> 32)].cols;
                        int e = (int) s;
                        if ((c.type[e] & TYPE_MASK) == type.ordinal() && c.refEquals(e, ref)) {
                            return i;
                        }
                    }
                }
            }

            void insert(int hash, long packed) {
                if ((used + 1) * 4 > slots.length * 3) {
                    rehash(live * 4 >= slots.length ? slots.length * 2 : slots.length);
                }
                int mask = slots.length - 1;
                int i = hash & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = packed;
                hashes[i] = hash;
                used++;
                live++;
            }

            private void rehash(int capacity) {
                int[] oldHashes = hashes;
                long[] oldSlots = slots;
                hashes = new int[capacity];
                slots = filled(capacity);
                int mask = capacity - 1;
                for (int j = 0; j < oldSlots.length; j++) {
                    long s = oldSlots[j];
                    if (s >= 0) {
                        int i = oldHashes[j] & mask;
                        while (slots[i] != EMPTY) {
                            i = (i + 1) & mask;
                        }
                        slots[i] = s;
                        hashes[i] = oldHashes[j];
                    }
                }
                used = live;
            }
        }

        private static long[] filled(int n) {
            long[] a = new long[n];
            Arrays.fill(a, EMPTY);
            return a;
        }

        static int hash(EntryType type, String ref) {
            int h = ref.hashCode() + type.ordinal() * 0x61c88647;
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            return h;
        }

        private Stripe stripe(int hash) {
            return stripes[hash >>> 26];
        }

        /** The entry with this key, built while the stripe is locked (so an undo cannot interfere). */
        Optional<LedgerEntry> get(EntryType type, String ref) {
            int h = hash(type, ref);
            Stripe s = stripe(h);
            synchronized (s) {
                int i = s.find(h, type, ref);
                if (i < 0) {
                    return Optional.empty();
                }
                long packed = s.slots[i];
                Acct a = byIndex[(int) (packed >>> 32)];
                return Optional.of(a.cols.entry(a.id, (int) packed));
            }
        }

        boolean contains(EntryType type, String ref) {
            int h = hash(type, ref);
            Stripe s = stripe(h);
            synchronized (s) {
                return s.find(h, type, ref) >= 0;
            }
        }

        /** Adds the key of entry {@code entry} of {@code acct}, whose columns are written already. */
        boolean putIfAbsent(EntryType type, String ref, Acct acct, int entry) {
            int h = hash(type, ref);
            Stripe s = stripe(h);
            synchronized (s) {
                if (s.find(h, type, ref) >= 0) {
                    return false;
                }
                s.insert(h, ((long) acct.index << 32) | entry);
                return true;
            }
        }

        /** Removes the key if it belongs to exactly this entry. */
        void remove(EntryType type, String ref, Acct acct, int entry) {
            int h = hash(type, ref);
            long packed = ((long) acct.index << 32) | entry;
            Stripe s = stripe(h);
            synchronized (s) {
                int mask = s.slots.length - 1;
                for (int i = h & mask; s.slots[i] != EMPTY; i = (i + 1) & mask) {
                    if (s.slots[i] == packed) {
                        s.slots[i] = REMOVED;
                        s.live--;
                        return;
                    }
                }
            }
        }
    }

    private Acct acct(String account) {
        Acct a = accounts.get(account);
        // validate only names not seen before: known ones were checked when they were added
        return a != null ? a : accounts.computeIfAbsent(Checks.id(account, "account"), this::register);
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
            Tx tx = a.lock.getHoldCount() == 1 ? a.reusableTx(this) : new Tx(a, null);
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

    private final class Tx implements Transaction {
        /** The only locked account, or null when {@link #locked} holds several. */
        private final Acct single;
        private final Map<String, Acct> locked;
        /** Appends of this transaction in order, for undo: account and entry index. */
        private Acct[] appendedTo = new Acct[2];
        private int[] appendedAt = new int[2];
        private int appended;
        /** Rejections recorded by this transaction, for undo; null for none. */
        private List<Rejection> recorded;
        /** Lot indices of the movements of the draft being appended. */
        private int[] moveLots = new int[4];

        Tx(Acct single, Map<String, Acct> locked) {
            this.single = single;
            this.locked = locked;
        }

        /** Forgets the previous transaction's undo state, so the object can serve the next one. */
        void reset() {
            appended = 0;
            recorded = null;
        }

        private Acct locked(String account) {
            Acct a = single != null ? (single.id.equals(account) ? single : null) : locked.get(account);
            if (a == null) {
                throw new IllegalStateException("account '" + account + "' is not locked by this transaction");
            }
            return a;
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
            Cols c = a.cols;
            LedgerEntry[] out = new LedgerEntry[r.length];
            for (int i = 0; i < r.length; i++) {
                out[i] = c.entry(account, r[i]);
            }
            return List.of(out);
        }

        @Override
        public List<Lot> openLots(String account) {
            Acct a = locked(account);
            List<Lot> out = new ArrayList<>(a.openCount);
            for (int i = 0; i < a.openCount; i++) {
                out.add(a.snapshot(a.open[i]));
            }
            return out;
        }

        @Override
        public void forEachOpenLot(String account, LotVisitor visitor) {
            Acct a = locked(account);
            for (int i = 0; i < a.openCount; i++) {
                int l = a.open[i];
                if (!visitor.visit(a.lotId[l], a.lotRemaining[l],
                        Instant.ofEpochSecond(a.lotAvailSec[l], a.lotAvailNano[l]), a.expiresAt(l))) {
                    return;
                }
            }
        }

        @Override
        public Optional<Lot> lot(String account, long lotId) {
            Acct a = locked(account);
            int l = a.lotIndex(lotId);
            return l < 0 ? Optional.empty() : Optional.of(a.snapshot(l));
        }

        @Override
        public int movementCount(String account, long lotId) {
            Acct a = locked(account);
            int l = a.lotIndex(lotId);
            return l < 0 ? 0 : a.lotMoves[l];
        }

        @Override
        public long balance(String account) {
            return locked(account).balance;
        }

        @Override
        public long entrySum(String account) {
            Acct a = locked(account);
            long[] points = a.cols.points;
            long sum = 0;
            for (int i = 0; i < a.entryCount; i++) {
                sum += points[i];
            }
            return sum;
        }

        @Override
        public LedgerEntry append(EntryDraft d) {
            Acct a = locked(d.account());
            List<LotMovement> moves = d.movements();
            int n = moves.size();
            if (moveLots.length < n) {
                moveLots = new int[n];
            }
            long delta = d.newLotPoints();
            // validate everything before changing anything
            for (int i = 0; i < n; i++) {
                LotMovement m = moves.get(i);
                int lot = a.lotIndex(m.lotId());
                if (lot < 0) {
                    throw new IllegalStateException("lot " + m.lotId() + " does not belong to account '"
                            + d.account() + "'");
                }
                for (int j = 0; j < i; j++) {
                    if (moveLots[j] == lot) {
                        throw new IllegalStateException("lot " + m.lotId() + " moved twice in one entry");
                    }
                }
                long after = a.lotRemaining[lot] + m.points();
                if (after < 0 || after > a.lotEarned[lot]) {
                    throw new IllegalStateException("lot " + m.lotId() + " would hold " + after
                            + " points, outside 0.." + a.lotEarned[lot]);
                }
                moveLots[i] = lot;
                delta += m.points();
            }
            if (a.balance + delta < 0) {
                throw new IllegalStateException("balance of account '" + d.account() + "' would go negative: "
                        + a.balance + " + " + delta);
            }
            long id = ids.incrementAndGet();
            List<LotMovement> all;
            if (d.newLotPoints() > 0) {
                if (moves.isEmpty()) {
                    all = List.of(new LotMovement(id, d.newLotPoints()));
                } else {
                    LotMovement[] withLot = new LotMovement[n + 1];
                    withLot[0] = new LotMovement(id, d.newLotPoints());
                    for (int i = 0; i < n; i++) {
                        withLot[i + 1] = moves.get(i);
                    }
                    all = List.of(withLot);
                }
            } else {
                all = moves;
            }
            LedgerEntry e = new LedgerEntry(id, d.account(), d.type(), delta, d.sourceRef(), d.instant(),
                    d.reverses(), d.shortfall(), d.note(), all);
            // the columns are written before the key is published, so a reader that finds the key sees them
            int idx = a.entryCount;
            write(a, idx, e);
            if (!keys.putIfAbsent(d.type(), d.sourceRef(), a, idx)) {
                throw new DuplicateKeyException(d.key());
            }
            if (rejection(d.type(), d.sourceRef()).isPresent()) {
                keys.remove(d.type(), d.sourceRef(), a, idx);
                throw new DuplicateKeyException(d.key());
            }
            a.entryCount = idx + 1;
            for (int i = 0; i < n; i++) {
                a.move(moveLots[i], moves.get(i).points(), 1);
            }
            if (d.newLotPoints() > 0) {
                a.addLot(id, d.newLotPoints(), idx, d.availableAt(), d.expiresAt());
            }
            a.balance += delta;
            if (d.reverses().isPresent()) {
                if (a.reversals == null) {
                    a.reversals = new HashMap<>();
                }
                a.reversals.merge(d.reverses().getAsLong(), new int[] {idx}, (old, one) -> {
                    int[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = one[0];
                    return grown;
                });
            }
            if (appended == appendedTo.length) {
                appendedTo = Arrays.copyOf(appendedTo, appended * 2);
                appendedAt = Arrays.copyOf(appendedAt, appended * 2);
            }
            appendedTo[appended] = a;
            appendedAt[appended] = idx;
            appended++;
            return e;
        }

        /** Writes entry {@code e} into the columns of {@code a} at index {@code i}, growing them as needed. */
        private void write(Acct a, int i, LedgerEntry e) {
            Cols c = a.cols;
            int moveFrom = c.moveStart(i);
            int refFrom = c.refStart(i);
            List<LotMovement> moves = e.movements();
            String ref = e.sourceRef();
            Cols grown = c;
            if (i == grown.id.length) {
                grown = grown.withEntries(i * 2);
            }
            if (moveFrom + moves.size() > grown.moveLot.length) {
                grown = grown.withMoves(Math.max(grown.moveLot.length * 2, moveFrom + moves.size()));
            }
            if (refFrom + ref.length() > grown.refChars.length) {
                grown = grown.withChars(Math.max(grown.refChars.length * 2, refFrom + ref.length()));
            }
            if (grown != c) {
                a.cols = grown; // volatile: readers of other accounts see the copied contents
                c = grown;
            }
            c.id[i] = e.id();
            c.points[i] = e.points();
            c.sec[i] = e.instant().getEpochSecond();
            c.nano[i] = e.instant().getNano();
            int type = e.type().ordinal();
            if (e.reverses().isPresent()) {
                type |= HAS_REVERSES;
                c.reverses[i] = e.reverses().getAsLong();
            } else {
                c.reverses[i] = 0;
            }
            c.type[i] = (byte) type;
            c.shortfall[i] = e.shortfall();
            c.note[i] = e.note();
            for (int k = 0, n = moves.size(); k < n; k++) {
                LotMovement m = moves.get(k);
                c.moveLot[moveFrom + k] = m.lotId();
                c.movePoints[moveFrom + k] = m.points();
            }
            c.moveEnd[i] = moveFrom + moves.size();
            ref.getChars(0, ref.length(), c.refChars, refFrom);
            c.refEnd[i] = refFrom + ref.length();
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
                Acct a = appendedTo[k];
                int idx = appendedAt[k];
                Cols c = a.cols;
                keys.remove(c.typeOf(idx), c.sourceRef(idx), a, idx);
                long id = c.id[idx];
                for (int m = c.moveStart(idx), end = c.moveEnd[idx]; m < end; m++) {
                    if (c.moveLot[m] == id) {
                        // the lot this entry created: the newest lot of the account
                        a.removeOpen(a.lotCount - 1);
                        a.lotCount--;
                    } else {
                        a.move(a.lotIndex(c.moveLot[m]), -c.movePoints[m], -1);
                    }
                }
                a.balance -= c.points[idx];
                a.entryCount = idx;
                if ((c.type[idx] & HAS_REVERSES) != 0) {
                    long original = c.reverses[idx];
                    int[] r = a.reversals.get(original);
                    if (r.length == 1) {
                        a.reversals.remove(original);
                    } else {
                        a.reversals.put(original, Arrays.copyOf(r, r.length - 1));
                    }
                }
                appendedTo[k] = null;
            }
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
            return List.copyOf(a.entries());
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
            List<Lot> out = new ArrayList<>(a.lotCount);
            for (int l = 0; l < a.lotCount; l++) {
                out.add(a.snapshot(l));
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
                if (a.openCount > 0 && a.expiredBy(a.open[0], instant)) {
                    out.add(a.id);
                }
            } finally {
                a.lock.unlock();
            }
        }
        return out;
    }
}
