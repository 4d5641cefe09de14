/** Benchmarks of o2o-risk: the velocity guard's decision and memory, and the isolation forest. */
package dev.o2o.benchmarks.risk;
