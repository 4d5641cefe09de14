/** Example programs and the {@code ./o2o} command line. */
package dev.o2o.examples;
