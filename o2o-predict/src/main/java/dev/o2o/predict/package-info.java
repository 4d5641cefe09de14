/**
 * Propensity, churn and uplift models: who will use a coupon, who is leaving, and whom an offer changes.
 */
package dev.o2o.predict;
