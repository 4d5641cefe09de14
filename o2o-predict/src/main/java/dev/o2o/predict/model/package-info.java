/**
 * Learners and fitted models: L2-regularised logistic regression and histogram gradient-boosted trees, model JSON, and a scorer for XGBoost's JSON models.
 */
package dev.o2o.predict.model;
