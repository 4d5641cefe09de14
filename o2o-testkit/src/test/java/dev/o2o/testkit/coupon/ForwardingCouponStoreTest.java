package dev.o2o.testkit.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.coupon.CouponLimits;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.CouponUsage;
import dev.o2o.loyalty.coupon.IssuedCode;
import dev.o2o.loyalty.coupon.Redemption;
import dev.o2o.loyalty.coupon.RedemptionRequest;
import dev.o2o.loyalty.coupon.StoreOutcome;
import dev.o2o.loyalty.coupon.Violation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an integrator does with the published conformance kit, from outside the library's packages:
 * a store of their own (here a decorator that counts calls in front of the in-memory store) extends
 * {@link CouponStoreConformanceTest} and so runs every check of the contract.
 */
class ForwardingCouponStoreTest extends CouponStoreConformanceTest {

    /** Counts redemption attempts, as a metrics decorator would. */
    static final class CountingStore implements CouponStore {
        final CouponStore inner = CouponStore.inMemory();
        final AtomicLong redeemCalls = new AtomicLong();

        @Override
        public void register(CouponLimits limits) {
            inner.register(limits);
        }

        @Override
        public boolean issue(String code, String couponId, CustomerKey customer, Instant at) {
            return inner.issue(code, couponId, customer, at);
        }

        @Override
        public Optional<IssuedCode> find(String code) {
            return inner.find(code);
        }

        @Override
        public StoreOutcome reserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout) {
            return inner.reserve(code, customer, orderId, now, timeout);
        }

        @Override
        public StoreOutcome release(String code, String orderId, Instant now) {
            return inner.release(code, orderId, now);
        }

        @Override
        public StoreOutcome redeem(RedemptionRequest request) {
            redeemCalls.incrementAndGet();
            return inner.redeem(request);
        }

        @Override
        public StoreOutcome refuse(RedemptionRequest request, Violation violation) {
            return inner.refuse(request, violation);
        }

        @Override
        public StoreOutcome rollback(String redemptionKey, Instant now) {
            return inner.rollback(redemptionKey, now);
        }

        @Override
        public Optional<Redemption> redemption(String redemptionKey) {
            return inner.redemption(redemptionKey);
        }

        @Override
        public StoreOutcome voidCode(String code) {
            return inner.voidCode(code);
        }

        @Override
        public CouponUsage usage(String couponId, CustomerKey customer) {
            return inner.usage(couponId, customer);
        }
    }

    @Override
    protected CouponStore newStore() {
        return new CountingStore();
    }
}
