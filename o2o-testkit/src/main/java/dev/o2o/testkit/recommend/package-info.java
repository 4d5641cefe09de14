/**
 * Seeded synthetic data for recommendation tests: customers with planted tastes choosing offers
 * at stores, more often when the store is near.
 */
package dev.o2o.testkit.recommend;
