/**
 * Coupons: definitions ({@link dev.o2o.loyalty.coupon.Discount}, {@link dev.o2o.loyalty.coupon.Coupon},
 * {@link dev.o2o.loyalty.coupon.CouponCondition}), validation with every failed reason
 * ({@link dev.o2o.loyalty.coupon.CouponValidator}), stacking and the best combination,
 * one-time codes ({@link dev.o2o.loyalty.coupon.CouponCodes}), and safe redemption behind
 * {@link dev.o2o.loyalty.coupon.CouponStore} (in memory and JDBC).
 */
package dev.o2o.loyalty.coupon;
