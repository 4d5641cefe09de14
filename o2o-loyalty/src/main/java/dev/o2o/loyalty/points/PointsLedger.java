package dev.o2o.loyalty.points;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The points ledger: posts earnings, redemptions, adjustments and reversals on accounts, runs expiry,
 * and answers balances. All rules about lots live here; a {@link LedgerStore} keeps the data.
 *
 * <p>Guarantees: a balance never goes negative; concurrent postings on one account are serialised by
 * the store; every posting is idempotent by its key; after any sequence of operations
 * {@link #check(String)} holds. Time comes from the injected clock.
 *
 * <p>Thread-safe.
 */
public interface PointsLedger {

    /** A ledger over {@code store} taking posting times from {@code clock}. */
    static PointsLedger create(LedgerStore store, Clock clock) {
        return new DefaultPointsLedger(store, clock);
    }

    /**
     * A ledger that consults {@code guard} before applying each posting whose key is new (replays
     * are answered without it): a DENY returns {@link PostingResult.Status#RISK_DENIED} and writes
     * nothing, not even the key's first outcome, so a retry is asked again.
     */
    static PointsLedger create(LedgerStore store, Clock clock, dev.o2o.loyalty.guard.LoyaltyGuard guard) {
        return new DefaultPointsLedger(store, clock, guard);
    }

    /** Posts one posting in its own transaction. */
    PostingResult post(Posting posting);

    /**
     * Posts several postings in one store transaction (locking all their accounts in sorted order):
     * cheaper than one by one on a database. Results are in input order; rejected postings do not
     * affect the others.
     */
    List<PostingResult> postAll(List<? extends Posting> postings);

    /** Expires, per lot, the points left in lots whose expiry is at or before {@code upTo}. */
    ExpiryRun expire(Instant upTo);

    /** The account's balance now (by the clock). */
    Balance balance(String account);

    /** Compares the stored balance, the sum of entries and the sum of lots of an account. */
    InvariantCheck check(String account);

    /**
     * Points earned (EARN less reversals of EARN) by entries posted in {@code [from, to)}: the
     * qualifying points for tiers, independent of what was spent or expired.
     */
    long qualifyingPoints(String account, Instant from, Instant to);

    /** The store underneath. */
    LedgerStore store();
}
