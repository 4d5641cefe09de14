/**
 * The risk guard seam: {@link dev.o2o.loyalty.guard.LoyaltyGuard} is consulted by
 * {@link dev.o2o.loyalty.coupon.CouponService} before a redemption or a store verification and by
 * the {@link dev.o2o.loyalty.points.PointsLedger} before a posting. A
 * {@link dev.o2o.loyalty.guard.GuardVerdict.Action#DENY DENY} stops the operation and changes
 * nothing; the default guard allows everything. Loyalty defines the interface and o2o-risk
 * implements it, so that loyalty never depends on risk.
 */
package dev.o2o.loyalty.guard;
