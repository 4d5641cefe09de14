/**
 * The conformance kit of {@link dev.o2o.loyalty.coupon.CouponStore}: extend
 * {@link dev.o2o.testkit.coupon.CouponStoreConformanceTest} in your own tests, implement
 * {@code newStore()}, and your store runs every check of the contract that the in-memory, H2 and
 * PostgreSQL stores pass (limits under 16 concurrent threads, one outcome per redemption key even
 * when two requests with that key arrive at once, the length and Unicode limits).
 */
package dev.o2o.testkit.coupon;
