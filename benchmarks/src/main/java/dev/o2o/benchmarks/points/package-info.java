/** JMH benchmarks of the loyalty points engine: rule evaluation and ledger postings. */
package dev.o2o.benchmarks.points;
