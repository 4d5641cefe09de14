package dev.o2o.micrometer;

import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.testkit.coupon.CouponStoreConformanceTest;
import dev.o2o.testkit.points.LedgerStoreConformanceTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Nested;

/** The metered decorators keep every promise of the store contracts: both conformance kits pass through them. */
class MeteredStoresConformanceTest {

    @Nested
    class Ledger extends LedgerStoreConformanceTest {
        @Override
        protected LedgerStore newStore() {
            return O2oMetrics.ledgerStore(LedgerStore.inMemory(), new SimpleMeterRegistry());
        }
    }

    @Nested
    class Coupons extends CouponStoreConformanceTest {
        @Override
        protected CouponStore newStore() {
            return O2oMetrics.couponStore(CouponStore.inMemory(), new SimpleMeterRegistry());
        }
    }
}
