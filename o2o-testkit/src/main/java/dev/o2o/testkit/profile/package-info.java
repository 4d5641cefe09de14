/**
 * The conformance kit of the customer profiles' {@code ProfileStore}: {@link
 * dev.o2o.testkit.profile.ProfileStoreConformanceTest}, which every store (ours in memory, on H2
 * and on PostgreSQL, and yours) extends to run the same checks, restarts included.
 */
package dev.o2o.testkit.profile;
