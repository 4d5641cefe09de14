/**
 * Seeded data generators: {@link dev.o2o.testkit.data.SyntheticData} writes a whole synthetic
 * online-to-offline retailer (stores, touchpoints, orders, identity links, paths, CLV summaries,
 * coupons) with its hidden truth; {@link dev.o2o.testkit.data.SyntheticJourneys} draws bulk
 * channel journeys for attribution tests and benchmarks. The same seed gives the same bytes on
 * every JVM.
 */
package dev.o2o.testkit.data;
