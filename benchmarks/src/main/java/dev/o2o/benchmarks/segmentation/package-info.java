/** JMH benchmarks of CLV model fitting and RFM scoring. */
package dev.o2o.benchmarks.segmentation;
