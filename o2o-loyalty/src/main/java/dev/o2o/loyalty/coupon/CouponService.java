package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;
import dev.o2o.loyalty.guard.GuardEvent;
import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.LoyaltyGuard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The coupon workflow over a set of coupon definitions and a {@link CouponStore}: validate a typed
 * code, verify it at a store counter, reserve, redeem, release and roll back.
 *
 * <p>Immutable and thread-safe if the store is (the built-in ones are).
 */
public final class CouponService {
    private final Map<String, Coupon> coupons;
    private final CouponStore store;
    private final CouponValidator validator;
    private final Clock clock;
    private final LoyaltyGuard guard;

    private CouponService(Collection<Coupon> coupons, CouponStore store, Clock clock, ValidationOptions options,
                          LoyaltyGuard guard) {
        Map<String, Coupon> m = new HashMap<>();
        for (Coupon c : coupons) {
            if (m.put(c.id(), c) != null) {
                throw new IllegalArgumentException("coupon id '" + c.id() + "' is defined twice");
            }
        }
        this.coupons = Map.copyOf(m);
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = CouponValidator.create(clock, store, options);
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * A service over coupon definitions and a store; registers each coupon's limits with the
     * store.
     */
    public static CouponService create(Collection<Coupon> coupons, CouponStore store, Clock clock, ValidationOptions options) {
        return create(coupons, store, clock, options, LoyaltyGuard.allowAll());
    }

    /**
     * A service like {@link #create(Collection, CouponStore, Clock, ValidationOptions)} that
     * consults {@code guard} before each redemption and store verification that passed every other
     * check: a DENY refuses it with {@link ReasonCode#RISK_DENIED} and writes nothing (not even the
     * key's first outcome, so a retry is asked again).
     */
    public static CouponService create(Collection<Coupon> coupons, CouponStore store, Clock clock, ValidationOptions options,
                                       LoyaltyGuard guard) {
        CouponService s = new CouponService(Objects.requireNonNull(coupons, "coupons"), store, clock, options, guard);
        for (Coupon c : s.coupons.values()) {
            store.register(c.limits());
        }
        return s;
    }

    /** The coupon definition with this id, if any. */
    public Optional<Coupon> coupon(String id) {
        return Optional.ofNullable(coupons.get(id));
    }

    /**
     * Validates a typed code for a customer and cart: INVALID_CODE (bad check character, no
     * lookup made), NOT_FOUND (unknown or someone else's), ALREADY_REDEEMED, and every failed
     * condition of the coupon. Show public callers {@link ValidationResult#publicView()}.
     */
    public ValidationResult validateCode(String typedCode, Cart cart, CustomerContext customer) {
        String code = CouponCodes.normalize(typedCode);
        if (!CouponCodes.isWellFormed(code)) {
            return ValidationResult.failed(code, cart.currency(), cart.size(), ReasonCode.INVALID_CODE,
                    "code fails its check character (typo?)");
        }
        Optional<IssuedCode> issued = store.find(code);
        if (issued.isEmpty() || !issued.get().customer().equals(customer.customer())
                || !coupons.containsKey(issued.get().couponId())) {
            return ValidationResult.failed(code, cart.currency(), cart.size(), ReasonCode.NOT_FOUND, "no such code for this customer");
        }
        Coupon coupon = coupons.get(issued.get().couponId());
        ValidationResult r = validator.validate(coupon, cart, customer);
        if (issued.get().state() == CodeState.REDEEMED) {
            List<Violation> all = new ArrayList<>();
            all.add(new Violation(ReasonCode.ALREADY_REDEEMED, "code already redeemed"));
            all.addAll(r.violations());
            return new ValidationResult(coupon.id(), all, cart.currency(), new long[cart.size()]);
        }
        return r;
    }

    /**
     * Offline verification at a counter: the code is well-formed, issued, not redeemed, and the
     * coupon may be used at {@code storeId}. Nothing changes; redeem with
     * {@link #redeemAtStore}.
     */
    public StoreOutcome verifyAtStore(String typedCode, String storeId, String cashierId) {
        Check.id(storeId, "storeId");
        Check.id(cashierId, "cashierId");
        String code = CouponCodes.normalize(typedCode);
        if (!CouponCodes.isWellFormed(code)) {
            return StoreOutcome.fail(ReasonCode.INVALID_CODE, "code fails its check character (typo?)");
        }
        Optional<IssuedCode> issued = store.find(code);
        if (issued.isEmpty() || !coupons.containsKey(issued.get().couponId())) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code");
        }
        Instant now = clock.instant();
        if (issued.get().state() == CodeState.REDEEMED) {
            return StoreOutcome.fail(ReasonCode.ALREADY_REDEEMED, "code already redeemed");
        }
        Coupon coupon = coupons.get(issued.get().couponId());
        if (coupon.storeIds().isPresent() && !coupon.storeIds().get().contains(storeId)) {
            return StoreOutcome.fail(ReasonCode.STORE_NOT_ALLOWED, "coupon " + coupon.id() + " is not valid at this store");
        }
        if (issued.get().stateAt(now) == CodeState.RESERVED) {
            return StoreOutcome.fail(ReasonCode.RESERVED, "code is reserved for an online order");
        }
        GuardVerdict verdict = guard.check(new GuardEvent.StoreVerification(code, coupon.id(), issued.get().customer(),
                storeId, cashierId, now));
        if (verdict.denied()) {
            return denied(verdict);
        }
        return StoreOutcome.OK;
    }

    /** Reserves a code for an order (see {@link CouponStore#reserve}). */
    public StoreOutcome reserve(String typedCode, CustomerContext customer, String orderId, Duration timeout) {
        return store.reserve(CouponCodes.normalize(typedCode), customer.customer(), orderId, clock.instant(), timeout);
    }

    /** Releases an order's reservation. */
    public StoreOutcome release(String typedCode, String orderId) {
        return store.release(CouponCodes.normalize(typedCode), orderId, clock.instant());
    }

    /**
     * Validates and redeems a code for an order. A retry with the same key and the same code and
     * customer returns the first success before anything is validated again, so a payment retry of
     * a one-per-customer coupon does not fail; the same key with another code or customer fails
     * KEY_CONFLICT (the stores compare alike). A code that fails its check character is refused
     * INVALID_CODE without reaching the store, and the key stays unused. An invalid coupon fails
     * with its first violation (all are in the message, cut to 1,000 characters), remembered as the
     * key's first outcome.
     *
     * @throws IllegalArgumentException if the key or order id is not a valid id (see {@link CouponStore})
     */
    public StoreOutcome redeem(String key, String typedCode, String orderId, Cart cart, CustomerContext customer) {
        return redeem(key, typedCode, orderId, cart, customer, Optional.empty());
    }

    /** Redeems at a store counter, recording the store (from the context) and the cashier. */
    public StoreOutcome redeemAtStore(String key, String typedCode, String orderId, Cart cart, CustomerContext customer,
                                      String cashierId) {
        if (customer.storeId().isEmpty()) {
            throw new IllegalArgumentException("redeemAtStore needs a customer context with a storeId");
        }
        return redeem(key, typedCode, orderId, cart, customer, Optional.of(Check.id(cashierId, "cashierId")));
    }

    private StoreOutcome redeem(String key, String typedCode, String orderId, Cart cart, CustomerContext customer,
                                Optional<String> cashierId) {
        Check.id(key, "redemption key");
        Check.id(orderId, "orderId");
        String code = CouponCodes.normalize(typedCode);
        Optional<Redemption> prior = store.redemption(key);
        if (prior.isPresent()) {
            // the stores' own comparison: same code and same customer replay, anything else is KEY_CONFLICT
            return FirstOutcome.of(prior.get()).replay(code, customer.customer());
        }
        if (!CouponCodes.isWellFormed(code)) {
            // a typo never reaches the store, so it does not use up the key
            return StoreOutcome.fail(ReasonCode.INVALID_CODE, "code fails its check character (typo?)");
        }
        ValidationResult v = validateCode(code, cart, customer);
        Money discount = v.isValid() ? v.totalDiscount() : Money.zero(cart.currency());
        RedemptionRequest request = new RedemptionRequest(key, code, customer.customer(), orderId, discount,
                customer.storeId(), cashierId, clock.instant());
        if (!v.isValid()) {
            StringBuilder msg = new StringBuilder();
            for (Violation x : v.violations()) {
                msg.append(msg.length() == 0 ? "" : "; ").append(x.code()).append(": ").append(x.message());
            }
            // remembered by key like the store's own refusals: a retry gets this first outcome
            return store.refuse(request, new Violation(v.violations().get(0).code(), Check.shorten(msg.toString())));
        }
        GuardVerdict verdict = guard.check(new GuardEvent.CouponRedemption(key, code, v.couponId(), customer.customer(),
                orderId, discount, customer.storeId(), cashierId, request.at()));
        if (verdict.denied()) {
            return denied(verdict);
        }
        return store.redeem(request);
    }

    private static StoreOutcome denied(GuardVerdict verdict) {
        return StoreOutcome.fail(ReasonCode.RISK_DENIED, "refused by the risk guard: " + verdict.reason());
    }

    /** Rolls back a redemption (refund). */
    public StoreOutcome rollback(String key) {
        return store.rollback(key, clock.instant());
    }
}
