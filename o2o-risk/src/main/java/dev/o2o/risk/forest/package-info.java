/**
 * Anomaly detection with an isolation forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008),
 * optionally extended with random hyperplane splits (Hariri, Carrasco Kind and Brunner, 2018), for
 * members, stores and transactions described by numeric features. Scores match scikit-learn's
 * {@code IsolationForest.score_samples} (negated: higher is more anomalous).
 */
package dev.o2o.risk.forest;
