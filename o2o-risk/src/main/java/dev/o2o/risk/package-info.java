/**
 * Promotion abuse and fraud control: the values shared by the guards and detectors
 * ({@link dev.o2o.risk.RiskEvent}, {@link dev.o2o.risk.Field}, {@link dev.o2o.risk.Reason},
 * {@link dev.o2o.risk.RiskDecision}), the {@link dev.o2o.risk.CustomerResolver} that counts the
 * many identifiers of one person together through core's identity graph, and
 * {@link dev.o2o.risk.RiskGuard}, the {@link dev.o2o.loyalty.guard.LoyaltyGuard} that puts the
 * velocity rules in front of coupon redemptions, store verifications and points postings.
 * Velocity rules are in {@code dev.o2o.risk.velocity}, the isolation forest in
 * {@code dev.o2o.risk.forest}, audited decisions in {@code dev.o2o.risk.audit}.
 */
package dev.o2o.risk;
