package dev.o2o.loyalty.coupon;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.loyalty.guard.GuardEvent;
import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.LoyaltyGuard;

import java.security.SecureRandom;
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
 * The coupon workflow over a set of coupon definitions and a {@link CouponStore}: issue codes,
 * validate a typed code, verify it at a store counter, reserve, redeem, release and roll back.
 *
 * <p>Immutable and thread-safe if the store is (the built-in ones are).
 */
public final class CouponService {
    private final Map<String, Coupon> coupons;
    private final CouponStore store;
    private final DefaultValidator validator;
    private final Clock clock;
    private final CouponCodes codes = CouponCodes.generator(new SecureRandom());

    /** How many codes {@link #issue} draws before it gives up. */
    public static final int ISSUE_ATTEMPTS = 8;
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
        this.validator = new DefaultValidator(clock, store, Objects.requireNonNull(options, "options"));
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

    /**
     * Issues a new code of coupon {@code couponId} to {@code customer}, drawn from a generator over a
     * {@link SecureRandom} that the service keeps (see {@link #issue(String, CustomerKey, CouponCodes)}).
     */
    public IssuedCode issue(String couponId, CustomerKey customer) {
        return issue(couponId, customer, codes);
    }

    /**
     * Issues a new code of coupon {@code couponId} to {@code customer}, drawn from {@code generator}
     * and stored at the clock's instant; a code that already exists (a collision, about one in 10^16
     * with the default length) is drawn again, at most {@value #ISSUE_ATTEMPTS} times.
     *
     * @return the code as stored
     * @throws IllegalArgumentException if the coupon is not one of the service's
     * @throws IllegalStateException    if {@value #ISSUE_ATTEMPTS} codes in a row existed already (a
     *                                  generator that repeats itself)
     */
    public IssuedCode issue(String couponId, CustomerKey customer, CouponCodes generator) {
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(generator, "generator");
        if (!coupons.containsKey(couponId)) {
            throw new IllegalArgumentException("no coupon '" + couponId + "' in this service");
        }
        for (int attempt = 0; attempt < ISSUE_ATTEMPTS; attempt++) {
            String code = generator.next();
            if (store.issue(code, couponId, customer, clock.instant())) {
                return store.find(code).orElseThrow(() -> new IllegalStateException(
                        "the store did not find the code it had just issued"));
            }
        }
        throw new IllegalStateException(ISSUE_ATTEMPTS + " codes in a row existed already: is the generator repeating?");
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
        return validateCode(typedCode, cart, customer, clock.instant());
    }

    private ValidationResult validateCode(String typedCode, Cart cart, CustomerContext customer, Instant now) {
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
        ValidationResult r = validator.validate(coupon, cart, customer, now);
        if (issued.get().state() == CodeState.VOIDED) {
            List<Violation> all = new ArrayList<>();
            all.add(new Violation(ReasonCode.VOIDED, "code voided"));
            all.addAll(r.violations());
            return new ValidationResult(coupon.id(), all, cart.currency(), new long[cart.size()]);
        }
        if (issued.get().state() == CodeState.REDEEMED) {
            List<Violation> all = new ArrayList<>();
            all.add(new Violation(ReasonCode.ALREADY_REDEEMED, "code already redeemed"));
            all.addAll(r.violations());
            return new ValidationResult(coupon.id(), all, cart.currency(), new long[cart.size()]);
        }
        return r;
    }

    /**
     * Verification at a store counter before the cart is known, for the customer the code was issued
     * to: {@link #verifyAtStore(String, CustomerContext, String)} with what the counter knows (an
     * offline channel at {@code storeId}); the conditions about the customer's profile (tiers, tags,
     * first order, channel ids, a geo-fence) are left to redemption, which is given the full context.
     * The outcome is the first failure, if any. Nothing changes; redeem with {@link #redeemAtStore}.
     */
    public StoreOutcome verifyAtStore(String typedCode, String storeId, String cashierId) {
        Check.id(storeId, "storeId");
        return check(typedCode, Optional.empty(), storeId, cashierId).outcome();
    }

    /**
     * Verification at a store counter before the cart is known: the code is well-formed, issued to
     * {@code customer}'s customer, not redeemed or reserved, and the coupon passes every condition that
     * can be known without the cart: its validity window, hours and days, the store, the channel, a
     * geo-fence (on the context's location), the customer's tier, tags and first order, and the
     * quantity, per-customer and budget limits (the budget must not be spent). What needs the cart is
     * listed in {@link CounterCheck#remaining()}: the discount's own threshold or SKU, minimum spends,
     * line filters, a budget large enough for the discount, and custom conditions. Nothing changes.
     *
     * @param customer the customer at the counter, with the store ({@link CustomerContext#atStore})
     * @throws IllegalArgumentException if the context has no store or the cashier id is not an id
     */
    public CounterCheck verifyAtStore(String typedCode, CustomerContext customer, String cashierId) {
        Objects.requireNonNull(customer, "customer");
        String storeId = customer.storeId().orElseThrow(() -> new IllegalArgumentException(
                "verifyAtStore needs a customer context with a storeId"));
        return check(typedCode, Optional.of(customer), storeId, cashierId);
    }

    private CounterCheck check(String typedCode, Optional<CustomerContext> given, String storeId, String cashierId) {
        Check.id(cashierId, "cashierId");
        String code = CouponCodes.normalize(typedCode);
        if (!CouponCodes.isWellFormed(code)) {
            return CounterCheck.refused(ReasonCode.INVALID_CODE, "code fails its check character (typo?)");
        }
        Optional<IssuedCode> issued = store.find(code);
        if (issued.isEmpty() || !coupons.containsKey(issued.get().couponId())
                || given.isPresent() && !given.get().customer().equals(issued.get().customer())) {
            return CounterCheck.refused(ReasonCode.NOT_FOUND, "no such code");
        }
        Instant now = clock.instant();
        if (issued.get().state() == CodeState.VOIDED) {
            return CounterCheck.refused(ReasonCode.VOIDED, "code voided");
        }
        if (issued.get().state() == CodeState.REDEEMED) {
            return CounterCheck.refused(ReasonCode.ALREADY_REDEEMED, "code already redeemed");
        }
        if (issued.get().stateAt(now) == CodeState.RESERVED) {
            return CounterCheck.refused(ReasonCode.RESERVED, "code is reserved for an online order");
        }
        Coupon coupon = coupons.get(issued.get().couponId());
        CustomerContext context = given.orElseGet(() -> CustomerContext.of(issued.get().customer(),
                Channel.offline("store-counter")).atStore(storeId));
        CounterInput in = new CounterInput(coupon, context, now, store);
        List<String> remaining = new ArrayList<>();
        remaining.add(CounterConditions.discountNeeds(coupon.discount()));
        for (CouponCondition condition : coupon.conditions()) {
            Optional<String> left = CounterConditions.leftForRedemption(condition, given.isPresent());
            if (left.isPresent()) {
                remaining.add(left.get());
            } else {
                condition.check(in, in);
            }
        }
        if (coupon.limits().isLimited()) {
            // the stores' rule with no discount yet: a used-up quantity, budget or customer limit fails now
            coupon.limits().check(in.usage(), 0, coupon.currency().orElse(null), in);
            coupon.limits().totalBudget().ifPresent(b -> remaining.add("the discount within what is left of the budget of " + b));
        }
        if (in.violations.isEmpty()) {
            // the guard is asked only about a code that passed every other check, as at redemption
            GuardVerdict verdict = guard.check(new GuardEvent.StoreVerification(code, coupon.id(),
                    issued.get().customer(), storeId, cashierId, now));
            if (verdict.denied()) {
                return new CounterCheck(Optional.of(coupon.id()), List.of(new Violation(ReasonCode.RISK_DENIED,
                        "refused by the risk guard: " + verdict.reason())), List.of());
            }
        }
        return new CounterCheck(Optional.of(coupon.id()), in.violations, remaining);
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
        // one instant for the validity check and the record: a second reading of the clock could fall
        // after the coupon's end and record a redemption that the check never saw
        Instant now = clock.instant();
        ValidationResult v = validateCode(code, cart, customer, now);
        Money discount = v.isValid() ? v.totalDiscount() : Money.zero(cart.currency());
        RedemptionRequest request = new RedemptionRequest(key, code, customer.customer(), orderId, discount,
                customer.storeId(), cashierId, now);
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
