/** JMH benchmarks of campaign automation: trigger evaluation, the store locator and the JDBC campaign store. */
package dev.o2o.benchmarks.campaign;
