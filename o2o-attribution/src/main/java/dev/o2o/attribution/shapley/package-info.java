/** Shapley-value attribution: closed forms, exact subset transforms and seeded permutation sampling. */
package dev.o2o.attribution.shapley;
