/**
 * RFM analysis: recency, frequency and monetary summaries from orders, quantile scoring,
 * segment maps and per-segment summaries, on primitive arrays for large customer bases.
 */
package dev.o2o.segmentation.rfm;
