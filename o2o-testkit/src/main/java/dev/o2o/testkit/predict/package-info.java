/**
 * Seeded generators with known probabilities for testing predictive models: a coupon campaign
 * with a known effect per customer (uplift), coupon receipts in the Tianchi O2O format with a
 * known redemption probability, and order histories with a known churn probability. A model's
 * AUC can thus be compared with the oracle AUC of the true probabilities.
 */
package dev.o2o.testkit.predict;
