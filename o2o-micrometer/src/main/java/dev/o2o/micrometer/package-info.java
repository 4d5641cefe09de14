/** Operational metrics of o2o through Micrometer: store decorators and an identity-link recorder ({@link dev.o2o.micrometer.O2oMetrics}). */
package dev.o2o.micrometer;
