package dev.o2o.core.kpi;

import dev.o2o.core.Money;

import java.util.Objects;

/**
 * A money average with its confidence interval, for example the average order value: the value rounded
 * {@code HALF_EVEN} to the currency's scale, the bounds rounded outward (lower down, upper up) so that the printed
 * interval never claims more precision than it has, and the {@link MeanEstimate} in currency units behind them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value    the average
 * @param lower    lower bound of the interval
 * @param upper    upper bound of the interval
 * @param estimate the mean, standard deviation and interval in currency units (doubles)
 */
public record MoneyEstimate(Money value, Money lower, Money upper, MeanEstimate estimate) {

    /** Validates the estimate. */
    public MoneyEstimate {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(estimate, "estimate");
        if (!value.currency().equals(lower.currency()) || !value.currency().equals(upper.currency())) {
            throw new IllegalArgumentException("value, lower and upper must share one currency");
        }
        if (lower.amount().compareTo(value.amount()) > 0 || value.amount().compareTo(upper.amount()) > 0) {
            throw new IllegalArgumentException("need lower <= value <= upper, got " + lower + ", " + value + ", "
                    + upper);
        }
    }
}
