package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A coupon definition: a discount, the conditions under which it applies, and how it stacks.
 * Built with {@link #builder(String, Discount)}.
 *
 * <p>Immutable and thread-safe (conditions must be immutable too). Equality is by id.
 */
public final class Coupon {
    private final String id;
    private final Discount discount;
    private final List<CouponCondition> conditions;
    private final StackingGroup group;
    private final int priority;
    private final CouponLimits limits;
    private final Optional<Set<String>> storeIds;
    // precomputed for the validation hot path
    final CouponCondition[] filters;
    final CouponCondition[] checks;
    final CouponCondition[] baseChecks;
    final Currency currency;
    final long amountMinor;
    final long secondMinor;

    private Coupon(Builder b) {
        id = Check.id(b.id, "coupon id");
        discount = Objects.requireNonNull(b.discount, "discount");
        conditions = List.copyOf(b.conditions);
        group = b.group;
        priority = b.priority;
        List<CouponCondition> f = new ArrayList<>();
        List<CouponCondition> c = new ArrayList<>();
        List<CouponCondition> bc = new ArrayList<>();
        OptionalLong quantity = OptionalLong.empty();
        Optional<Money> budget = Optional.empty();
        OptionalInt perCustomer = OptionalInt.empty();
        Optional<Set<String>> stores = Optional.empty();
        for (CouponCondition cond : conditions) {
            if (cond.filtersLines()) {
                f.add(cond);
            }
            c.add(cond);
            if (cond.dependsOnBase()) {
                bc.add(cond);
            }
            if (cond instanceof Conditions.TotalQuantity q) {
                quantity = once(quantity.isPresent(), "totalQuantity") ? OptionalLong.of(q.quantity()) : quantity;
            } else if (cond instanceof Conditions.TotalBudget tb) {
                budget = once(budget.isPresent(), "totalBudget") ? Optional.of(tb.budget()) : budget;
            } else if (cond instanceof Conditions.PerCustomerLimit p) {
                perCustomer = once(perCustomer.isPresent(), "perCustomerLimit") ? OptionalInt.of(p.limit()) : perCustomer;
            } else if (cond instanceof Conditions.Stores s) {
                stores = once(stores.isPresent(), "stores") ? Optional.of(s.storeIds()) : stores;
            }
        }
        filters = f.toArray(new CouponCondition[0]);
        checks = c.toArray(new CouponCondition[0]);
        baseChecks = bc.toArray(new CouponCondition[0]);
        limits = new CouponLimits(id, quantity, budget, perCustomer);
        storeIds = stores;
        Currency cur = null;
        if (discount instanceof Discount.Threshold t) {
            cur = t.spend().currency();
            amountMinor = t.spend().minorUnits();
            secondMinor = t.save().minorUnits();
        } else if (discount instanceof Discount.FixedAmount a) {
            cur = a.amount().currency();
            amountMinor = a.amount().minorUnits();
            secondMinor = 0;
        } else if (discount instanceof Discount.FixedPrice p) {
            cur = p.unitPrice().currency();
            amountMinor = p.unitPrice().minorUnits();
            secondMinor = 0;
        } else {
            amountMinor = 0;
            secondMinor = 0;
        }
        // one currency per coupon, so that a cart in another currency is reported once, as CURRENCY_MISMATCH
        for (CouponCondition cond : conditions) {
            Money m = cond instanceof Conditions.MinSpend ms ? ms.amount()
                    : cond instanceof Conditions.TotalBudget tb ? tb.budget() : null;
            if (m == null) {
                continue;
            }
            if (cur == null) {
                cur = m.currency();
            } else if (!cur.equals(m.currency())) {
                throw new IllegalArgumentException("coupon '" + id + "' mixes currencies: " + cur.getCurrencyCode()
                        + " and " + m);
            }
        }
        currency = cur;
    }

    private boolean once(boolean already, String what) {
        if (already) {
            throw new IllegalArgumentException("coupon '" + id + "' has more than one " + what + " condition");
        }
        return true;
    }

    /** A builder for a coupon with an id and a discount; stackable, priority 0, no conditions. */
    public static Builder builder(String id, Discount discount) {
        return new Builder(id, discount);
    }

    /** The coupon id. */
    public String id() {
        return id;
    }

    /** The discount. */
    public Discount discount() {
        return discount;
    }

    /** The conditions, in the order they are checked. */
    public List<CouponCondition> conditions() {
        return conditions;
    }

    /** The stacking group. */
    public StackingGroup group() {
        return group;
    }

    /** The priority: in a stack, higher priorities apply first (ties by id). */
    public int priority() {
        return priority;
    }

    /** The limits the store enforces on redemption. */
    public CouponLimits limits() {
        return limits;
    }

    /** The stores the coupon is restricted to, if it has a {@link CouponCondition#stores} condition. */
    public Optional<Set<String>> storeIds() {
        return storeIds;
    }

    /** The currency of the coupon's amounts (discount, minimum spend, budget), if it has any. */
    public Optional<Currency> currency() {
        return Optional.ofNullable(currency);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coupon c && c.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Coupon[" + id + ", " + discount + ", " + group + ", priority " + priority + "]";
    }

    /** Builds a {@link Coupon}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Discount discount;
        private final List<CouponCondition> conditions = new ArrayList<>();
        private StackingGroup group = StackingGroup.STACKABLE;
        private int priority;

        private Builder(String id, Discount discount) {
            this.id = id;
            this.discount = discount;
        }

        /** Adds a condition. */
        public Builder condition(CouponCondition condition) {
            conditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /** Sets the stacking group (default stackable). */
        public Builder group(StackingGroup g) {
            group = Objects.requireNonNull(g, "group");
            return this;
        }

        /** Sets the priority (default 0; higher applies first). */
        public Builder priority(int p) {
            priority = p;
            return this;
        }

        /** The coupon. */
        public Coupon build() {
            return new Coupon(this);
        }
    }
}
