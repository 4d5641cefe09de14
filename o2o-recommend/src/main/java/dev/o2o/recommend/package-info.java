/**
 * Next-best offer: which coupon, product or store to put in front of each customer, and where.
 */
package dev.o2o.recommend;
