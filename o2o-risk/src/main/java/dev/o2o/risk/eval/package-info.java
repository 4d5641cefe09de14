/**
 * Evaluation on labelled synthetic traffic: {@link dev.o2o.risk.eval.AbuseSimulation} injects
 * seeded abuse patterns (device farms, bot bursts, refund churn, clerk fraud, referral rings) into
 * ordinary traffic, and {@link dev.o2o.risk.eval.Evaluation} reports precision and recall per
 * pattern for the velocity rules and for the isolation forest. (Here rather than in o2o-testkit:
 * testkit depending on risk would close the cycle testkit, risk, predict, whose tests use testkit.)
 */
package dev.o2o.risk.eval;
