/** JMH benchmarks of o2o-predict: GBM training and scoring, logistic regression on Hillstrom. */
package dev.o2o.benchmarks.predict;
