/**
 * Uplift modelling: whom an offer changes. Meta-learners (S, T, X, class transformation) over any
 * {@link dev.o2o.predict.model.Learner}, several treatments against one control, the
 * experiment's arm statistics, and targeting by expected incremental margin under a budget.
 */
package dev.o2o.predict.uplift;
