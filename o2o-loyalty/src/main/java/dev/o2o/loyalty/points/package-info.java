/**
 * Loyalty points: earning rules and rule sets ({@link dev.o2o.loyalty.points.EarningRule},
 * {@link dev.o2o.loyalty.points.RuleSet}), tiers ({@link dev.o2o.loyalty.points.TierPolicy}) and an
 * append-only points ledger ({@link dev.o2o.loyalty.points.PointsLedger}) over a pluggable
 * {@link dev.o2o.loyalty.points.LedgerStore} (in memory or JDBC).
 *
 * <p>Points are whole numbers held in {@code long}; nothing in this package uses floating point for
 * points or money.
 */
package dev.o2o.loyalty.points;
