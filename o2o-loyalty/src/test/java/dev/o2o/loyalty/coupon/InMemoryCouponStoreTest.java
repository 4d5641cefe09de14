package dev.o2o.loyalty.coupon;

class InMemoryCouponStoreTest extends CouponStoreConformanceTest {
    @Override
    protected CouponStore newStore() {
        return CouponStore.inMemory();
    }
}
