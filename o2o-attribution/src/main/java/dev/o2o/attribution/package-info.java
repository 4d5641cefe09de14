/**
 * Multi-touch attribution over online-to-offline journeys, and experiment statistics.
 *
 * <p>Layers: journeys ({@code journey}) are counted into mergeable statistics
 * ({@link dev.o2o.attribution.markov.TransitionCounts}, {@link dev.o2o.attribution.shapley.CoalitionCounts},
 * {@link dev.o2o.attribution.CreditSums}); {@code markov} and {@code shapley} turn counts into removal effects and
 * Shapley values without knowing this package; this package adapts them into an {@link
 * dev.o2o.attribution.AttributionResult} ({@code fromMarkov}, {@code fromShapley}).
 */
package dev.o2o.attribution;
