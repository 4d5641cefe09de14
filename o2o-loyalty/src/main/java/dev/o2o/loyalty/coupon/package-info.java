/**
 * Coupons: definitions ({@link Discount}, {@link Coupon} with its limits and stores,
 * {@link CouponCondition}), validation with every failed reason ({@link CouponValidator}),
 * stacking and the best combination, one-time codes ({@link CouponCodes}), and safe redemption
 * behind {@link CouponStore} (in memory and JDBC), tied together by {@link CouponService}.
 *
 * <pre>{@code
 * Coupon spend150 = Coupon.builder("spend150save20", new Discount.Threshold(Money.of("150", "CNY"), Money.of("20", "CNY")))
 *         .condition(CouponCondition.validDays(first, last, ZoneId.of("Asia/Shanghai")))
 *         .stores(Set.of("S1", "S2"))
 *         .perCustomerLimit(1)
 *         .totalQuantity(1_000)
 *         .build();
 * CouponStore store = CouponStore.inMemory();
 * CouponService service = CouponService.create(List.of(spend150), store, clock, ValidationOptions.defaults());
 * String code = CouponCodes.generator(new SecureRandom()).next();
 * store.issue(code, "spend150save20", customer.customer(), clock.instant());
 *
 * ValidationResult r = service.validateCode(typedCode, cart, customer);
 * if (r.isValid()) {
 *     StoreOutcome o = service.redeem(paymentId, typedCode, orderId, cart, customer);
 * } else {
 *     List<Violation> shown = r.publicView().violations();
 * }
 * }</pre>
 * (The same lines are compiled and run in this module's {@code PackageExampleTest}.)
 *
 * <p>Amounts are {@link dev.o2o.core.Money} at the currency's scale, each below core's one limit
 * {@link dev.o2o.core.Money#TEXT_LIMIT} (10<sup>12</sup> in major units, whatever the currency's
 * scale: unit prices, line and cart totals, discounts, minimum spends, budgets; checked where they
 * enter by {@link dev.o2o.core.Money#requireBelowLimit}, naming the field); an order-level discount is spread over the eligible lines by largest
 * remainder, so the lines always sum to the total, and no coupon takes more than what remains of
 * a line. Codes have at most 64 characters and ids at most 200, in every store (see
 * {@link CouponStore}).
 */
package dev.o2o.loyalty.coupon;
