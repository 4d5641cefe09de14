package dev.o2o.loyalty.coupon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The condition input of a check at a store counter, where there is no cart yet: the conditions
 * that look at the cart are never given one (the caller lists them as remaining instead).
 * Not thread-safe; one per check.
 */
final class CounterInput implements ConditionInput, Violations {
    private final Coupon coupon;
    private final CustomerContext customer;
    private final Instant now;
    private final UsageSource usageSource;
    private CouponUsage usage;
    final List<Violation> violations = new ArrayList<>(2);

    CounterInput(Coupon coupon, CustomerContext customer, Instant now, UsageSource usageSource) {
        this.coupon = coupon;
        this.customer = customer;
        this.now = now;
        this.usageSource = usageSource;
    }

    @Override
    public void add(ReasonCode code, String message) {
        violations.add(new Violation(code, message));
    }

    @Override
    public Coupon coupon() {
        return coupon;
    }

    @Override
    public Cart cart() {
        throw new IllegalStateException("no cart at the counter: a condition on the cart is checked at redemption");
    }

    @Override
    public CustomerContext customer() {
        return customer;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public boolean isEligible(int line) {
        throw new IllegalStateException("no cart at the counter: line eligibility is checked at redemption");
    }

    @Override
    public long eligibleBaseMinor() {
        throw new IllegalStateException("no cart at the counter: the eligible amount is checked at redemption");
    }

    @Override
    public long discountMinor() {
        throw new IllegalStateException("no cart at the counter: the discount is computed at redemption");
    }

    @Override
    public CouponUsage usage() {
        if (usage == null) {
            usage = usageSource.usage(coupon.id(), customer.customer());
        }
        return usage;
    }
}
