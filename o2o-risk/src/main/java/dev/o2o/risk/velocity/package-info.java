/**
 * Velocity rules: count, sum or distinct-count of an event attribute over a sliding window keyed
 * by an identifier, the resolved customer, a device, a store or a clerk, with REVIEW and DENY
 * thresholds ({@link dev.o2o.risk.velocity.VelocityRule}), evaluated inline by
 * {@link dev.o2o.risk.velocity.VelocityEngine}.
 */
package dev.o2o.risk.velocity;
