package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link CouponStore}. Thread-safe: every change to a coupon's codes, counts and
 * redemptions happens under that coupon's lock, so limits hold under concurrency.
 */
final class InMemoryCouponStore implements CouponStore {

    private static final class Campaign {
        volatile CouponLimits limits;
        long redeemed;
        long spentMinor;
        final Map<CustomerKey, long[]> byCustomer = new HashMap<>();

        Campaign(CouponLimits limits) {
            this.limits = limits;
        }
    }

    private static final class Code {
        final String code;
        final String couponId;
        final CustomerKey customer;
        final Instant issuedAt;
        CodeState state = CodeState.ISSUED;
        String orderId;
        Instant reservedUntil;

        Code(String code, String couponId, CustomerKey customer, Instant issuedAt) {
            this.code = code;
            this.couponId = couponId;
            this.customer = customer;
            this.issuedAt = issuedAt;
        }

        IssuedCode snapshot() {
            return new IssuedCode(code, couponId, customer, state, Optional.ofNullable(orderId),
                    Optional.ofNullable(reservedUntil), issuedAt);
        }
    }

    private final ConcurrentHashMap<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Code> codes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Redemption> redemptions = new ConcurrentHashMap<>();
    /** First outcomes of refused redemption keys. */
    private final ConcurrentHashMap<String, Refusal> refusals = new ConcurrentHashMap<>();

    private static Instant ms(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void register(CouponLimits limits) {
        Objects.requireNonNull(limits, "limits");
        campaigns.compute(limits.couponId(), (id, c) -> {
            if (c == null) {
                return new Campaign(limits);
            }
            c.limits = limits;
            return c;
        });
    }

    @Override
    public boolean issue(String code, String couponId, CustomerKey customer, Instant at) {
        Check.id(code, "code");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(at, "at");
        if (!campaigns.containsKey(couponId)) {
            throw new IllegalArgumentException("coupon '" + couponId + "' is not registered");
        }
        return codes.putIfAbsent(code, new Code(code, couponId, customer, ms(at))) == null;
    }

    @Override
    public Optional<IssuedCode> find(String code) {
        Code c = codes.get(code);
        if (c == null) {
            return Optional.empty();
        }
        synchronized (campaigns.get(c.couponId)) {
            return Optional.of(c.snapshot());
        }
    }

    @Override
    public StoreOutcome reserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout) {
        Check.id(orderId, "orderId");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("reservation timeout must be positive: " + timeout);
        }
        Code c = codes.get(code);
        if (c == null || !c.customer.equals(customer)) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no code " + code + " for this customer");
        }
        synchronized (campaigns.get(c.couponId)) {
            StoreOutcome busy = busy(c, orderId, now);
            if (busy != null) {
                return busy;
            }
            c.state = CodeState.RESERVED;
            c.orderId = orderId;
            c.reservedUntil = ms(now.plus(timeout));
            return StoreOutcome.OK;
        }
    }

    /** Why the code cannot be used by this order now, or null. Caller holds the lock. */
    private static StoreOutcome busy(Code c, String orderId, Instant now) {
        if (c.state == CodeState.REDEEMED) {
            return StoreOutcome.fail(ReasonCode.ALREADY_REDEEMED, "code already redeemed");
        }
        if (c.state == CodeState.RESERVED && !orderId.equals(c.orderId) && now.isBefore(c.reservedUntil)) {
            return StoreOutcome.fail(ReasonCode.RESERVED, "code reserved for another order until " + c.reservedUntil);
        }
        return null;
    }

    @Override
    public StoreOutcome release(String code, String orderId, Instant now) {
        Code c = codes.get(code);
        if (c == null) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no code " + code);
        }
        synchronized (campaigns.get(c.couponId)) {
            if (c.state == CodeState.ISSUED) {
                return StoreOutcome.OK;
            }
            if (c.state == CodeState.REDEEMED) {
                return StoreOutcome.fail(ReasonCode.INVALID_STATE, "code is redeemed; roll the redemption back instead");
            }
            if (!orderId.equals(c.orderId)) {
                return StoreOutcome.fail(ReasonCode.RESERVED, "code is reserved by another order");
            }
            c.state = CodeState.ISSUED;
            c.orderId = null;
            c.reservedUntil = null;
            return StoreOutcome.OK;
        }
    }

    @Override
    public StoreOutcome redeem(RedemptionRequest r) {
        Objects.requireNonNull(r, "request");
        StoreOutcome first = firstOutcome(r);
        if (first != null) {
            return first;
        }
        Code c = codes.get(r.code());
        if (c == null || !c.customer.equals(r.customer())) {
            return refuse(r, StoreOutcome.fail(ReasonCode.NOT_FOUND, "no code " + r.code() + " for this customer"));
        }
        Campaign camp = campaigns.get(c.couponId);
        synchronized (camp) {
            // refusals are recorded under the coupon's lock, so a concurrent retry sees them here
            first = firstOutcome(r);
            if (first != null) {
                return first;
            }
            StoreOutcome busy = busy(c, r.orderId(), r.at());
            if (busy != null) {
                return refuse(r, busy);
            }
            CouponLimits l = camp.limits;
            long amount = r.discount().minorUnits();
            if (l.totalBudget().isPresent() && !l.totalBudget().get().currency().equals(r.discount().currency())) {
                return refuse(r, StoreOutcome.fail(ReasonCode.CURRENCY_MISMATCH, "discount " + r.discount() + " is not in the budget's currency"));
            }
            if (l.totalQuantity().isPresent() && camp.redeemed >= l.totalQuantity().getAsLong()) {
                return refuse(r, StoreOutcome.fail(ReasonCode.QUANTITY_EXHAUSTED, "all " + l.totalQuantity().getAsLong() + " units are used"));
            }
            if (l.totalBudget().isPresent() && camp.spentMinor + amount > l.totalBudget().get().minorUnits()) {
                return refuse(r, StoreOutcome.fail(ReasonCode.BUDGET_EXHAUSTED, "budget " + l.totalBudget().get() + " cannot cover " + r.discount()));
            }
            long[] mine = camp.byCustomer.get(r.customer());
            if (l.perCustomerLimit().isPresent() && mine != null && mine[0] >= l.perCustomerLimit().getAsInt()) {
                return refuse(r, StoreOutcome.fail(ReasonCode.PER_CUSTOMER_LIMIT, "customer reached the limit of " + l.perCustomerLimit().getAsInt()));
            }
            Redemption red = new Redemption(r.key(), r.code(), c.couponId, r.customer(), r.orderId(), r.discount(),
                    r.storeId(), r.cashierId(), ms(r.at()), Optional.empty());
            Redemption prior = redemptions.putIfAbsent(r.key(), red);
            if (prior != null) {
                // the same key won the race on another coupon
                return replay(prior, r);
            }
            camp.redeemed++;
            camp.spentMinor += amount;
            if (mine == null) {
                mine = new long[1];
                camp.byCustomer.put(r.customer(), mine);
            }
            mine[0]++;
            c.state = CodeState.REDEEMED;
            c.orderId = r.orderId();
            c.reservedUntil = null;
            return StoreOutcome.ok(red, false);
        }
    }

    @Override
    public StoreOutcome refuse(RedemptionRequest r, Violation violation) {
        StoreOutcome failure = Refusal.toRemember(r, violation);
        Code c = codes.get(r.code());
        if (c == null) {
            StoreOutcome first = firstOutcome(r);
            return first != null ? first : refuse(r, failure);
        }
        // under the coupon's lock, like redeem, so a success and a refusal of one key cannot both land
        synchronized (campaigns.get(c.couponId)) {
            StoreOutcome first = firstOutcome(r);
            return first != null ? first : refuse(r, failure);
        }
    }

    /** The first outcome of the request's key (a redemption or a refusal) replayed, or null for a new key. */
    private StoreOutcome firstOutcome(RedemptionRequest r) {
        Redemption prior = redemptions.get(r.key());
        if (prior != null) {
            return replay(prior, r);
        }
        Refusal refused = refusals.get(r.key());
        return refused == null ? null : refused.replay(r);
    }

    /** Remembers a refusal as the first outcome of its key, unless the key got one concurrently. */
    private StoreOutcome refuse(RedemptionRequest r, StoreOutcome failure) {
        Refusal first = refusals.putIfAbsent(r.key(), Refusal.of(r, failure));
        return first == null ? failure : first.replay(r);
    }

    private static StoreOutcome replay(Redemption prior, RedemptionRequest r) {
        if (!prior.code().equals(r.code()) || !prior.customer().equals(r.customer())) {
            return StoreOutcome.fail(ReasonCode.KEY_CONFLICT, "redemption key " + r.key() + " was used for another code");
        }
        return StoreOutcome.ok(prior, true);
    }

    @Override
    public StoreOutcome rollback(String key, Instant now) {
        Redemption red = redemptions.get(key);
        if (red == null) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no redemption with key " + key);
        }
        Campaign camp = campaigns.get(red.couponId());
        synchronized (camp) {
            red = redemptions.get(key);
            if (red.isRolledBack()) {
                return StoreOutcome.ok(red, true);
            }
            Redemption back = new Redemption(red.key(), red.code(), red.couponId(), red.customer(), red.orderId(),
                    red.discount(), red.storeId(), red.cashierId(), red.redeemedAt(), Optional.of(ms(now)));
            redemptions.put(key, back);
            camp.redeemed--;
            camp.spentMinor -= red.discount().minorUnits();
            camp.byCustomer.get(red.customer())[0]--;
            Code c = codes.get(red.code());
            c.state = CodeState.ISSUED;
            c.orderId = null;
            c.reservedUntil = null;
            return StoreOutcome.ok(back, false);
        }
    }

    @Override
    public Optional<Redemption> redemption(String key) {
        return Optional.ofNullable(redemptions.get(key));
    }

    @Override
    public CouponUsage usage(String couponId, CustomerKey customer) {
        Campaign camp = campaigns.get(couponId);
        if (camp == null) {
            return CouponUsage.NONE;
        }
        synchronized (camp) {
            long[] mine = camp.byCustomer.get(customer);
            return new CouponUsage(camp.redeemed, camp.spentMinor, mine == null ? 0 : mine[0]);
        }
    }

}
