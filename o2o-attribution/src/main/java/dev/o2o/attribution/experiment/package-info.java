/** A/B-test statistics: proportion and Welch tests, chi-square, power, lift, incrementality, Thompson sampling. */
package dev.o2o.attribution.experiment;
