/**
 * Helpers of the kits that check how stores follow customer merges, unmerges and erasures (the
 * kits themselves sit beside each store's kit: {@code points}, {@code coupon}, {@code campaign}).
 */
package dev.o2o.testkit.customer;
