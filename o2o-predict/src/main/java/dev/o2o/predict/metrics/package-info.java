/**
 * Metrics of scores: ROC AUC, the Tianchi per-group mean AUC, log loss, Brier score, calibration, gains and lift, and the uplift metrics (Qini, AUUC, uplift at k) as scikit-uplift defines them.
 */
package dev.o2o.predict.metrics;
