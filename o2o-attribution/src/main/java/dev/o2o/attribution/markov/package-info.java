/**
 * Markov-chain attribution with exact removal effects from the absorbing chain's linear system: counting
 * ({@link dev.o2o.attribution.markov.TransitionCounts}, mergeable), canonical state numbering and solving
 * ({@link dev.o2o.attribution.markov.MarkovChain}, with an error bound).
 */
package dev.o2o.attribution.markov;
