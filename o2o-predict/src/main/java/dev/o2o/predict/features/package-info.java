/**
 * Leak-free feature pipelines: features of an example use only events strictly before its
 * prediction instant. Coupon propensity from Tianchi-format receipts and churn from orders.
 */
package dev.o2o.predict.features;
