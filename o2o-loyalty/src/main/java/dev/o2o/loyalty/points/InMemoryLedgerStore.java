package dev.o2o.loyalty.points;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
 * sorted order and undoes its appends if the work throws. Idempotency keys live in one concurrent map,
 * so a key is unique across accounts. Thread-safe.
 */
final class InMemoryLedgerStore implements LedgerStore {

    /** Earliest expiry first, never-expiring last, then by id. */
    static final Comparator<MLot> LOT_ORDER = (a, b) -> {
        if (a.expiresAt != b.expiresAt) {
            if (a.expiresAt == null) {
                return 1;
            }
            if (b.expiresAt == null) {
                return -1;
            }
            int c = a.expiresAt.compareTo(b.expiresAt);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(a.id, b.id);
    };

    private final ConcurrentHashMap<String, Acct> accounts = new ConcurrentHashMap<>();
    /** Entries by type (ordinal) and source reference: together the idempotency key. */
    private final List<ConcurrentHashMap<String, LedgerEntry>> byKey = new ArrayList<>();
    /** Remembered rejections, by type (ordinal) and source reference like {@link #byKey}. */
    private final List<ConcurrentHashMap<String, Rejection>> rejectedByKey = new ArrayList<>();

    InMemoryLedgerStore() {
        for (int i = 0; i < EntryType.values().length; i++) {
            byKey.add(new ConcurrentHashMap<>());
            rejectedByKey.add(new ConcurrentHashMap<>());
        }
    }

    private ConcurrentHashMap<String, Rejection> rejections(EntryType type) {
        return rejectedByKey.get(type.ordinal());
    }

    private ConcurrentHashMap<String, LedgerEntry> keys(EntryType type) {
        return byKey.get(type.ordinal());
    }
    private final AtomicLong ids = new AtomicLong();

    static final class MLot {
        final long id;
        final long earned;
        long remaining;
        final Instant earnedAt;
        final Instant availableAt;
        final Instant expiresAt; // null: never
        int moves;

        MLot(long id, long earned, Instant earnedAt, Instant availableAt, Instant expiresAt) {
            this.id = id;
            this.earned = earned;
            this.remaining = earned;
            this.earnedAt = earnedAt;
            this.availableAt = availableAt;
            this.expiresAt = expiresAt;
            this.moves = 1;
        }

        Lot snapshot(String account) {
            return new Lot(id, account, earned, remaining, earnedAt, availableAt, Optional.ofNullable(expiresAt));
        }
    }

    static final class Acct {
        final String id;
        final ReentrantLock lock = new ReentrantLock();
        long balance;
        final ArrayList<LedgerEntry> entries = new ArrayList<>();
        /** Lots with remaining > 0 in {@link #LOT_ORDER}. */
        final ArrayList<MLot> open = new ArrayList<>();
        /** All lots by increasing id (ids come from one increasing counter). */
        final ArrayList<MLot> lots = new ArrayList<>();
        final HashMap<Long, List<LedgerEntry>> reversals = new HashMap<>();
        /** Transaction object for non-nested single-account work; touched only under {@link #lock}. */
        private Tx tx;

        Acct(String id) {
            this.id = id;
        }

        Tx reusableTx(InMemoryLedgerStore store) {
            if (tx == null) {
                tx = store.new Tx(this, null);
            } else {
                tx.reset();
            }
            return tx;
        }

        void insertOpen(MLot lot) {
            int size = open.size();
            if (size == 0 || LOT_ORDER.compare(open.get(size - 1), lot) < 0) {
                open.add(lot); // the usual case: a new lot expires no earlier than the open ones
                return;
            }
            int lo = 0;
            int hi = open.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (LOT_ORDER.compare(open.get(mid), lot) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            open.add(lo, lot);
        }

        MLot lot(long id) {
            int lo = 0;
            int hi = lots.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long v = lots.get(mid).id;
                if (v < id) {
                    lo = mid + 1;
                } else if (v > id) {
                    hi = mid - 1;
                } else {
                    return lots.get(mid);
                }
            }
            return null;
        }

        void removeOpen(MLot lot) {
            for (int i = 0; i < open.size(); i++) {
                if (open.get(i) == lot) {
                    open.remove(i);
                    return;
                }
            }
        }
    }

    private Acct acct(String account) {
        Acct a = accounts.get(account);
        // validate only names not seen before: known ones were checked when they were added
        return a != null ? a : accounts.computeIfAbsent(Checks.id(account, "account"), Acct::new);
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
        /** Appends of this transaction, for undo: the first one, then any others. */
        private LedgerEntry firstAppended;
        private List<LedgerEntry> moreAppended;
        /** Rejections recorded by this transaction, for undo; null for none. */
        private List<Rejection> recorded;

        Tx(Acct single, Map<String, Acct> locked) {
            this.single = single;
            this.locked = locked;
        }

        /** Forgets the previous transaction's undo state, so the object can serve the next one. */
        void reset() {
            firstAppended = null;
            moreAppended = null;
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
            return Optional.ofNullable(keys(type).get(sourceRef));
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
            if (keys(r.type()).containsKey(r.sourceRef()) || rejections(r.type()).putIfAbsent(r.sourceRef(), r) != null) {
                throw new DuplicateKeyException(r.key());
            }
            if (recorded == null) {
                recorded = new ArrayList<>(2);
            }
            recorded.add(r);
        }

        @Override
        public List<LedgerEntry> reversalsOf(String account, long entryId) {
            List<LedgerEntry> r = locked(account).reversals.get(entryId);
            return r == null ? List.of() : List.copyOf(r);
        }

        @Override
        public List<Lot> openLots(String account) {
            Acct a = locked(account);
            List<Lot> out = new ArrayList<>(a.open.size());
            for (MLot l : a.open) {
                out.add(l.snapshot(account));
            }
            return out;
        }

        @Override
        public void forEachOpenLot(String account, LotVisitor visitor) {
            ArrayList<MLot> open = locked(account).open;
            for (int i = 0, n = open.size(); i < n; i++) {
                MLot l = open.get(i);
                if (!visitor.visit(l.id, l.remaining, l.availableAt, l.expiresAt == null ? Instant.MAX : l.expiresAt)) {
                    return;
                }
            }
        }

        @Override
        public Optional<Lot> lot(String account, long lotId) {
            MLot l = locked(account).lot(lotId);
            return l == null ? Optional.empty() : Optional.of(l.snapshot(account));
        }

        @Override
        public int movementCount(String account, long lotId) {
            MLot l = locked(account).lot(lotId);
            return l == null ? 0 : l.moves;
        }

        @Override
        public long balance(String account) {
            return locked(account).balance;
        }

        @Override
        public long entrySum(String account) {
            long sum = 0;
            for (LedgerEntry e : locked(account).entries) {
                sum += e.points();
            }
            return sum;
        }

        @Override
        public LedgerEntry append(EntryDraft d) {
            Acct a = locked(d.account());
            long delta = d.points();
            List<LotMovement> moves = d.movements();
            // validate everything before changing anything
            for (int i = 0; i < moves.size(); i++) {
                LotMovement m = moves.get(i);
                MLot lot = a.lot(m.lotId());
                if (lot == null) {
                    throw new IllegalStateException("lot " + m.lotId() + " does not belong to account '"
                            + d.account() + "'");
                }
                long after = lot.remaining + m.points();
                for (int j = 0; j < i; j++) {
                    if (moves.get(j).lotId() == m.lotId()) {
                        throw new IllegalStateException("lot " + m.lotId() + " moved twice in one entry");
                    }
                }
                if (after < 0 || after > lot.earned) {
                    throw new IllegalStateException("lot " + m.lotId() + " would hold " + after
                            + " points, outside 0.." + lot.earned);
                }
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
                    all = new ArrayList<>(moves.size() + 1);
                    all.add(new LotMovement(id, d.newLotPoints()));
                    all.addAll(moves);
                }
            } else {
                all = moves;
            }
            LedgerEntry e = new LedgerEntry(id, d.account(), d.type(), delta, d.sourceRef(), d.instant(),
                    d.reverses(), d.shortfall(), d.note(), all);
            if (keys(d.type()).putIfAbsent(d.sourceRef(), e) != null) {
                throw new DuplicateKeyException(d.key());
            }
            if (rejection(d.type(), d.sourceRef()).isPresent()) {
                keys(d.type()).remove(d.sourceRef(), e);
                throw new DuplicateKeyException(d.key());
            }
            for (LotMovement m : moves) {
                MLot lot = a.lot(m.lotId());
                boolean wasOpen = lot.remaining > 0;
                lot.remaining += m.points();
                lot.moves++;
                if (wasOpen && lot.remaining == 0) {
                    a.removeOpen(lot);
                } else if (!wasOpen && lot.remaining > 0) {
                    a.insertOpen(lot);
                }
            }
            if (d.newLotPoints() > 0) {
                MLot lot = new MLot(id, d.newLotPoints(), d.instant(), d.availableAt(), d.expiresAt().orElse(null));
                a.lots.add(lot);
                a.insertOpen(lot);
            }
            a.balance += delta;
            a.entries.add(e);
            if (d.reverses().isPresent()) {
                a.reversals.computeIfAbsent(d.reverses().getAsLong(), k -> new ArrayList<>(2)).add(e);
            }
            if (firstAppended == null) {
                firstAppended = e;
            } else {
                if (moreAppended == null) {
                    moreAppended = new ArrayList<>(4);
                }
                moreAppended.add(e);
            }
            return e;
        }

        /** Takes back this transaction's appends, newest first. */
        void undo() {
            if (recorded != null) {
                for (Rejection r : recorded) {
                    rejections(r.type()).remove(r.sourceRef(), r);
                }
                recorded = null;
            }
            if (firstAppended == null) {
                return;
            }
            List<LedgerEntry> appended = new ArrayList<>();
            appended.add(firstAppended);
            if (moreAppended != null) {
                appended.addAll(moreAppended);
            }
            for (int i = appended.size() - 1; i >= 0; i--) {
                LedgerEntry e = appended.get(i);
                Acct a = locked(e.account());
                for (LotMovement m : e.movements()) {
                    MLot lot = a.lot(m.lotId());
                    if (lot.id == e.id()) {
                        a.removeOpen(lot);
                        a.lots.remove(a.lots.size() - 1); // the newest lot
                        continue;
                    }
                    boolean wasOpen = lot.remaining > 0;
                    lot.remaining -= m.points();
                    lot.moves--;
                    if (wasOpen && lot.remaining == 0) {
                        a.removeOpen(lot);
                    } else if (!wasOpen && lot.remaining > 0) {
                        a.insertOpen(lot);
                    }
                }
                a.balance -= e.points();
                a.entries.remove(a.entries.size() - 1);
                OptionalLong rev = e.reverses();
                if (rev.isPresent()) {
                    List<LedgerEntry> r = a.reversals.get(rev.getAsLong());
                    r.remove(r.size() - 1);
                    if (r.isEmpty()) {
                        a.reversals.remove(rev.getAsLong());
                    }
                }
                keys(e.type()).remove(e.sourceRef(), e);
            }
            firstAppended = null;
            moreAppended = null;
        }
    }

    @Override
    public Optional<LedgerEntry> entryByKey(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        for (EntryType t : EntryType.values()) {
            if (key.length() > colon && t.name().length() == colon && key.startsWith(t.name())) {
                return Optional.ofNullable(keys(t).get(key.substring(colon + 1)));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Rejection> rejectionByKey(String key) {
        int colon = key.indexOf(':');
        for (EntryType t : EntryType.values()) {
            if (colon > 0 && t.name().length() == colon && key.startsWith(t.name())) {
                return Optional.ofNullable(rejections(t).get(key.substring(colon + 1)));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<LedgerEntry> entries(String account) {
        Acct a = accounts.get(account);
        if (a == null) {
            return List.of();
        }
        a.lock.lock();
        try {
            return List.copyOf(a.entries);
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
            List<Lot> out = new ArrayList<>(a.lots.size());
            for (MLot l : a.lots) {
                out.add(l.snapshot(account));
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
                if (!a.entries.isEmpty()) {
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
        Set<String> out = new HashSet<>();
        for (Acct a : accounts.values()) {
            a.lock.lock();
            try {
                for (MLot l : a.open) {
                    if (l.expiresAt == null || l.expiresAt.isAfter(instant)) {
                        break; // open lots are in expiry order
                    }
                    out.add(a.id);
                    break;
                }
            } finally {
                a.lock.unlock();
            }
        }
        return new TreeSet<>(out);
    }
}
