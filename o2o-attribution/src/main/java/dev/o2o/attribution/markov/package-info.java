/** Markov-chain attribution with exact removal effects from the absorbing chain's linear system. */
package dev.o2o.attribution.markov;
