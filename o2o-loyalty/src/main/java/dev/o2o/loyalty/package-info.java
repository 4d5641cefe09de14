/** Loyalty: a points engine with a durable ledger, and coupons. */
package dev.o2o.loyalty;
