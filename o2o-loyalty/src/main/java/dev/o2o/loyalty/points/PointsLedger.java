package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.guard.LoyaltyGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The points ledger: posts earnings, redemptions, adjustments and reversals on accounts, runs expiry,
 * and answers balances. All rules about lots live here; a {@link LedgerStore} keeps the data.
 *
 * <p>Guarantees: a balance never goes negative; concurrent postings on one account are serialised by
 * the store; every posting is idempotent by its key; after any sequence of operations
 * {@link #check(CustomerKey)} holds. Time comes from the injected clock.
 *
 * <p>Thread-safe.
 */
public interface PointsLedger {

    /**
     * A ledger over {@code store} taking posting times from {@code clock}, and back-filled postings
     * within {@link BackfillLimits#defaults()} (5 minutes after the clock, 90 days before it).
     */
    static PointsLedger create(LedgerStore store, Clock clock) {
        return new DefaultPointsLedger(store, clock);
    }

    /** A ledger accepting back-filled postings ({@link Posting#postedAt()}) within {@code backfill} of the clock. */
    static PointsLedger create(LedgerStore store, Clock clock, BackfillLimits backfill) {
        return new DefaultPointsLedger(store, clock, backfill);
    }

    /**
     * A ledger that consults {@code guard} before applying each posting whose key is new (replays
     * are answered without it): a DENY returns {@link PostingResult.Status#RISK_DENIED} and writes
     * nothing, not even the key's first outcome, so a retry is asked again.
     */
    static PointsLedger create(LedgerStore store, Clock clock, LoyaltyGuard guard) {
        return new DefaultPointsLedger(store, clock, BackfillLimits.defaults(), guard);
    }

    /** A ledger with both a back-fill limit and a guard (see the two overloads above). */
    static PointsLedger create(LedgerStore store, Clock clock, BackfillLimits backfill,
                               LoyaltyGuard guard) {
        return new DefaultPointsLedger(store, clock, backfill, guard);
    }

    /**
     * Posts one posting in its own transaction, at the clock's instant or at the posting's own
     * {@link Posting#postedAt()}.
     *
     * @throws IllegalArgumentException if the posting's own instant is outside the back-fill limits,
     *                                  or a reversal would precede its original
     */
    PostingResult post(Posting posting);

    /**
     * Posts several postings in one store transaction (locking all their accounts in sorted order):
     * cheaper than one by one on a database. Results are in input order; rejected postings do not
     * affect the others.
     */
    List<PostingResult> postAll(List<? extends Posting> postings);

    /**
     * Expires, per lot, the points left in lots whose expiry is at or before {@code upTo}.
     *
     * @throws IllegalArgumentException if {@code upTo} is after the clock's instant (lots would expire
     *                                  before their expiry)
     */
    ExpiryRun expire(Instant upTo);

    /** The account's balance now (by the clock). */
    Balance balance(CustomerKey account);

    /** Compares the stored balance, the sum of entries and the sum of lots of an account. */
    InvariantCheck check(CustomerKey account);

    /**
     * Points earned (EARN less reversals of EARN) by entries posted in {@code [from, to)} (start
     * included, end excluded: the convention of {@link TierPolicy#qualifyingValue} too, so consecutive
     * windows never count an entry twice): the qualifying points for tiers, independent of what was
     * spent or expired. A reversal counts against the window of the earning it reverses.
     */
    long qualifyingPoints(CustomerKey account, Instant from, Instant to);

    /** The store underneath. */
    LedgerStore store();
}
