/**
 * The conformance kit of the identity graph's {@code IdentityStore}: {@link
 * dev.o2o.testkit.identity.IdentityStoreConformanceTest}, which every store (ours in memory, on H2
 * and on PostgreSQL, and yours) extends to run the same checks, restarts included.
 */
package dev.o2o.testkit.identity;
