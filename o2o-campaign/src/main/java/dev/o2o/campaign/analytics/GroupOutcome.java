package dev.o2o.campaign.analytics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Sufficient statistics of one group (treated or holdout) of a campaign: customers, customers
 * who converted (redeemed, or ordered for a holdout that received nothing) and their revenue
 * (sum and sum of squares per customer, in major units). Merge partitions with {@link #merge}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customers        customers in the group
 * @param converters       of them converted
 * @param revenue          total revenue, exact
 * @param revenueSquares   sum over customers of revenue squared (for the variance), exact; at least
 *                         revenue<sup>2</sup> / customers, as for every real group
 */
public record GroupOutcome(long customers, long converters, BigDecimal revenue, BigDecimal revenueSquares) {

    public GroupOutcome {
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(revenueSquares, "revenueSquares");
        if (customers < 0 || converters < 0 || converters > customers) {
            throw new IllegalArgumentException("need 0 <= converters <= customers: converters=" + converters
                    + ", customers=" + customers);
        }
        // sums some group has: revenueSquares >= revenue^2 / customers (Cauchy-Schwarz), exactly
        if (customers == 0 && revenueSquares.signum() != 0) {
            throw new IllegalArgumentException("revenueSquares " + revenueSquares + " is not 0 for a group of no customers");
        }
        if (revenueSquares.multiply(BigDecimal.valueOf(customers)).compareTo(revenue.multiply(revenue)) < 0) {
            throw new IllegalArgumentException("revenueSquares " + revenueSquares + " is below revenue^2 / customers (revenue "
                    + revenue + ", customers " + customers + "): no group has such sums");
        }
    }

    /** No customers. */
    public static GroupOutcome empty() {
        return new GroupOutcome(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** This group plus one customer with the revenue (zero if none) who converted or not. */
    public GroupOutcome add(boolean converted, BigDecimal customerRevenue) {
        return new GroupOutcome(customers + 1, converters + (converted ? 1 : 0), revenue.add(customerRevenue),
                revenueSquares.add(customerRevenue.multiply(customerRevenue)));
    }

    /** The two partitions together. */
    public GroupOutcome merge(GroupOutcome other) {
        return new GroupOutcome(customers + other.customers, converters + other.converters, revenue.add(other.revenue),
                revenueSquares.add(other.revenueSquares));
    }
}
