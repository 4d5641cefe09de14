package dev.o2o.testkit.guard;

import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;

/** The guard kit on the in-memory stores. */
class InMemoryGuardTest extends GuardConformanceTest {
    @Override
    protected CouponStore newCouponStore() {
        return CouponStore.inMemory();
    }

    @Override
    protected LedgerStore newLedgerStore() {
        return LedgerStore.inMemory();
    }
}
