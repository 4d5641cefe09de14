/**
 * The published test kit: store conformance kits and seeded data generators for integrators and our own tests.
 */
package dev.o2o.testkit;
