/** JMH benchmarks of o2o's hot paths. */
package dev.o2o.benchmarks;
