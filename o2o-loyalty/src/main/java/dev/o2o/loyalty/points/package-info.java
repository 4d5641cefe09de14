/**
 * Loyalty points: earning rules and rule sets ({@link dev.o2o.loyalty.points.EarningRule},
 * {@link dev.o2o.loyalty.points.RuleSet}), tiers ({@link dev.o2o.loyalty.points.TierPolicy}) and an
 * append-only points ledger ({@link dev.o2o.loyalty.points.PointsLedger}) over a pluggable
 * {@link dev.o2o.loyalty.points.LedgerStore} (in memory or JDBC).
 *
 * <p>Points are whole numbers held in {@code long}; nothing in this package uses floating point for
 * points or money.
 *
 * <p>Conventions: rules run higher priority first; spend rules earn on what was paid unless told to use
 * list prices ({@link dev.o2o.loyalty.points.SpendBase}); every award says what each order line earned,
 * so a refund of lines takes back exactly that ({@link dev.o2o.loyalty.points.LinePoints}; proportional
 * reversal only where lines are unknown); qualifying windows are half-open, {@code [from, to)}, in the
 * ledger and the tier policy alike; a posting may carry its own instant for back-fills, within
 * {@link dev.o2o.loyalty.points.BackfillLimits} of the clock; a shared QR code earns once per member.
 *
 * <p>Guarantees of every store: an {@link dev.o2o.loyalty.points.IdempotencyKey} has one outcome in
 * the whole ledger (an entry or a remembered refusal, on one account), also when two accounts race
 * for it; ids longer than 200 characters, notes longer than 500, NUL and unpaired surrogates are
 * refused when a posting is built, before any store is called; an expiry run reports the accounts it
 * could not expire next to what it committed ({@link dev.o2o.loyalty.points.ExpiryRun}); on JDBC a
 * failed COMMIT is a {@code dev.o2o.core.jdbc.CommitOutcomeUnknownException}, resolved by posting
 * again with the same key. Messages show keys and accounts masked.
 */
package dev.o2o.loyalty.points;
