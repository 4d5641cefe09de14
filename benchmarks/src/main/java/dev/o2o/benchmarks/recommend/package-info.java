/** JMH benchmarks of o2o-recommend: EASE fit, top-K with O2O rules, fold-in. */
package dev.o2o.benchmarks.recommend;
