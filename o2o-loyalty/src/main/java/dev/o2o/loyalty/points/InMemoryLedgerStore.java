package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;

/**
 * {@link LedgerStore} in memory, for tests and small single-node use: one object per account (its
 * balance, entries and lots, guarded by the account's lock) and one concurrent map from idempotency
 * key to outcome (entry or rejection) for the whole store.
 *
 * <p>A transaction locks its accounts in sorted order and changes them in place; if it fails, the
 * entries it appended are taken back from each account, newest first (they record every change it
 * made). The outcomes of its keys are published to the shared map only at its end, all at once under
 * the map's write lock (lookups see either none or all of them): no transaction ever sees an outcome
 * that is later undone, and two transactions on different accounts cannot both take one key (the
 * second gets {@link DuplicateKeyException} and everything it did is undone). Every read of an
 * account takes its lock. A single-account transaction, the common case, builds no collection of its
 * own. Thread-safe.
 */
final class InMemoryLedgerStore implements LedgerStore {

    /** Open lots in spending order: earliest expiry first, never-expiring last, then by id. */
    private static final Comparator<LotState> SPENDING_ORDER = (x, y) -> {
        int byExpiry = x.expiresAt == null ? (y.expiresAt == null ? 0 : 1)
                : y.expiresAt == null ? -1 : x.expiresAt.compareTo(y.expiresAt);
        return byExpiry != 0 ? byExpiry : Long.compare(x.id, y.id);
    };

    private final ConcurrentHashMap<CustomerKey, Account> accounts = new ConcurrentHashMap<>();
    /** A {@link LedgerEntry} or a {@link Rejection} per key, once its transaction has succeeded. */
    private final ConcurrentHashMap<IdempotencyKey, Object> outcomes = new ConcurrentHashMap<>();
    /**
     * Makes a transaction's keys appear together: written under its write lock; look-ups read
     * optimistically and retry under the read lock if a publication ran meanwhile.
     */
    private final StampedLock publication = new StampedLock();
    private final AtomicLong ids = new AtomicLong();

    /** One lot; {@code remaining} and {@code moves} change under the account's lock. */
    private static final class LotState {
        final long id;
        final long earned;
        final Instant earnedAt;
        final Instant availableAt;
        final Instant expiresAt; // null: never
        long remaining;
        int moves;

        LotState(long id, long earned, Instant earnedAt, Instant availableAt, Instant expiresAt) {
            this.id = id;
            this.earned = earned;
            this.earnedAt = earnedAt;
            this.availableAt = availableAt;
            this.expiresAt = expiresAt;
            this.remaining = earned;
            this.moves = 1;
        }

        Lot snapshot(CustomerKey account) {
            return new Lot(id, account, earned, remaining, earnedAt, availableAt, Optional.ofNullable(expiresAt));
        }
    }

    /** One account; every field is guarded by {@link #lock}. */
    private static final class Account {
        final CustomerKey name;
        final ReentrantLock lock = new ReentrantLock();
        /** Set under the lock when an erasure moved the account to a new name; lockers look again. */
        boolean retired;
        long balance;
        final List<LedgerEntry> entries = new ArrayList<>();
        /** Every lot, open or closed, by id: ids grow with every append, so a new lot goes at the end. */
        final List<LotState> lots = new ArrayList<>();
        final TreeSet<LotState> open = new TreeSet<>(SPENDING_ORDER);
        /** How many entries the account had when the transaction holding its lock took it. */
        int entriesAtStart;

        Account(CustomerKey name) {
            this.name = name;
        }

        /** The lot with this id, or null. */
        LotState lot(long id) {
            int i = lotIndex(id);
            return i < 0 ? null : lots.get(i);
        }

        /** Where the lot with this id is in {@link #lots}, or a negative number if it is not. */
        private int lotIndex(long id) {
            int lo = 0;
            int hi = lots.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long at = lots.get(mid).id;
                if (at < id) {
                    lo = mid + 1;
                } else if (at > id) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        /**
         * Takes back, newest first, every entry appended since the current transaction locked the
         * account: its points leave the balance, the lot it created goes, its other movements are
         * reversed (with the lots' movement counts).
         */
        void rollBack() {
            while (entries.size() > entriesAtStart) {
                LedgerEntry e = entries.remove(entries.size() - 1);
                balance -= e.points();
                for (LotMovement m : e.movements()) {
                    int i = lotIndex(m.lotId());
                    LotState l = lots.get(i);
                    if (m.lotId() == e.id()) {
                        open.remove(l);
                        lots.remove(i); // the newest lot, the list's last
                    } else {
                        move(this, l, -m.points(), -1);
                    }
                }
            }
        }
    }

    private Account account(CustomerKey name) {
        Account a = accounts.get(name);
        return a != null ? a : accounts.computeIfAbsent(Objects.requireNonNull(name, "account"), Account::new);
    }

    /**
     * Locks one account, looking again if an erasure retired it meanwhile, and marks where its entries
     * stood, so that a failed transaction can be rolled back to there.
     */
    private Account lock(CustomerKey name) {
        Account a = account(name);
        a.lock.lock();
        while (a.retired) {
            // renamed by an erasure while we waited: the name now stands for a new, empty account
            a.lock.unlock();
            a = account(name);
            a.lock.lock();
        }
        a.entriesAtStart = a.entries.size();
        return a;
    }

    /** The common case, one account: no set, list or map of accounts is built. */
    @Override
    public <T> T inTransaction(CustomerKey name, Function<Transaction, T> work) {
        Account a = lock(Objects.requireNonNull(name, "account"));
        try {
            return run(new Tx(a, null), work);
        } finally {
            a.lock.unlock();
        }
    }

    @Override
    public <T> T inTransaction(SortedSet<CustomerKey> names, Function<Transaction, T> work) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("accounts must not be empty");
        }
        if (names.size() == 1) {
            return inTransaction(names.first(), work);
        }
        Map<CustomerKey, Account> locked = new HashMap<>();
        try {
            for (CustomerKey n : names) {
                Account a = lock(n);
                if (locked.putIfAbsent(a.name, a) != null) {
                    a.lock.unlock(); // named twice (a comparator not consistent with equals): held once
                }
            }
            return run(new Tx(null, locked), work);
        } finally {
            for (Account a : locked.values()) {
                a.lock.unlock();
            }
        }
    }

    /** Runs the work and publishes its outcomes, or rolls its accounts back if either throws. */
    private static <T> T run(Tx tx, Function<Transaction, T> work) {
        boolean done = false;
        try {
            T result = work.apply(tx);
            tx.publishKeys();
            done = true;
            return result;
        } finally {
            tx.open = false;
            if (!done) {
                tx.rollBack();
            }
        }
    }

    /**
     * The work's view of its locked accounts. Nothing is logged for undo: an account's entries since
     * {@link Account#entriesAtStart} say everything the transaction changed there (balance, lots created,
     * lots moved), so {@link #rollBack} takes them back one by one, newest first.
     */
    private final class Tx implements Transaction {
        /** The account of a single-account transaction, else null. */
        private final Account only;
        /** The accounts of a multi-account transaction, else null. */
        private final Map<CustomerKey, Account> several;
        /**
         * This transaction's outcomes, published to {@link #outcomes} when it succeeds: the first in two
         * fields (a single posting has only one), any further ones in a map created when needed.
         */
        private IdempotencyKey firstKey;
        private Object firstOutcome;
        private Map<IdempotencyKey, Object> moreOutcomes;
        boolean open = true;

        Tx(Account only, Map<CustomerKey, Account> several) {
            this.only = only;
            this.several = several;
        }

        private Account locked(CustomerKey name) {
            if (!open) {
                throw new IllegalStateException("the transaction is over");
            }
            Account a = only != null ? (only.name.equals(name) ? only : null) : several.get(name);
            if (a == null) {
                throw new IllegalStateException("account " + Ids.describe(name.value()) + " is not locked by this transaction");
            }
            return a;
        }

        private Object outcome(IdempotencyKey key) {
            if (key.equals(firstKey)) {
                return firstOutcome;
            }
            Object o = moreOutcomes == null ? null : moreOutcomes.get(key);
            return o != null ? o : published(key);
        }

        @Override
        public Optional<LedgerEntry> entry(IdempotencyKey key) {
            return outcome(key) instanceof LedgerEntry e ? Optional.of(e) : Optional.empty();
        }

        @Override
        public Optional<Rejection> rejection(IdempotencyKey key) {
            return outcome(key) instanceof Rejection r ? Optional.of(r) : Optional.empty();
        }

        private void claim(IdempotencyKey key, Object outcome) {
            if (outcome(key) != null) {
                throw new DuplicateKeyException(key);
            }
            if (firstKey == null) {
                firstKey = key;
                firstOutcome = outcome;
            } else {
                if (moreOutcomes == null) {
                    moreOutcomes = new HashMap<>();
                }
                moreOutcomes.put(key, outcome);
            }
        }

        @Override
        public void recordRejection(Rejection r) {
            locked(r.account());
            claim(r.key(), r);
        }

        @Override
        public List<LedgerEntry> reversalsOf(CustomerKey account, long entryId) {
            List<LedgerEntry> out = new ArrayList<>();
            for (LedgerEntry e : locked(account).entries) {
                if (e.reverses().isPresent() && e.reverses().getAsLong() == entryId) {
                    out.add(e);
                }
            }
            return out;
        }

        @Override
        public List<Lot> openLots(CustomerKey account) {
            Account a = locked(account);
            List<Lot> out = new ArrayList<>(a.open.size());
            for (LotState l : a.open) {
                out.add(l.snapshot(a.name));
            }
            return out;
        }

        @Override
        public void forEachOpenLot(CustomerKey account, LotVisitor visitor) {
            for (LotState l : locked(account).open) {
                if (!visitor.visit(l.id, l.remaining, l.availableAt, l.expiresAt == null ? Instant.MAX : l.expiresAt)) {
                    return;
                }
            }
        }

        @Override
        public Optional<Lot> lot(CustomerKey account, long lotId) {
            Account a = locked(account);
            LotState l = a.lot(lotId);
            return l == null ? Optional.empty() : Optional.of(l.snapshot(a.name));
        }

        @Override
        public int movementCount(CustomerKey account, long lotId) {
            LotState l = locked(account).lot(lotId);
            return l == null ? 0 : l.moves;
        }

        @Override
        public long balance(CustomerKey account) {
            return locked(account).balance;
        }

        @Override
        public long entrySum(CustomerKey account) {
            long sum = 0;
            for (LedgerEntry e : locked(account).entries) {
                sum += e.points();
            }
            return sum;
        }

        @Override
        public LedgerEntry append(EntryDraft d) {
            Account a = locked(d.account());
            long delta = d.points();
            if (a.balance + delta < 0) {
                throw new IllegalStateException("balance of account " + Ids.describe(a.name.value()) + " would go negative: "
                        + a.balance + " + " + delta);
            }
            // check every movement before changing anything
            for (LotMovement m : d.movements()) {
                LotState l = a.lot(m.lotId());
                if (l == null || l.remaining + m.points() < 0 || l.remaining + m.points() > l.earned) {
                    throw new IllegalStateException("lot " + m.lotId() + " cannot move by " + m.points());
                }
            }
            long id = ids.incrementAndGet();
            LedgerEntry entry = new LedgerEntry(id, a.name, d.type(), delta, d.sourceRef(), d.instant(), d.reverses(),
                    d.shortfall(), d.note(), movementsOf(id, d));
            claim(d.key(), entry);
            // nothing below can fail, so an append is applied whole or not at all
            for (LotMovement m : d.movements()) {
                move(a, a.lot(m.lotId()), m.points(), 1);
            }
            if (d.newLotPoints() > 0) {
                LotState lot = new LotState(id, d.newLotPoints(), d.instant(), d.availableAt(),
                        d.expiresAt().orElse(null));
                a.lots.add(lot);
                a.open.add(lot);
            }
            a.entries.add(entry);
            a.balance += delta;
            return entry;
        }

        /** Rolls every locked account back to where it stood when locked; the outcomes were never published. */
        void rollBack() {
            if (only != null) {
                only.rollBack();
            } else {
                for (Account a : several.values()) {
                    a.rollBack();
                }
            }
        }

        /** Publishes this transaction's outcomes all at once, or none if a key was taken meanwhile. */
        void publishKeys() {
            if (firstKey == null) {
                return;
            }
            long stamp = publication.writeLock();
            try {
                if (moreOutcomes == null) {
                    if (outcomes.putIfAbsent(firstKey, firstOutcome) != null) {
                        throw new DuplicateKeyException(firstKey);
                    }
                    return;
                }
                if (outcomes.containsKey(firstKey)) {
                    throw new DuplicateKeyException(firstKey);
                }
                for (IdempotencyKey k : moreOutcomes.keySet()) {
                    if (outcomes.containsKey(k)) {
                        throw new DuplicateKeyException(k);
                    }
                }
                outcomes.put(firstKey, firstOutcome);
                outcomes.putAll(moreOutcomes);
            } finally {
                publication.unlockWrite(stamp);
            }
        }
    }

    /** The entry's movements: the creation of its own lot, if any, first, then those on existing lots. */
    private static List<LotMovement> movementsOf(long id, EntryDraft d) {
        if (d.newLotPoints() == 0) {
            return d.movements();
        }
        LotMovement created = new LotMovement(id, d.newLotPoints());
        if (d.movements().isEmpty()) {
            return List.of(created);
        }
        List<LotMovement> all = new ArrayList<>(d.movements().size() + 1);
        all.add(created);
        all.addAll(d.movements());
        return all;
    }

    /** Moves a lot's remaining points by {@code points} and its movement count by {@code moves}. */
    private static void move(Account a, LotState l, long points, int moves) {
        // the comparator's fields never change, so the lot can leave and re-enter the open set
        a.open.remove(l);
        l.remaining += points;
        l.moves += moves;
        if (l.remaining > 0) {
            a.open.add(l);
        }
    }

    private Object published(IdempotencyKey key) {
        long stamp = publication.tryOptimisticRead();
        Object o = outcomes.get(key);
        if (publication.validate(stamp)) {
            return o;
        }
        stamp = publication.readLock();
        try {
            return outcomes.get(key);
        } finally {
            publication.unlockRead(stamp);
        }
    }

    @Override
    public long renameForErasure(CustomerKey from, CustomerKey to) {
        Checks.erasureRename(from, to);
        SortedSet<CustomerKey> both = new TreeSet<>(List.of(from, to));
        return inTransaction(both, t -> {
            Tx tx = (Tx) t;
            Account old = tx.locked(from);
            Account fresh = tx.locked(to);
            if (old.entries.isEmpty() && old.lots.isEmpty() && !hasRejections(from)) {
                return 0L; // nothing to erase (also when an erasure is run again)
            }
            if (!fresh.entries.isEmpty() || !fresh.lots.isEmpty() || hasRejections(to)) {
                throw new IllegalStateException("pseudonym account " + Ids.describe(to.value()) + " is in use already");
            }
            long stamp = publication.writeLock();
            try {
                for (Map.Entry<IdempotencyKey, Object> o : outcomes.entrySet()) {
                    if (o.getValue() instanceof LedgerEntry e && e.account().equals(from)) {
                        o.setValue(renamed(e, to));
                    } else if (o.getValue() instanceof Rejection r && r.account().equals(from)) {
                        o.setValue(new Rejection(to, r.type(), r.sourceRef(), r.status(), r.message()));
                    }
                }
            } finally {
                publication.unlockWrite(stamp);
            }
            // nothing below throws: a roll-back never sees the moved entries
            for (LedgerEntry e : old.entries) {
                fresh.entries.add(renamed(e, to));
            }
            fresh.lots.addAll(old.lots);
            fresh.open.addAll(old.open);
            fresh.balance = old.balance;
            old.retired = true;
            accounts.remove(from, old);
            return (long) old.entries.size();
        });
    }

    private boolean hasRejections(CustomerKey account) {
        long stamp = publication.readLock();
        try {
            for (Object o : outcomes.values()) {
                if (o instanceof Rejection r && r.account().equals(account)) {
                    return true;
                }
            }
            return false;
        } finally {
            publication.unlockRead(stamp);
        }
    }

    private static LedgerEntry renamed(LedgerEntry e, CustomerKey account) {
        return new LedgerEntry(e.id(), account, e.type(), e.points(), e.sourceRef(), e.instant(), e.reverses(),
                e.shortfall(), e.note(), e.movements());
    }

    @Override
    public Optional<LedgerEntry> entryByKey(IdempotencyKey key) {
        return published(key) instanceof LedgerEntry e ? Optional.of(e) : Optional.empty();
    }

    @Override
    public Optional<Rejection> rejectionByKey(IdempotencyKey key) {
        return published(key) instanceof Rejection r ? Optional.of(r) : Optional.empty();
    }

    /** Runs {@code read} under the account's lock; {@code absent} for an account never seen. */
    private <T> T read(CustomerKey name, Function<Account, T> read, T absent) {
        Account a = accounts.get(name);
        if (a == null) {
            return absent;
        }
        a.lock.lock();
        try {
            return read.apply(a);
        } finally {
            a.lock.unlock();
        }
    }

    @Override
    public List<LedgerEntry> entries(CustomerKey account) {
        return read(account, a -> List.copyOf(a.entries), List.of());
    }

    @Override
    public List<Lot> lots(CustomerKey account) {
        return read(account, a -> {
            List<Lot> byId = new ArrayList<>(a.lots.size());
            for (LotState l : a.lots) {
                byId.add(l.snapshot(a.name));
            }
            return List.copyOf(byId);
        }, List.of());
    }

    @Override
    public long balance(CustomerKey account) {
        return read(account, a -> a.balance, 0L);
    }

    @Override
    public Set<CustomerKey> accounts() {
        Set<CustomerKey> out = new TreeSet<>();
        for (Account a : accounts.values()) {
            if (read(a.name, x -> !x.entries.isEmpty(), false)) {
                out.add(a.name);
            }
        }
        return out;
    }

    @Override
    public Set<CustomerKey> accountsWithLotsDueBy(Instant instant) {
        Set<CustomerKey> out = new TreeSet<>();
        for (Account a : accounts.values()) {
            boolean due = read(a.name, x -> !x.open.isEmpty() && x.open.first().expiresAt != null
                    && !x.open.first().expiresAt.isAfter(instant), false);
            if (due) {
                out.add(a.name);
            }
        }
        return out;
    }
}
