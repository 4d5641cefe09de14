/**
 * The JDBC layer shared by every o2o store (ledger, coupons, identity, profiles, campaign state,
 * risk audit): {@link dev.o2o.core.jdbc.Transactions} runs work in a transaction with a fixed
 * isolation, retries serialization failures and deadlocks with bounded, jittered exponential
 * back-off, restores the connection's auto-commit and isolation, and reports a failed COMMIT as
 * {@link dev.o2o.core.jdbc.CommitOutcomeUnknownException}; {@link dev.o2o.core.jdbc.SqlErrors}
 * classifies SQLStates; {@link dev.o2o.core.jdbc.SchemaScript} creates a store's tables under a
 * validated {@link dev.o2o.core.jdbc.TablePrefix} in the {@link dev.o2o.core.jdbc.Dialect} of the
 * database (H2 2.x and PostgreSQL).
 *
 * <p>Exception messages name the operation and the SQLState, never the bound values (keys and
 * accounts can be personal data); the driver's exception, which may quote them, is the cause.
 */
package dev.o2o.core.jdbc;
