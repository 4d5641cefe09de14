package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Storage of the points ledger: entries, lots and per-account balances.
 *
 * <p>The store knows nothing about earning or redemption rules; {@link PointsLedger} decides what to
 * append and the store makes it durable and atomic. {@link #inTransaction} gives the work exclusive
 * access to the named accounts (row locks or monitors) and applies everything it appended atomically,
 * or nothing if it throws. Implementations must refuse to let a lot's remaining points or an account
 * balance go below zero, and must refuse a second entry with the same idempotency key by throwing
 * {@link DuplicateKeyException} (the ledger then retries and finds the first entry).
 *
 * <p>A rejected posting is remembered too, as a {@link Rejection} under its idempotency key, so that a
 * retry returns the first outcome even after the balance has changed. A key belongs to one outcome in
 * the whole store: an entry or a rejection, on one account. Recording a rejection or appending an entry
 * under a key that has either, on any account, throws {@link DuplicateKeyException}, also when two
 * transactions on different accounts race for the key (one of them fails).
 *
 * <p>A store sees only validated values: postings, drafts and rejections check their limits (ids and
 * notes, see {@link Posting}) when they are built.
 *
 * <p>Every store is checked by the conformance kit {@code dev.o2o.testkit.points.LedgerStoreConformanceTest}
 * in the {@code o2o-testkit} module; a store of your own should extend it too.
 *
 * <p>Implementations are thread-safe. Built-ins: {@link #inMemory()} and {@link #jdbc(DataSource, String)}.
 */
public interface LedgerStore {

    /** A thread-safe store in memory (per-account locks), for tests, caches and single-node use. */
    static LedgerStore inMemory() {
        return new InMemoryLedgerStore();
    }

    /**
     * A store in a relational database over plain {@code java.sql}, tested on H2 and PostgreSQL. Each
     * transaction takes one connection from the data source, locks the account rows with
     * {@code SELECT ... FOR UPDATE} and commits; the idempotency key has a unique constraint.
     * It creates no table: call {@link #createSchema()} once before use (or run the DDL resource
     * {@code dev/o2o/loyalty/points/points-schema.sql} yourself). Transactions run
     * through {@code dev.o2o.core.jdbc.Transactions}: deadlocks and serialization failures are retried,
     * and database failures surface as {@code dev.o2o.core.jdbc.TransactionException}, a failed COMMIT
     * as {@code CommitOutcomeUnknownException} (post again with the same key to resolve it).
     *
     * <p>On H2, set {@code QUERY_CACHE_SIZE=32} (or more) in the database URL, for example
     * {@code jdbc:h2:mem:points;QUERY_CACHE_SIZE=32}: a transaction uses about ten statement texts
     * (the row inserts are multi-row statements), and with H2's default per-session cache of 8 each
     * falls out of the cache before its next use and is parsed again every time.
     *
     * @param dataSource  where connections come from (pool it for production use)
     * @param tablePrefix prefix of every table name, for example {@code "points_"}: a lower-case
     *                    letter followed by up to 30 lower-case letters, digits or underscores
     */
    static LedgerStore jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcLedgerStore(dataSource, tablePrefix);
    }

    /**
     * Creates this store's tables and indexes if they do not exist yet ({@code CREATE ... IF NOT
     * EXISTS}: safe at every start, and calling it twice changes nothing). A JDBC store never creates
     * tables by itself, so call this once before first use (or run the DDL resource yourself); the
     * in-memory store has no schema and this does nothing.
     *
     * @throws dev.o2o.core.jdbc.TransactionException if a statement fails
     */
    default void createSchema() {
    }

    /**
     * Runs {@code work} with exclusive access to {@code accounts} (locked in their sorted order, so
     * concurrent multi-account work cannot deadlock) and applies its appends atomically.
     *
     * @throws DuplicateKeyException if an append collided with an existing idempotency key
     */
    <T> T inTransaction(SortedSet<CustomerKey> accounts, Function<Transaction, T> work);

    /** {@link #inTransaction(SortedSet, Function)} on one account. */
    default <T> T inTransaction(CustomerKey account, Function<Transaction, T> work) {
        SortedSet<CustomerKey> one = new TreeSet<>();
        one.add(account);
        return inTransaction(one, work);
    }

    /** The entry with this idempotency key, if any (any account). */
    Optional<LedgerEntry> entryByKey(IdempotencyKey key);

    /** All entries of an account in posting order. */
    List<LedgerEntry> entries(CustomerKey account);

    /** All lots of an account (open and closed) by id. */
    List<Lot> lots(CustomerKey account);

    /** The stored balance of an account (0 for an unknown account). */
    long balance(CustomerKey account);

    /** The rejection remembered under this idempotency key, if any (any account). */
    Optional<Rejection> rejectionByKey(IdempotencyKey key);

    /** Every account that has an entry. */
    Set<CustomerKey> accounts();

    /** Accounts that have a lot with points left whose expiry is at or before {@code instant}. */
    Set<CustomerKey> accountsWithLotsDueBy(Instant instant);

    /**
     * Erasure of a customer (right to be forgotten): gives the account a new id, a pseudonym, in its
     * balance, every entry, lot and remembered rejection, atomically and under the account's lock.
     * Points, lots, entry ids, source references and totals are kept, so audits still add up; only
     * the link to the erased customer goes. Afterwards the old id is an unknown, empty account.
     *
     * <p>The built-in stores implement it; the default throws {@link UnsupportedOperationException},
     * so that a store of your own that does not cannot silently keep the old id.
     *
     * @return how many entries were renamed (0 for an unknown account)
     * @throws IllegalStateException if the pseudonym account has entries or rejections already
     */
    default long renameForErasure(CustomerKey account, CustomerKey pseudonym) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support erasure");
    }

    /**
     * Reads and appends inside {@link LedgerStore#inTransaction}. Valid only during the call and only
     * for the locked accounts. Not thread-safe: used by one thread.
     */
    interface Transaction {

        /** The entry with this idempotency key, if any (any account). */
        Optional<LedgerEntry> entry(IdempotencyKey key);

        /** The rejection remembered under this idempotency key, if any (any account). */
        Optional<Rejection> rejection(IdempotencyKey key);

        /**
         * A hint that {@link #entry} and {@link #rejection} will be asked for these keys next, so that a
         * database store reads them in one query rather than one by one. The default does nothing.
         */
        default void prefetch(Collection<IdempotencyKey> keys) {
        }

        /**
         * Remembers that a posting on a locked account was rejected, atomically with the rest of the
         * transaction (undone if the work throws).
         *
         * @throws DuplicateKeyException if the key has an entry or a rejection already, on any account
         */
        void recordRejection(Rejection rejection);

        /** REVERSE entries compensating entry {@code entryId} of a locked account. */
        List<LedgerEntry> reversalsOf(CustomerKey account, long entryId);

        /**
         * Lots of a locked account with points left, earliest expiry first (never-expiring last), then
         * by id.
         */
        List<Lot> openLots(CustomerKey account);

        /**
         * Visits the open lots of a locked account in the order of {@link #openLots} without creating
         * snapshots, until the visitor returns false. The default goes through {@link #openLots}.
         */
        default void forEachOpenLot(CustomerKey account, LotVisitor visitor) {
            for (Lot lot : openLots(account)) {
                if (!visitor.visit(lot.id(), lot.remaining(), lot.availableAt(), lot.expiresAt().orElse(Instant.MAX))) {
                    return;
                }
            }
        }

        /** A lot of a locked account, open or closed. */
        Optional<Lot> lot(CustomerKey account, long lotId);

        /** How many movements have touched the lot so far (a version number for expiry keys). */
        int movementCount(CustomerKey account, long lotId);

        /** The stored balance of a locked account. */
        long balance(CustomerKey account);

        /** The sum of the points of all entries of a locked account. */
        long entrySum(CustomerKey account);

        /**
         * Appends an entry, applies its movements, creates its lot and updates the balance.
         *
         * @throws DuplicateKeyException    if the key has an entry or a rejection already, on any account
         * @throws IllegalStateException    if a lot or the balance would go negative
         */
        LedgerEntry append(EntryDraft draft);
    }

    /**
     * The first outcome of a posting that was rejected (for example {@code INSUFFICIENT_POINTS}): a retry
     * with the same key returns this status and message and changes nothing. To try again after the
     * account has changed, post with a new source reference.
     *
     * <p>Immutable and thread-safe.
     *
     * @param account   the account of the rejected posting
     * @param type      its entry type
     * @param sourceRef its source reference; with the type the idempotency key
     * @param status    why it was rejected: neither {@code POSTED}, {@code REPLAYED} nor {@code KEY_CONFLICT}
     * @param message   the readable explanation given the first time, at most {@value #MAX_MESSAGE} characters
     */
    record Rejection(CustomerKey account, EntryType type, String sourceRef, PostingResult.Status status, String message) {

        /** The longest message a store must keep. */
        public static final int MAX_MESSAGE = 1000;

        public Rejection {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(type, "type");
            Ids.requireId(sourceRef, "sourceRef");
            Objects.requireNonNull(status, "status");
            if (status == PostingResult.Status.POSTED || status == PostingResult.Status.REPLAYED
                    || status == PostingResult.Status.KEY_CONFLICT) {
                throw new IllegalArgumentException("status of a rejection of " + Ids.describe(sourceRef)
                        + " must be a rejection reason, not " + status);
            }
            Ids.requireText(message, "message of a rejection", MAX_MESSAGE);
        }

        /** The idempotency key: the type and the source reference. */
        public IdempotencyKey key() {
            return new IdempotencyKey(type, sourceRef);
        }
    }

    /** Receives open lots from {@link Transaction#forEachOpenLot}. */
    @FunctionalInterface
    interface LotVisitor {
        /**
         * @param lotId       the lot
         * @param remaining   points left, positive
         * @param availableAt when it becomes spendable
         * @param expiresAt   when it expires, {@link Instant#MAX} for never
         * @return whether to continue with the next lot
         */
        boolean visit(long lotId, long remaining, Instant availableAt, Instant expiresAt);
    }
}
