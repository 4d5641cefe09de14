package dev.o2o.core.kpi;

import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.profile.CustomerProfile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The common marketing KPIs, each with its definition. Rates come as {@link RateEstimate}s with
 * 95% Wilson intervals (overloads take another confidence); money ratios are computed in
 * {@link BigDecimal} with {@link MathContext#DECIMAL64} (16 significant digits, HALF_EVEN).
 *
 * <p>Stateless and thread-safe.
 */
public final class Kpis {

    private Kpis() {
    }

    /**
     * Conversion rate: customers (or sessions) that converted divided by those exposed, for
     * example buyers / visitors of a campaign page.
     */
    public static RateEstimate conversionRate(long converted, long exposed) {
        return RateEstimate.wilson(converted, exposed);
    }

    /** {@link #conversionRate(long, long)} with an interval at the given confidence. */
    public static RateEstimate conversionRate(long converted, long exposed, double confidence) {
        return RateEstimate.wilson(converted, exposed, confidence);
    }

    /**
     * Repurchase rate: customers with at least two purchases divided by customers with at
     * least one.
     */
    public static RateEstimate repurchaseRate(long repeatBuyers, long buyers) {
        return RateEstimate.wilson(repeatBuyers, buyers);
    }

    /** Repurchase rate over profiles (profiles without purchases are not counted). */
    public static RateEstimate repurchaseRate(Collection<CustomerProfile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        long buyers = 0;
        long repeat = 0;
        for (CustomerProfile p : profiles) {
            if (p.orders() >= 1) {
                buyers++;
            }
            if (p.orders() >= 2) {
                repeat++;
            }
        }
        return RateEstimate.wilson(repeat, buyers);
    }

    /**
     * Average order value: revenue divided by the number of orders, rounded HALF_EVEN to the
     * currency's scale.
     *
     * @throws IllegalArgumentException if orders is not positive
     */
    public static Money averageOrderValue(Money revenue, long orders) {
        Objects.requireNonNull(revenue, "revenue");
        if (orders < 1) {
            throw new IllegalArgumentException("orders must be >= 1 for an average order value: " + orders);
        }
        return new Money(revenue.amount().divide(BigDecimal.valueOf(orders), Money.scaleOf(revenue.currency()),
                Money.DEFAULT_ROUNDING), revenue.currency());
    }

    /**
     * Average order value of the purchases (completed or partially refunded orders) among the
     * given orders, on their net totals; empty if there is none.
     *
     * @throws IllegalArgumentException if the purchases mix currencies
     */
    public static Optional<Money> averageOrderValue(Iterable<Order> orders) {
        Objects.requireNonNull(orders, "orders");
        Money revenue = null;
        long n = 0;
        for (Order o : orders) {
            if (!o.status().isPurchase()) {
                continue;
            }
            revenue = revenue == null ? o.netTotal() : revenue.plus(o.netTotal());
            n++;
        }
        return n == 0 ? Optional.empty() : Optional.of(averageOrderValue(revenue, n));
    }

    /**
     * The mean of any values (basket size, visit length, days between orders) with its 95% Student-t interval; see
     * {@link MeanEstimate} for the formula and {@link MeanEstimate.Accumulator} to summarise partitions apart.
     *
     * @throws IllegalArgumentException if there is no value or one is not finite
     */
    public static MeanEstimate mean(double... values) {
        return MeanEstimate.of(values);
    }

    /** {@link #mean(double...)} with an interval at the given confidence. */
    public static MeanEstimate mean(double[] values, double confidence) {
        return MeanEstimate.of(values, confidence);
    }

    /**
     * {@link #averageOrderValue(Iterable)} with its 95% Student-t interval over the purchases' net totals; empty with
     * fewer than two purchases (one value has no spread).
     *
     * @throws IllegalArgumentException if the purchases mix currencies
     */
    public static Optional<MoneyEstimate> averageOrderValueWithInterval(Iterable<Order> orders) {
        return averageOrderValueWithInterval(orders, RateEstimate.DEFAULT_CONFIDENCE);
    }

    /** {@link #averageOrderValueWithInterval(Iterable)} at the given confidence. */
    public static Optional<MoneyEstimate> averageOrderValueWithInterval(Iterable<Order> orders, double confidence) {
        Objects.requireNonNull(orders, "orders");
        RateEstimate.requireConfidence(confidence);
        Money revenue = null;
        MeanEstimate.Accumulator values = new MeanEstimate.Accumulator();
        for (Order o : orders) {
            if (!o.status().isPurchase()) {
                continue;
            }
            revenue = revenue == null ? o.netTotal() : revenue.plus(o.netTotal());
            values.add(o.netTotal().amount().doubleValue());
        }
        if (values.count() < 2) {
            return Optional.empty();
        }
        MeanEstimate e = values.estimate(confidence);
        Money value = averageOrderValue(revenue, values.count());
        int scale = Money.scaleOf(revenue.currency());
        Money lower = new Money(BigDecimal.valueOf(e.lower()).setScale(scale, RoundingMode.FLOOR), revenue.currency());
        Money upper = new Money(BigDecimal.valueOf(e.upper()).setScale(scale, RoundingMode.CEILING),
                revenue.currency());
        return Optional.of(new MoneyEstimate(value, lower, upper, e));
    }

    /**
     * Return on investment: {@code (attributed revenue - spend) / spend}; 0.25 means 25% gained.
     *
     * @throws IllegalArgumentException if spend is not positive or the currencies differ
     */
    public static BigDecimal roi(Money spend, Money attributedRevenue) {
        requirePositiveSpend(spend);
        return attributedRevenue.minus(spend).amount().divide(spend.amount(), MathContext.DECIMAL64);
    }

    /**
     * Return on ad spend: {@code attributed revenue / spend}; 4 means 4 of revenue per 1 spent.
     *
     * @throws IllegalArgumentException if spend is not positive or the currencies differ
     */
    public static BigDecimal roas(Money spend, Money attributedRevenue) {
        requirePositiveSpend(spend);
        Objects.requireNonNull(attributedRevenue, "attributedRevenue");
        if (!spend.currency().equals(attributedRevenue.currency())) {
            throw new IllegalArgumentException("currency mismatch: spend in " + spend.currency().getCurrencyCode()
                    + ", revenue in " + attributedRevenue.currency().getCurrencyCode());
        }
        return attributedRevenue.amount().divide(spend.amount(), MathContext.DECIMAL64);
    }

    /**
     * Customer acquisition cost: marketing spend divided by the new customers it acquired in the
     * same period, rounded HALF_EVEN to the currency's scale.
     *
     * @throws IllegalArgumentException if newCustomers is not positive or spend is negative
     */
    public static Money customerAcquisitionCost(Money spend, long newCustomers) {
        Objects.requireNonNull(spend, "spend");
        if (spend.isNegative()) {
            throw new IllegalArgumentException("spend must not be negative: " + spend);
        }
        if (newCustomers < 1) {
            throw new IllegalArgumentException("newCustomers must be >= 1 for a CAC: " + newCustomers);
        }
        return averageOrderValue(spend, newCustomers);
    }

    /** Net Promoter Score of 0-10 answers with a 95% interval; see {@link NpsResult}. */
    public static NpsResult nps(int[] scores) {
        return nps(scores, RateEstimate.DEFAULT_CONFIDENCE);
    }

    /**
     * Net Promoter Score of 0-10 answers.
     *
     * @throws IllegalArgumentException if there are no answers or an answer is outside 0..10 (its index is named)
     */
    public static NpsResult nps(int[] scores, double confidence) {
        Objects.requireNonNull(scores, "scores");
        if (scores.length == 0) {
            throw new IllegalArgumentException("NPS needs at least one answer");
        }
        long promoters = 0;
        long passives = 0;
        long detractors = 0;
        for (int i = 0; i < scores.length; i++) {
            int s = scores[i];
            if (s < 0 || s > 10) {
                throw new IllegalArgumentException("scores[" + i + "] must be within 0..10: " + s);
            }
            if (s >= 9) {
                promoters++;
            } else if (s >= 7) {
                passives++;
            } else {
                detractors++;
            }
        }
        double n = scores.length;
        double p = promoters / n;
        double d = detractors / n;
        double score = 100 * (p - d);
        double se = Math.sqrt((p + d - (p - d) * (p - d)) / n);
        double z = RateEstimate.z(confidence);
        return new NpsResult(scores.length, promoters, passives, detractors, score,
                Math.max(-100, score - 100 * z * se), Math.min(100, score + 100 * z * se),
                RateEstimate.wilson(promoters, scores.length, confidence),
                RateEstimate.wilson(detractors, scores.length, confidence));
    }

    private static void requirePositiveSpend(Money spend) {
        Objects.requireNonNull(spend, "spend");
        if (!spend.isPositive()) {
            throw new IllegalArgumentException("spend must be positive: " + spend);
        }
    }
}
