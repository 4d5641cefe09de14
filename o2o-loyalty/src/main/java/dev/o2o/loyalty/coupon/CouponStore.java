package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.jdbc.TablePrefix;

import java.util.List;
import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Storage of coupon limits, issued codes and redemptions. Every operation is atomic: quantity,
 * budget and per-customer limits hold under any number of concurrent redemptions, and a
 * redemption retried with the same key returns its first outcome, a refusal included.
 *
 * <p>A key has exactly one first outcome, store-wide: concurrent requests with one key, at the
 * same moment, get that outcome once and its replay otherwise, never a second outcome.
 *
 * <p><b>Limits, the same in every store</b> and checked before anything is stored (an
 * {@link IllegalArgumentException} naming the field, never repeating its value): codes have at
 * most 64 characters; redemption keys, coupon, order, store and cashier ids at most 200; all are
 * non-blank, without surrounding white space or control characters (NUL included), and
 * well-formed Unicode (no lone surrogate, which a database cannot store exactly); a refusal
 * message has at most 1,000 characters and no NUL; amounts are below
 * {@link dev.o2o.core.Money#TEXT_LIMIT} (10<sup>12</sup> in major units).
 * {@link RedemptionRequest} and {@link CouponLimits} check theirs when built, the stores the
 * plain strings they are given.
 *
 * <p>Business outcomes are {@link StoreOutcome} values; storage failures throw
 * {@link CouponStoreException}. Instants are kept to the millisecond. Implementations must be
 * thread-safe; every one passes the same conformance kit ({@code CouponStoreConformanceTest} in
 * {@code o2o-testkit}).
 */
public interface CouponStore extends UsageSource {

    /**
     * Creates this store's tables and indexes if they do not exist yet ({@code CREATE ... IF NOT
     * EXISTS}: safe at every start, and calling it twice changes nothing). A JDBC store never creates
     * tables by itself, so call this once before first use (or run the DDL resource yourself); the
     * in-memory store has no schema and this does nothing.
     *
     * @throws CouponStoreException if a statement fails
     */
    default void createSchema() {
    }

    /** Registers a coupon's limits, or replaces them (the counts so far are kept). */
    void register(CouponLimits limits);

    /**
     * Issues a code of a registered coupon to a customer.
     *
     * @return false if the code already exists (nothing changes)
     * @throws IllegalArgumentException if the coupon is not registered
     */
    boolean issue(String code, String couponId, CustomerKey customer, Instant at);

    /** The stored code, if any. */
    Optional<IssuedCode> find(String code);

    /**
     * Holds a code for an order until {@code now + timeout}; the same order may reserve again
     * (extending the deadline). Fails NOT_FOUND (no such code for this customer),
     * ALREADY_REDEEMED, or RESERVED (held by another order whose deadline has not passed).
     */
    StoreOutcome reserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout);

    /** Releases an order's reservation (order cancelled); releasing a free code succeeds. */
    StoreOutcome release(String code, String orderId, Instant now);

    /**
     * Redeems a code once: NOT_FOUND, ALREADY_REDEEMED, RESERVED (for another order),
     * QUANTITY_EXHAUSTED, BUDGET_EXHAUSTED, PER_CUSTOMER_LIMIT, CURRENCY_MISMATCH, or success.
     * Every outcome but KEY_CONFLICT is the first outcome of the request's key and is kept: the same
     * key again returns the first success or the first refusal with the same code and message
     * ({@code replayed}), and changes nothing, even if the limits, the code or the counts changed
     * since. To try again after a refusal, use a new key. A key used for another code or customer
     * fails KEY_CONFLICT (and that is not recorded).
     */
    StoreOutcome redeem(RedemptionRequest request);

    /**
     * Records a refusal decided before the store was asked (by validation, for example
     * MIN_SPEND_NOT_REACHED) as the first outcome of the request's key, so that a retry with the same
     * key is refused alike, even if the cart or the coupon changed since. If the key has a first
     * outcome already (a redemption or a refusal), that outcome is returned ({@code replayed}) and
     * nothing changes; a key used for another code or customer fails KEY_CONFLICT.
     *
     * @param violation why the request is refused; not KEY_CONFLICT, which is never recorded
     * @throws IllegalArgumentException if the violation is KEY_CONFLICT or its message is longer
     *                                  than 1,000 characters, contains NUL or is not well-formed
     */
    StoreOutcome refuse(RedemptionRequest request, Violation violation);

    /**
     * Rolls back a redemption (refund): the code is free again and the counts and budget are
     * restored. Rolling back twice succeeds once and then replays; an unknown key fails NOT_FOUND.
     */
    StoreOutcome rollback(String redemptionKey, Instant now);

    /**
     * Voids a code, for example after a confirmed abuse: from then on reserving, releasing,
     * redeeming and verifying it fail VOIDED. A reservation is dropped with it. Voiding is
     * idempotent: a voided code succeeds again, {@code replayed}, and nothing changes.
     *
     * <p>A redeemed code is not voided: the outcome is ALREADY_REDEEMED and nothing changes (the
     * redemption, its counts and budget stand; roll the redemption back first, then void the code).
     * An unknown code fails NOT_FOUND.
     *
     * <p>The built-in stores implement it; the default throws {@link UnsupportedOperationException}.
     */
    default StoreOutcome voidCode(String code) {
        throw new UnsupportedOperationException(getClass().getName() + " does not void codes");
    }

    /** The redemption recorded under a key, if any. */
    Optional<Redemption> redemption(String redemptionKey);

    /**
     * The codes issued to a customer (any state), ordered by code. The built-in stores implement
     * it; the default throws {@link UnsupportedOperationException}.
     */
    default List<IssuedCode> codesOf(CustomerKey customer) {
        throw new UnsupportedOperationException(getClass().getName() + " does not list codes by customer");
    }

    /**
     * A customer merge: everything kept under {@code from} moves to {@code to} atomically and is
     * recorded under {@code mergeId}: issued codes in every state, redemptions and remembered
     * refusals, and the per-customer redemption counts (added to {@code to}'s, so that a
     * per-customer limit counts the merged customer once). The same merge id again changes nothing
     * and returns the first counts, {@code replayed}. A redemption retried after the merge with the
     * absorbed key gets KEY_CONFLICT (its first outcome now names the survivor).
     *
     * <p>The built-in stores implement it; the default throws {@link UnsupportedOperationException}.
     *
     * @param mergeId the merge, an id of at most 200 characters
     */
    default CustomerMove mergeCustomer(String mergeId, CustomerKey from, CustomerKey to) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support customer merges");
    }

    /**
     * Undoes {@link #mergeCustomer}: the codes that merge moved and that {@code survivor} still holds
     * unused (stored state ISSUED) go to {@code returnTo}. Redeemed and reserved codes, redemptions
     * and counts stay with the survivor. The same merge id again returns the first count,
     * {@code replayed}; a merge id never applied here returns zeros.
     *
     * <p>The built-in stores implement it; the default throws {@link UnsupportedOperationException}.
     */
    default CustomerMove unmergeCustomer(String mergeId, CustomerKey survivor, CustomerKey returnTo) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support customer merges");
    }

    /**
     * Erasure: replaces the key by {@code replacement} in codes, redemptions, refusals, per-customer
     * counts and merge records, keeping every count and budget.
     *
     * <p>The built-in stores implement it; the default throws {@link UnsupportedOperationException}.
     *
     * @throws IllegalStateException if the replacement key holds data already
     */
    default CustomerMove eraseCustomer(CustomerKey customer, CustomerKey replacement) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support erasure");
    }

    /** A new, empty in-memory store. */
    static CouponStore inMemory() {
        return new InMemoryCouponStore();
    }

    /**
     * A store over a JDBC data source (H2 2.x or PostgreSQL), on core's shared JDBC layer: READ
     * COMMITTED transactions, serialization failures and deadlocks retried with bounded, jittered
     * exponential back-off. It creates no table: call {@link #createSchema()} once before use.
     *
     * @param tablePrefix prefix of every table name, for example {@code "coupon_"}: a lower-case
     *                    letter followed by up to 30 lower-case letters, digits or underscores
     */
    static CouponStore jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcCouponStore(dataSource, TablePrefix.of(tablePrefix));
    }
}
