/**
 * The guard kit: {@link dev.o2o.testkit.guard.GuardConformanceTest} checks that a
 * {@link dev.o2o.loyalty.guard.LoyaltyGuard} DENY stops a coupon redemption, a store verification
 * and a points posting on a given coupon and ledger store, and changes nothing.
 */
package dev.o2o.testkit.guard;
