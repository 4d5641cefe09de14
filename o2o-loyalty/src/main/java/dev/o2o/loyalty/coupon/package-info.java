/**
 * Coupons: definitions ({@link dev.o2o.loyalty.coupon.Discount}, {@link dev.o2o.loyalty.coupon.Coupon},
 * {@link dev.o2o.loyalty.coupon.CouponCondition}), validation with every failed reason
 * ({@link dev.o2o.loyalty.coupon.CouponValidator}), stacking and the best combination,
 * one-time codes ({@link dev.o2o.loyalty.coupon.CouponCodes}), and safe redemption behind
 * {@link dev.o2o.loyalty.coupon.CouponStore} (in memory and JDBC), tied together by
 * {@link dev.o2o.loyalty.coupon.CouponService}.
 *
 * <pre>{@code
 * Coupon spend150 = Coupon.builder("spend150save20", new Discount.Threshold(Money.of("150", "CNY"), Money.of("20", "CNY")))
 *         .condition(CouponCondition.validDays(first, last, ZoneId.of("Asia/Shanghai")))
 *         .condition(CouponCondition.stores(Set.of("S1", "S2")))
 *         .condition(CouponCondition.perCustomerLimit(1))
 *         .condition(CouponCondition.totalQuantity(1_000))
 *         .build();
 * CouponService service = CouponService.create(List.of(spend150), CouponStore.inMemory(), clock,
 *         ValidationOptions.defaults());
 * ValidationResult r = service.validateCode(typedCode, cart, customer);
 * if (r.isValid()) {
 *     StoreOutcome o = service.redeem(paymentId, typedCode, orderId, cart, customer);
 * } else {
 *     show(r.publicView().violations());
 * }
 * }</pre>
 *
 * <p>Amounts are {@link dev.o2o.core.Money} at the currency's scale; an order-level discount is
 * spread over the eligible lines by largest remainder, so the lines always sum to the total, and
 * no coupon takes more than what remains of a line.
 */
package dev.o2o.loyalty.coupon;
