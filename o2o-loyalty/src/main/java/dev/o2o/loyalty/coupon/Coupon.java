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
 * Built with {@link #builder(String, Discount)}, which also sets its limits (quantity, budget,
 * per customer) and the stores it is valid at.
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
        id = b.id;
        discount = b.discount;
        conditions = List.copyOf(b.conditions);
        group = b.group;
        priority = b.priority;
        List<CouponCondition> f = new ArrayList<>();
        List<CouponCondition> bc = new ArrayList<>();
        for (CouponCondition cond : conditions) {
            if (cond.filtersLines()) {
                f.add(cond);
            }
            if (cond.dependsOnBase()) {
                bc.add(cond);
            }
        }
        filters = f.toArray(new CouponCondition[0]);
        checks = conditions.toArray(new CouponCondition[0]);
        baseChecks = bc.toArray(new CouponCondition[0]);
        limits = new CouponLimits(id, b.quantity, b.budget, b.perCustomer);
        storeIds = b.storeIds;
        currency = b.currency;
        if (discount instanceof Discount.Threshold t) {
            amountMinor = t.spend().minorUnits();
            secondMinor = t.save().minorUnits();
        } else if (discount instanceof Discount.Tiered t) {
            amountMinor = t.lowestSpend().minorUnits();
            secondMinor = 0;
        } else if (discount instanceof Discount.Repeating r) {
            amountMinor = r.every().minorUnits();
            secondMinor = r.save().minorUnits();
        } else if (discount instanceof Discount.CrossChannelVoucher v) {
            amountMinor = v.spend().minorUnits();
            secondMinor = 0;
        } else if (discount instanceof Discount.FixedAmount a) {
            amountMinor = a.amount().minorUnits();
            secondMinor = 0;
        } else if (discount instanceof Discount.FixedPrice p) {
            amountMinor = p.unitPrice().minorUnits();
            secondMinor = 0;
        } else {
            amountMinor = 0;
            secondMinor = 0;
        }
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

    /** The priority: in a stack, higher priorities apply first (ties as {@link StackResult#APPLICATION_ORDER} says). */
    public int priority() {
        return priority;
    }

    /** The limits the store enforces on redemption (set on the builder). */
    public CouponLimits limits() {
        return limits;
    }

    /** The stores the coupon is restricted to, if {@link Builder#stores} was set. */
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

    /**
     * Builds a {@link Coupon}. Each limit and the store restriction may be set once, and every
     * amount must be in one currency: a call that conflicts with an earlier one throws
     * {@link IllegalStateException} at once, naming both. Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private final Discount discount;
        private final List<CouponCondition> conditions = new ArrayList<>();
        private StackingGroup group = StackingGroup.STACKABLE;
        private boolean groupSet;
        private int priority;
        private boolean prioritySet;
        private OptionalLong quantity = OptionalLong.empty();
        private Optional<Money> budget = Optional.empty();
        private OptionalInt perCustomer = OptionalInt.empty();
        private Optional<Set<String>> storeIds = Optional.empty();
        /** The currency of the amounts so far, and where it came from (for the conflict message). */
        private Currency currency;
        private String currencyFrom;

        private Builder(String id, Discount discount) {
            this.id = Check.id(id, "coupon id");
            this.discount = Objects.requireNonNull(discount, "discount");
            discount.currency().ifPresent(c -> sameCurrency(c, "the discount"));
        }

        private void sameCurrency(Currency c, String from) {
            if (currency == null) {
                currency = c;
                currencyFrom = from;
            } else if (!currency.equals(c)) {
                throw new IllegalStateException("coupon '" + id + "': " + from + " is in " + c.getCurrencyCode()
                        + " but " + currencyFrom + " is in " + currency.getCurrencyCode() + "; a coupon has one currency");
            }
        }

        private void once(boolean already, String what) {
            if (already) {
                throw new IllegalStateException("coupon '" + id + "': " + what + " is already set");
            }
        }

        /** Adds a condition; conditions are checked in the order added. */
        public Builder condition(CouponCondition condition) {
            Objects.requireNonNull(condition, "condition");
            if (condition instanceof Conditions.MinSpend ms) {
                sameCurrency(ms.amount().currency(), "the minimum spend");
            }
            conditions.add(condition);
            return this;
        }

        /** At most {@code quantity} redemptions overall (at least 1): QUANTITY_EXHAUSTED, enforced by the store. */
        public Builder totalQuantity(long quantity) {
            once(this.quantity.isPresent(), "totalQuantity");
            this.quantity = OptionalLong.of(CouponLimits.requireQuantity(quantity));
            return this;
        }

        /**
         * At most {@code budget} of discount overall (positive, below {@link Money#TEXT_LIMIT}):
         * BUDGET_EXHAUSTED, enforced by the store.
         */
        public Builder totalBudget(Money budget) {
            once(this.budget.isPresent(), "totalBudget");
            CouponLimits.requireBudget(Objects.requireNonNull(budget, "totalBudget"));
            sameCurrency(budget.currency(), "the total budget");
            this.budget = Optional.of(budget);
            return this;
        }

        /** At most {@code limit} redemptions per customer (at least 1): PER_CUSTOMER_LIMIT, enforced by the store. */
        public Builder perCustomerLimit(int limit) {
            once(perCustomer.isPresent(), "perCustomerLimit");
            perCustomer = OptionalInt.of(CouponLimits.requirePerCustomer(limit));
            return this;
        }

        /**
         * Only at the listed stores (the customer context must name one): STORE_NOT_ALLOWED, also
         * checked by {@link CouponService#verifyAtStore}.
         */
        public Builder stores(Set<String> ids) {
            once(storeIds.isPresent(), "stores");
            Conditions.Stores s = new Conditions.Stores(ids);
            storeIds = Optional.of(s.storeIds());
            conditions.add(s);
            return this;
        }

        /** Sets the stacking group (default stackable). */
        public Builder group(StackingGroup g) {
            Objects.requireNonNull(g, "group");
            once(groupSet, "group");
            group = g;
            groupSet = true;
            return this;
        }

        /** Sets the priority (default 0; higher applies first). */
        public Builder priority(int p) {
            once(prioritySet, "priority");
            priority = p;
            prioritySet = true;
            return this;
        }

        /** The coupon. */
        public Coupon build() {
            return new Coupon(this);
        }
    }
}
