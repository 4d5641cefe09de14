/**
 * Customer lifetime value: the BG/NBD, MBG/NBD and Pareto/NBD purchase models and the
 * Gamma-Gamma spend model, fitted by maximum likelihood, with per-customer forecasts,
 * discounted CLV and calibration/holdout checks.
 */
package dev.o2o.segmentation.clv;
