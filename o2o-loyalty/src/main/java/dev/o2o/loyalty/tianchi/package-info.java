/**
 * The Tianchi O2O coupon data set in coupon terms: core's {@link dev.o2o.core.io.TianchiCsv} is
 * the one reader of the file format (header, columns, the rule of every field, error messages);
 * here {@link dev.o2o.loyalty.tianchi.TianchiData} maps its rows to offline receipts
 * ({@link dev.o2o.loyalty.tianchi.TianchiReceipt}) and their Discount_rate to coupon
 * {@link dev.o2o.loyalty.coupon.Discount}s, and counts receipts by discount kind and
 * {@link dev.o2o.loyalty.tianchi.DistanceBand} in mergeable
 * {@link dev.o2o.loyalty.tianchi.ReceiptStats}, the inputs of coupon analytics and propensity
 * features. Kept apart from {@code dev.o2o.loyalty.coupon}: the coupon domain does not depend on
 * this format.
 */
package dev.o2o.loyalty.tianchi;
