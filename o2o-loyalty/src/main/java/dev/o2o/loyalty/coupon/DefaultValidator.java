package dev.o2o.loyalty.coupon;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.loyalty.internal.Apportion;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The built-in {@link CouponValidator}. Immutable and thread-safe; each call uses its own {@link Engine}. */
final class DefaultValidator implements CouponValidator {

    /**
     * Application order: higher priority first; within a priority item prices (fixed price, gift)
     * before amounts off (threshold, fixed amount) before rates, so a rate never pushes a cart below a
     * threshold it met; then by id. Never the caller's order.
     */
    static final Comparator<Coupon> ORDER = Comparator.comparingInt(Coupon::priority).reversed()
            .thenComparingInt((Coupon c) -> kindRank(c.discount().kind())).thenComparing(Coupon::id);

    private static int kindRank(Discount.Kind kind) {
        return switch (kind) {
            case FIXED_PRICE, FREE_GIFT, NTH_ITEM, BUY_X_GET_Y -> 0;
            case THRESHOLD, TIERED, REPEATING, FIXED_AMOUNT -> 1;
            case RATE -> 2;
            // takes nothing off: judged on what is left to pay after every other coupon
            case CROSS_CHANNEL_VOUCHER -> 3;
        };
    }

    private final Clock clock;
    private final UsageSource usage;
    private final ValidationOptions options;

    DefaultValidator(Clock clock, UsageSource usage, ValidationOptions options) {
        this.clock = clock;
        this.usage = usage;
        this.options = options;
    }

    @Override
    public ValidationResult validate(Coupon coupon, Cart cart, CustomerContext customer) {
        return validate(coupon, cart, customer, clock.instant());
    }

    /** {@link #validate(Coupon, Cart, CustomerContext)} at {@code now}, for a caller that records the same instant. */
    ValidationResult validate(Coupon coupon, Cart cart, CustomerContext customer, Instant now) {
        Engine e = new Engine(cart, customer, now);
        long[] base = initial(cart);
        return e.evaluate(coupon, base, base, null, false);
    }

    private static long[] initial(Cart cart) {
        long[] b = new long[cart.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = cart.lineTotalMinor(i);
        }
        return b;
    }

    @Override
    public StackResult apply(List<Coupon> coupons, Cart cart, CustomerContext customer) {
        List<Coupon> ordered = new ArrayList<>(coupons);
        ordered.sort(ORDER);
        Engine e = new Engine(cart, customer, clock.instant());
        long[] init = initial(cart);
        long[] remaining = init.clone();
        long[] sum = new long[cart.size()];
        List<ValidationResult> results = new ArrayList<>(ordered.size());
        Set<String> seen = new HashSet<>();
        for (Coupon c : ordered) {
            if (!seen.add(c.id())) {
                results.add(ValidationResult.failed(c.id(), cart.currency(), cart.size(), ReasonCode.STACKING_NOT_ALLOWED,
                        "coupon listed more than once"));
                continue;
            }
            if (c.group() == StackingGroup.EXCLUSIVE && ordered.size() > 1) {
                results.add(ValidationResult.failed(c.id(), cart.currency(), cart.size(), ReasonCode.STACKING_NOT_ALLOWED,
                        "exclusive coupon cannot be combined with other coupons"));
                continue;
            }
            long[] calc = options.base() == ValidationOptions.Base.INITIAL ? init : remaining;
            ValidationResult r = e.evaluate(c, remaining, calc, null, false);
            results.add(r);
            if (r.isValid()) {
                for (int i = 0; i < remaining.length; i++) {
                    long d = r.lineDiscountMinor(i);
                    remaining[i] -= d;
                    sum[i] += d;
                }
            }
        }
        return stackResult(results, sum, cart);
    }

    private static StackResult stackResult(List<ValidationResult> results, long[] sum, Cart cart) {
        List<Money> lines = new ArrayList<>(sum.length);
        long total = 0;
        for (long v : sum) {
            lines.add(Money.ofMinor(v, cart.currency()));
            total += v;
        }
        return new StackResult(results, lines, Money.ofMinor(total, cart.currency()), StackResult.APPLICATION_ORDER);
    }

    @Override
    public StackResult best(List<Coupon> wallet, Cart cart, CustomerContext customer) {
        Engine e = new Engine(cart, customer, clock.instant());
        long[] init = initial(cart);
        long cartTotal = 0;
        for (long v : init) {
            cartTotal += v;
        }
        // a coupon invalid on the initial amount stays invalid on any smaller running amount
        // (thresholds and minimum spends only get harder), so screen each once
        List<Coupon> stackable = new ArrayList<>();
        List<CouponUsage> stackUsage = new ArrayList<>();
        List<Long> standalone = new ArrayList<>();
        Coupon bestExclusive = null;
        long bestExclusiveSaving = 0;
        Set<String> seen = new HashSet<>();
        List<Coupon> ordered = new ArrayList<>(wallet);
        ordered.sort(ORDER);
        for (Coupon c : ordered) {
            if (!seen.add(c.id())) {
                continue;
            }
            ValidationResult r = e.evaluate(c, init, init, null, false);
            if (!r.isValid() || r.totalDiscountMinor() == 0) {
                continue;
            }
            if (c.group() == StackingGroup.EXCLUSIVE) {
                if (r.totalDiscountMinor() > bestExclusiveSaving) {
                    bestExclusive = c;
                    bestExclusiveSaving = r.totalDiscountMinor();
                }
            } else {
                stackable.add(c);
                stackUsage.add(e.usageOrNull());
                standalone.add(r.totalDiscountMinor());
            }
        }
        int n = stackable.size();
        Search s = new Search(e, stackable.toArray(new Coupon[0]), stackUsage.toArray(new CouponUsage[0]), init,
                options.base() == ValidationOptions.Base.INITIAL, cartTotal);
        s.standalone = new long[n];
        s.eligible = new boolean[n][cart.size()];
        for (int i = 0; i < n; i++) {
            s.standalone[i] = standalone.get(i);
            for (int k = 0; k < cart.size(); k++) {
                boolean ok = true;
                for (CouponCondition f : stackable.get(i).filters) {
                    ok &= f.eligible(cart.lines().get(k));
                }
                s.eligible[i][k] = ok;
            }
        }
        // coupons on one SKU (fixed price, gift) share a cap: what their lines still cost
        s.group = new int[n];
        List<boolean[]> groups = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.group[i] = -1;
            Discount d = stackable.get(i).discount();
            String sku = d instanceof Discount.FixedPrice fp ? fp.sku() : d instanceof Discount.FreeGift g ? g.sku() : null;
            if (sku == null) {
                continue;
            }
            boolean[] lines = new boolean[cart.size()];
            for (int k = 0; k < cart.size(); k++) {
                lines[k] = s.eligible[i][k] && cart.lines().get(k).sku().equals(sku);
            }
            int found = -1;
            for (int g = 0; g < groups.size() && found < 0; g++) {
                if (Arrays.equals(groups.get(g), lines)) {
                    found = g;
                }
            }
            if (found < 0) {
                groups.add(lines);
                found = groups.size() - 1;
            }
            s.group[i] = found;
        }
        s.groupLines = groups.toArray(new boolean[0][]);
        s.groupSum = new long[groups.size()];
        s.best = bestExclusiveSaving;
        s.run(0, init.clone(), 0, 0L);
        List<Coupon> chosen = new ArrayList<>();
        if (s.bestMask != 0) {
            for (int i = 0; i < n; i++) {
                if ((s.bestMask & (1L << i)) != 0) {
                    chosen.add(stackable.get(i));
                }
            }
        } else if (bestExclusive != null) {
            chosen.add(bestExclusive);
        }
        return apply(chosen, cart, customer);
    }

    /** Depth-first branch and bound over the stackable coupons in application order. */
    private static final class Search {
        final Engine e;
        final Coupon[] coupons;
        final CouponUsage[] usage;
        final long[] init;
        final boolean initialBase;
        final long cartTotal;
        long[] standalone;
        boolean[][] eligible;
        int[] group;
        boolean[][] groupLines;
        long[] groupSum;
        long best;
        long bestMask;

        Search(Engine e, Coupon[] coupons, CouponUsage[] usage, long[] init, boolean initialBase, long cartTotal) {
            if (coupons.length > 62) {
                throw new IllegalArgumentException("best combination supports at most 62 valid stackable coupons, got " + coupons.length);
            }
            this.e = e;
            this.coupons = coupons;
            this.usage = usage;
            this.init = init;
            this.initialBase = initialBase;
            this.cartTotal = cartTotal;
        }

        void run(int i, long[] remaining, long saved, long mask) {
            if (saved > best) {
                best = saved;
                bestMask = mask;
            }
            if (i == coupons.length) {
                return;
            }
            long left = 0;
            for (long v : remaining) {
                left += v;
            }
            long optimistic = 0;
            long rates = 0;
            int rateCount = 0;
            double keep = 1.0;
            long[] gs = new long[groupSum.length];
            for (int j = i; j < coupons.length; j++) {
                long ub = upperBound(j, remaining);
                if (group[j] >= 0) {
                    gs[group[j]] += ub;
                } else if (!initialBase && ub > 0 && coupons[j].discount() instanceof Discount.Rate r) {
                    rates += ub;
                    rateCount++;
                    keep *= r.payShare().doubleValue();
                } else {
                    optimistic += ub;
                }
            }
            for (int g = 0; g < gs.length; g++) {
                long cap = 0;
                for (int k = 0; k < remaining.length; k++) {
                    if (groupLines[g][k]) {
                        cap += remaining[k];
                    }
                }
                optimistic += Math.min(gs[g], cap);
            }
            if (rateCount > 0) {
                // rates compound on the running base: together they take at most 1 - prod(payShare)
                // of what is left (+1 minor unit each for rounding, +1 for the double's error)
                long compound = (long) Math.ceil(left * (1.0 - keep)) + rateCount + 1;
                optimistic += Math.min(rates, compound);
            }
            if (saved + Math.min(left, optimistic) <= best) {
                return;
            }
            long[] next = e.tryApply(coupons[i], remaining, initialBase ? init : remaining, usage[i]);
            if (next != null) {
                long gain = 0;
                for (int k = 0; k < next.length; k++) {
                    gain += remaining[k] - next[k];
                }
                run(i + 1, next, saved + gain, mask | (1L << i));
            }
            run(i + 1, remaining, saved, mask);
        }

        /**
         * An upper bound of what coupon {@code j} can still save on {@code remaining}: never more
         * than alone on the whole cart (bases only shrink), than its eligible lines still cost,
         * and, on the running base, a threshold out of reach saves nothing and a rate saves at most
         * its share of what remains.
         */
        private long upperBound(int j, long[] remaining) {
            long e = 0;
            boolean[] el = eligible[j];
            for (int k = 0; k < remaining.length; k++) {
                if (el[k]) {
                    e += remaining[k];
                }
            }
            long ub = Math.min(standalone[j], e);
            if (initialBase) {
                return ub;
            }
            Coupon c = coupons[j];
            Discount d = c.discount();
            if (d instanceof Discount.Threshold || d instanceof Discount.Tiered || d instanceof Discount.Repeating) {
                return e < c.amountMinor ? 0 : ub; // amountMinor: the lowest spend that saves
            }
            if (d instanceof Discount.Rate r) {
                // +1 covers any rounding mode and the double's error
                double share = 1.0 - r.payShare().doubleValue();
                return Math.min(ub, (long) Math.ceil(share * e) + 1);
            }
            return ub;
        }
    }

    /** One validation's working state; implements the condition input and the violation sink. Not thread-safe. */
    final class Engine implements ConditionInput, Violations {
        final Cart cart;
        private final CustomerContext customer;
        private final Instant now;
        private Coupon coupon;
        boolean[] eligible;
        private long eligibleBase;
        private long discount;
        private CouponUsage usageValue;
        private List<Violation> violations;

        Engine(Cart cart, CustomerContext customer, Instant now) {
            this.cart = cart;
            this.customer = customer;
            this.now = now;
            this.eligible = new boolean[cart.size()];
        }

        CouponUsage usageOrNull() {
            return usageValue;
        }

        /** The remaining amounts after applying the coupon, or null if it is invalid or saves nothing. */
        long[] tryApply(Coupon c, long[] remaining, long[] calc, CouponUsage known) {
            ValidationResult r = evaluate(c, remaining, calc, known, true);
            if (!r.isValid() || r.totalDiscountMinor() == 0) {
                return null;
            }
            long[] next = remaining.clone();
            for (int k = 0; k < next.length; k++) {
                next[k] -= r.lineDiscountMinor(k);
            }
            return next;
        }

        ValidationResult evaluate(Coupon c, long[] remaining, long[] calc, CouponUsage known, boolean onlyBaseDependent) {
            coupon = c;
            usageValue = known;
            violations = null;
            discount = 0;
            eligibleBase = 0;
            int n = cart.size();
            long[] out = new long[n];
            boolean any = false;
            List<OrderLine> lines = cart.lines();
            CouponCondition[] filters = c.filters;
            for (int i = 0; i < n; i++) {
                boolean ok = true;
                for (CouponCondition f : filters) {
                    if (!f.eligible(lines.get(i))) {
                        ok = false;
                        break;
                    }
                }
                eligible[i] = ok;
                if (ok) {
                    any = true;
                    eligibleBase += calc[i];
                }
            }
            if (c.currency != null && !c.currency.equals(cart.currency())) {
                add(ReasonCode.CURRENCY_MISMATCH, "coupon is in " + c.currency.getCurrencyCode() + ", cart in "
                        + cart.currency().getCurrencyCode());
            } else if (!any) {
                add(ReasonCode.NO_ELIGIBLE_ITEMS, "no line of the cart is eligible");
            } else {
                computeDiscount(c, remaining, calc, out);
            }
            for (long v : out) {
                discount += v;
            }
            CouponCondition[] checks = onlyBaseDependent ? c.baseChecks : c.checks;
            for (CouponCondition cond : checks) {
                cond.check(this, this);
            }
            if (c.limits().isLimited()) {
                // the stores' own rule, on the usage read once: validation and redemption agree
                c.limits().check(usage(), discount, cart.currency(), (code, message) -> {
                    if (code != ReasonCode.CURRENCY_MISMATCH) { // reported above, once
                        add(code, message);
                    }
                });
            }
            return new ValidationResult(c.id(), violations == null ? List.of() : violations, cart.currency(), out);
        }

        private void computeDiscount(Coupon c, long[] remaining, long[] calc, long[] out) {
            long rem = 0;
            for (int i = 0; i < remaining.length; i++) {
                if (eligible[i]) {
                    rem += remaining[i];
                }
            }
            Discount d = c.discount();
            if (d instanceof Discount.Threshold) {
                if (eligibleBase < c.amountMinor) {
                    add(ReasonCode.MIN_SPEND_NOT_REACHED, "eligible amount " + Money.ofMinor(eligibleBase, cart.currency())
                            + " is below the threshold " + ((Discount.Threshold) d).spend());
                    return;
                }
                allocate(Math.min(c.secondMinor, rem), remaining, out);
            } else if (d instanceof Discount.Rate rate) {
                long off = BigDecimal.valueOf(eligibleBase).multiply(rate.offShare())
                        .setScale(0, options.rounding()).longValueExact();
                allocate(Math.min(off, rem), remaining, out);
            } else if (d instanceof Discount.FixedAmount) {
                allocate(Math.min(c.amountMinor, rem), remaining, out);
            } else if (d instanceof Discount.FixedPrice fp) {
                boolean found = false;
                for (int i = 0; i < out.length; i++) {
                    if (eligible[i] && cart.lines().get(i).sku().equals(fp.sku())) {
                        found = true;
                        long target = saturatedProduct(c.amountMinor, cart.lines().get(i).quantity());
                        out[i] = Math.min(remaining[i], Math.max(0, calc[i] - target));
                    }
                }
                if (!found) {
                    add(ReasonCode.NO_ELIGIBLE_ITEMS, "sku " + fp.sku() + " is not among the eligible lines");
                }
            } else if (d instanceof Discount.Tiered tiered) {
                Discount.Threshold reached = null;
                for (Discount.Threshold t : tiered.tiers()) {
                    if (eligibleBase >= t.spend().minorUnits()) {
                        reached = t;
                    }
                }
                if (reached == null) {
                    add(ReasonCode.MIN_SPEND_NOT_REACHED, "eligible amount " + Money.ofMinor(eligibleBase, cart.currency())
                            + " is below the lowest tier " + tiered.lowestSpend());
                    return;
                }
                allocate(Math.min(reached.save().minorUnits(), rem), remaining, out);
            } else if (d instanceof Discount.Repeating rep) {
                if (eligibleBase < c.amountMinor) {
                    add(ReasonCode.MIN_SPEND_NOT_REACHED, "eligible amount " + Money.ofMinor(eligibleBase, cart.currency())
                            + " is below one step of " + rep.every());
                    return;
                }
                long steps = eligibleBase / c.amountMinor;
                long save = Math.min(rep.maxSave().minorUnits(), saturatedProduct(steps, c.secondMinor));
                allocate(Math.min(save, rem), remaining, out);
            } else if (d instanceof Discount.NthItem nth) {
                UnitDeals.apply(this, nth.n(), 1, BigDecimal.ONE.subtract(nth.payShare()), options.rounding(),
                        calc, remaining, out,
                        "every " + UnitDeals.ordinal(nth.n()) + " unit at " + nth.payShare().stripTrailingZeros().toPlainString()
                                + " of its price");
            } else if (d instanceof Discount.BuyXGetY bxgy) {
                UnitDeals.apply(this, bxgy.buy() + bxgy.get(), bxgy.get(), BigDecimal.ONE, options.rounding(),
                        calc, remaining, out,
                        "buy " + bxgy.buy() + " get " + bxgy.get());
            } else if (d instanceof Discount.CrossChannelVoucher v) {
                if (customer.channel().kind() != ChannelKind.ONLINE) {
                    add(ReasonCode.CHANNEL_NOT_ALLOWED, "the voucher is earned by online orders, not on channel "
                            + customer.channel().id());
                }
                if (eligibleBase < c.amountMinor) {
                    add(ReasonCode.MIN_SPEND_NOT_REACHED, "eligible amount " + Money.ofMinor(eligibleBase, cart.currency())
                            + " is below the voucher's spend " + v.spend());
                }
            } else if (d instanceof Discount.FreeGift g) {
                long left = g.quantity();
                boolean found = false;
                for (int i = 0; i < out.length && left > 0; i++) {
                    if (eligible[i] && cart.lines().get(i).sku().equals(g.sku())) {
                        found = true;
                        long units = Math.min(left, cart.lines().get(i).quantity());
                        left -= units;
                        out[i] = Math.min(remaining[i], Math.multiplyExact(units, cart.unitPriceMinor(i)));
                    }
                }
                if (!found) {
                    add(ReasonCode.NO_ELIGIBLE_ITEMS, "gift sku " + g.sku() + " is not in the cart");
                }
            }
        }

        /** a × b, or Long.MAX_VALUE if it does not fit: a target price above any line total gives no discount. */
        static long saturatedProduct(long a, long b) {
            long high = Math.multiplyHigh(a, b);
            long low = a * b;
            return high != 0 || low < 0 ? Long.MAX_VALUE : low;
        }

        /** Spreads {@code total} over the eligible lines in proportion to what remains, by largest remainder. */
        private void allocate(long total, long[] remaining, long[] out) {
            if (total <= 0) {
                return;
            }
            long[] weights = new long[remaining.length];
            for (int i = 0; i < remaining.length; i++) {
                weights[i] = eligible[i] ? remaining[i] : 0;
            }
            // total never exceeds what the eligible lines still cost, so some weight is positive
            long[] parts = Apportion.split(total, weights);
            System.arraycopy(parts, 0, out, 0, out.length);
        }

        @Override
        public void add(ReasonCode code, String message) {
            if (violations == null) {
                violations = new ArrayList<>(4);
            }
            violations.add(new Violation(code, message));
        }

        @Override
        public Coupon coupon() {
            return coupon;
        }

        @Override
        public Cart cart() {
            return cart;
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
            return eligible[line];
        }

        @Override
        public long eligibleBaseMinor() {
            return eligibleBase;
        }

        @Override
        public long discountMinor() {
            return discount;
        }

        @Override
        public CouponUsage usage() {
            if (usageValue == null) {
                usageValue = usage.usage(coupon.id(), customer.customer());
            }
            return usageValue;
        }
    }
}
