/**
 * Offline evaluation of recommendation models: seeded train/test splits, ranking metrics and a
 * popularity baseline reported beside every model.
 */
package dev.o2o.recommend.eval;
