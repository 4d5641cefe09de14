/**
 * The Tianchi O2O coupon data set as a file format: {@link dev.o2o.loyalty.tianchi.TianchiData}
 * reads its offline receipts ({@link dev.o2o.loyalty.tianchi.TianchiReceipt}), parses its
 * Discount_rate notation into coupon {@link dev.o2o.loyalty.coupon.Discount}s, and counts receipts
 * by discount kind and {@link dev.o2o.loyalty.tianchi.DistanceBand} in mergeable
 * {@link dev.o2o.loyalty.tianchi.ReceiptStats}, the inputs of coupon analytics and propensity
 * features. Kept apart from {@code dev.o2o.loyalty.coupon}: the coupon domain does not depend on
 * this format.
 */
package dev.o2o.loyalty.tianchi;
