package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * {@link LedgerStore} in memory, for tests and small single-node use: one object per account (its
 * balance, entries and lots, guarded by the account's lock) and one concurrent map from idempotency
 * key to outcome (entry or rejection) for the whole store.
 *
 * <p>A transaction locks its accounts in sorted order and changes them in place, keeping an undo
 * log. The outcomes of its keys are published to the shared map only at its end, all at once under
 * the map's write lock (lookups take the read lock): no transaction ever sees an outcome that is later
 * undone, and two transactions on different accounts cannot both take one key (the second gets
 * {@link DuplicateKeyException} and everything it did is undone). Every read of an account takes its
 * lock. Thread-safe.
 */
final class InMemoryLedgerStore implements LedgerStore {

    /** Open lots in spending order: earliest expiry first, never-expiring last, then by id. */
    private static final Comparator<LotState> SPENDING_ORDER = Comparator
            .comparing((LotState l) -> l.expiresAt == null ? Instant.MAX : l.expiresAt)
            .thenComparingLong(l -> l.id);

    private final ConcurrentHashMap<CustomerKey, Account> accounts = new ConcurrentHashMap<>();
    /** A {@link LedgerEntry} or a {@link Rejection} per key, once its transaction has succeeded. */
    private final ConcurrentHashMap<IdempotencyKey, Object> outcomes = new ConcurrentHashMap<>();
    /** Makes a transaction's keys appear together: read for look-ups, write for publishing. */
    private final ReentrantReadWriteLock publication = new ReentrantReadWriteLock();
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
        final Map<Long, LotState> lots = new LinkedHashMap<>();
        final TreeSet<LotState> open = new TreeSet<>(SPENDING_ORDER);

        Account(CustomerKey name) {
            this.name = name;
        }
    }

    private Account account(CustomerKey name) {
        Account a = accounts.get(name);
        return a != null ? a : accounts.computeIfAbsent(Objects.requireNonNull(name, "account"), Account::new);
    }

    @Override
    public <T> T inTransaction(SortedSet<CustomerKey> names, Function<Transaction, T> work) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("accounts must not be empty");
        }
        List<Account> locked = new ArrayList<>(names.size());
        try {
            for (CustomerKey n : names) {
                Account a = account(n);
                a.lock.lock();
                while (a.retired) {
                    // renamed by an erasure while we waited: the name now stands for a new, empty account
                    a.lock.unlock();
                    a = account(n);
                    a.lock.lock();
                }
                locked.add(a);
            }
            Tx tx = new Tx(locked);
            boolean done = false;
            try {
                T result = work.apply(tx);
                tx.publishKeys();
                done = true;
                return result;
            } finally {
                tx.open = false;
                if (!done) {
                    tx.undo();
                }
            }
        } finally {
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).lock.unlock();
            }
        }
    }

    private final class Tx implements Transaction {
        private final Map<CustomerKey, Account> mine = new HashMap<>();
        private final Deque<Runnable> undo = new ArrayDeque<>();
        /** Outcomes of this transaction, published to {@link #outcomes} when it succeeds. */
        private final Map<IdempotencyKey, Object> pending = new LinkedHashMap<>();
        boolean open = true;

        Tx(List<Account> locked) {
            for (Account a : locked) {
                mine.put(a.name, a);
            }
        }

        private Account locked(CustomerKey name) {
            if (!open) {
                throw new IllegalStateException("the transaction is over");
            }
            Account a = mine.get(name);
            if (a == null) {
                throw new IllegalStateException("account " + Ids.describe(name.value()) + " is not locked by this transaction");
            }
            return a;
        }

        private Object outcome(IdempotencyKey key) {
            Object o = pending.get(key);
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
            pending.put(key, outcome);
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
            LotState l = a.lots.get(lotId);
            return l == null ? Optional.empty() : Optional.of(l.snapshot(a.name));
        }

        @Override
        public int movementCount(CustomerKey account, long lotId) {
            LotState l = locked(account).lots.get(lotId);
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
                LotState l = a.lots.get(m.lotId());
                if (l == null || l.remaining + m.points() < 0 || l.remaining + m.points() > l.earned) {
                    throw new IllegalStateException("lot " + m.lotId() + " cannot move by " + m.points());
                }
            }
            long id = ids.incrementAndGet();
            List<LotMovement> all = new ArrayList<>(d.movements().size() + 1);
            if (d.newLotPoints() > 0) {
                all.add(new LotMovement(id, d.newLotPoints()));
            }
            all.addAll(d.movements());
            LedgerEntry entry = new LedgerEntry(id, a.name, d.type(), delta, d.sourceRef(), d.instant(), d.reverses(),
                    d.shortfall(), d.note(), all);
            claim(d.key(), entry);
            for (LotMovement m : d.movements()) {
                move(a, a.lots.get(m.lotId()), m.points());
            }
            if (d.newLotPoints() > 0) {
                LotState lot = new LotState(id, d.newLotPoints(), d.instant(), d.availableAt(),
                        d.expiresAt().orElse(null));
                a.lots.put(id, lot);
                a.open.add(lot);
                undo.push(() -> {
                    a.open.remove(lot);
                    a.lots.remove(id);
                });
            }
            a.entries.add(entry);
            long before = a.balance;
            a.balance = before + delta;
            undo.push(() -> {
                a.balance = before;
                a.entries.remove(a.entries.size() - 1);
            });
            return entry;
        }

        private void move(Account a, LotState l, long points) {
            long before = l.remaining;
            // the comparator's fields never change, so the lot can leave and re-enter the open set
            a.open.remove(l);
            l.remaining = before + points;
            l.moves++;
            if (l.remaining > 0) {
                a.open.add(l);
            }
            undo.push(() -> {
                a.open.remove(l);
                l.remaining = before;
                l.moves--;
                if (before > 0) {
                    a.open.add(l);
                }
            });
        }

        /** Publishes this transaction's outcomes all at once, or none if a key was taken meanwhile. */
        void publishKeys() {
            if (pending.isEmpty()) {
                return;
            }
            publication.writeLock().lock();
            try {
                for (IdempotencyKey k : pending.keySet()) {
                    if (outcomes.containsKey(k)) {
                        throw new DuplicateKeyException(k);
                    }
                }
                outcomes.putAll(pending);
            } finally {
                publication.writeLock().unlock();
            }
        }

        void undo() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        }
    }

    private Object published(IdempotencyKey key) {
        publication.readLock().lock();
        try {
            return outcomes.get(key);
        } finally {
            publication.readLock().unlock();
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
            publication.writeLock().lock();
            try {
                for (Map.Entry<IdempotencyKey, Object> o : outcomes.entrySet()) {
                    if (o.getValue() instanceof LedgerEntry e && e.account().equals(from)) {
                        o.setValue(renamed(e, to));
                    } else if (o.getValue() instanceof Rejection r && r.account().equals(from)) {
                        o.setValue(new Rejection(to, r.type(), r.sourceRef(), r.status(), r.message()));
                    }
                }
            } finally {
                publication.writeLock().unlock();
            }
            for (LedgerEntry e : old.entries) {
                fresh.entries.add(renamed(e, to));
            }
            fresh.lots.putAll(old.lots);
            fresh.open.addAll(old.open);
            fresh.balance = old.balance;
            old.retired = true;
            accounts.remove(from, old);
            return (long) old.entries.size();
        });
    }

    private boolean hasRejections(CustomerKey account) {
        publication.readLock().lock();
        try {
            for (Object o : outcomes.values()) {
                if (o instanceof Rejection r && r.account().equals(account)) {
                    return true;
                }
            }
            return false;
        } finally {
            publication.readLock().unlock();
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
            TreeMap<Long, Lot> byId = new TreeMap<>();
            for (LotState l : a.lots.values()) {
                byId.put(l.id, l.snapshot(a.name));
            }
            return List.copyOf(byId.values());
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
