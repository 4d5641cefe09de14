/**
 * Batch detectors that see what per-event rules miss: identity-graph signals
 * ({@link dev.o2o.risk.signals.GraphSignals}: device farms, coupons held across one person's
 * accounts, new accounts redeeming high-value coupons, self-referral, points transfer cycles) and
 * store verification anomalies ({@link dev.o2o.risk.signals.StoreAnomalies}: robust z-scores of a
 * clerk's or store's figures against its own history and its peers).
 */
package dev.o2o.risk.signals;
