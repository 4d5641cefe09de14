/**
 * Audited decisions: every REVIEW or DENY with its reasons and figures is kept in a
 * {@link dev.o2o.risk.audit.DecisionStore} (in memory or JDBC on core's shared layer); an operator
 * releases or confirms REVIEW decisions at the {@link dev.o2o.risk.audit.ReviewDesk}, and a
 * confirmed abuse reverses its points through the ledger and voids its code (idempotently).
 */
package dev.o2o.risk.audit;
