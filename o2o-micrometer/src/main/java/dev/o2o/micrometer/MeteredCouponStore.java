package dev.o2o.micrometer;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.coupon.CouponLimits;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.CustomerMove;
import dev.o2o.loyalty.coupon.CouponUsage;
import dev.o2o.loyalty.coupon.IssuedCode;
import dev.o2o.loyalty.coupon.Redemption;
import dev.o2o.loyalty.coupon.RedemptionRequest;
import dev.o2o.loyalty.coupon.StoreOutcome;
import dev.o2o.loyalty.coupon.Violation;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A coupon store that times every call and counts first redemptions, refusals and roll-backs (replayed outcomes
 * are not counted again). Thread-safe when the wrapped store is.
 */
final class MeteredCouponStore implements CouponStore {
    private final CouponStore store;
    private final MeterRegistry registry;
    private final StoreTimer timer;

    MeteredCouponStore(CouponStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.timer = new StoreTimer(registry, "coupons");
    }

    @Override
    public CouponUsage usage(String couponId, CustomerKey customer) {
        return timer.time("usage", () -> store.usage(couponId, customer));
    }

    @Override
    public void register(CouponLimits limits) {
        timer.run("register", () -> store.register(limits));
    }

    @Override
    public boolean issue(String code, String couponId, CustomerKey customer, Instant at) {
        return timer.time("issue", () -> store.issue(code, couponId, customer, at));
    }

    @Override
    public Optional<IssuedCode> find(String code) {
        return timer.time("find", () -> store.find(code));
    }

    @Override
    public StoreOutcome reserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout) {
        return timer.time("reserve", () -> store.reserve(code, customer, orderId, now, timeout));
    }

    @Override
    public StoreOutcome release(String code, String orderId, Instant now) {
        return timer.time("release", () -> store.release(code, orderId, now));
    }

    @Override
    public StoreOutcome redeem(RedemptionRequest request) {
        StoreOutcome outcome = timer.time("redeem", () -> store.redeem(request));
        if (!outcome.replayed()) {
            if (outcome.isSuccess()) {
                registry.counter(O2oMetrics.COUPON_REDEMPTIONS).increment();
            } else {
                refusal(outcome, "store");
            }
        }
        return outcome;
    }

    @Override
    public StoreOutcome refuse(RedemptionRequest request, Violation violation) {
        StoreOutcome outcome = timer.time("refuse", () -> store.refuse(request, violation));
        if (!outcome.replayed()) {
            refusal(outcome, "validation");
        }
        return outcome;
    }

    private void refusal(StoreOutcome outcome, String source) {
        outcome.reason().ifPresent(code -> registry.counter(O2oMetrics.COUPON_REFUSALS, "reason", code.name(),
                "source", source).increment());
    }

    @Override
    public StoreOutcome rollback(String redemptionKey, Instant now) {
        StoreOutcome outcome = timer.time("rollback", () -> store.rollback(redemptionKey, now));
        if (outcome.isSuccess() && !outcome.replayed()) {
            registry.counter(O2oMetrics.COUPON_ROLLBACKS).increment();
        }
        return outcome;
    }

    @Override
    public StoreOutcome voidCode(String code) {
        return timer.time("voidCode", () -> store.voidCode(code));
    }

    @Override
    public Optional<Redemption> redemption(String redemptionKey) {
        return timer.time("redemption", () -> store.redemption(redemptionKey));
    }

    @Override
    public List<IssuedCode> codesOf(CustomerKey customer) {
        return timer.time("codesOf", () -> store.codesOf(customer));
    }

    @Override
    public CustomerMove mergeCustomer(String mergeId, CustomerKey from, CustomerKey to) {
        return timer.time("mergeCustomer", () -> store.mergeCustomer(mergeId, from, to));
    }

    @Override
    public CustomerMove unmergeCustomer(String mergeId, CustomerKey survivor, CustomerKey returnTo) {
        return timer.time("unmergeCustomer", () -> store.unmergeCustomer(mergeId, survivor, returnTo));
    }

    @Override
    public void createSchema() {
        store.createSchema();
    }

    @Override
    public CustomerMove eraseCustomer(CustomerKey customer, CustomerKey replacement) {
        return timer.time("eraseCustomer", () -> store.eraseCustomer(customer, replacement));
    }
}
