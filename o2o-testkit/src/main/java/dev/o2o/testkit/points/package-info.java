/**
 * The conformance kit of the points ledger's {@code LedgerStore}: {@link
 * dev.o2o.testkit.points.LedgerStoreConformanceTest}, which every store (ours in memory, on H2 and
 * on PostgreSQL, and yours) extends to run the same checks.
 */
package dev.o2o.testkit.points;
