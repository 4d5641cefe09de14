package dev.o2o.campaign.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A campaign's effect against its holdout, with 95% confidence intervals (normal
 * approximation): the difference in conversion rate (Wald, unpooled), and in revenue per
 * customer (Welch); the incremental totals scale both by the treated group's size.
 *
 * <p>Immutable and thread-safe.
 *
 * @param treated                 the treated group
 * @param holdout                 the holdout group
 * @param rateLift                treated minus holdout conversion rate
 * @param rateLiftLower           its lower bound
 * @param rateLiftUpper           its upper bound
 * @param incrementalConversions  rateLift times treated customers
 * @param conversionsLower        its lower bound
 * @param conversionsUpper        its upper bound
 * @param revenueLiftPerCustomer  difference of mean revenue per customer (major units)
 * @param incrementalRevenue      that difference times treated customers
 * @param revenueLower            its lower bound
 * @param revenueUpper            its upper bound
 */
public record Incrementality(GroupOutcome treated, GroupOutcome holdout, double rateLift, double rateLiftLower,
                             double rateLiftUpper, double incrementalConversions, double conversionsLower,
                             double conversionsUpper, double revenueLiftPerCustomer, double incrementalRevenue,
                             double revenueLower, double revenueUpper) {

    /** The two-sided 95% normal quantile. */
    static final double Z95 = 1.959963984540054;

    public Incrementality {
        Objects.requireNonNull(treated, "treated");
        Objects.requireNonNull(holdout, "holdout");
    }

    /**
     * The effect of the treated group over the holdout.
     *
     * @throws IllegalArgumentException if either group has fewer than 2 customers, or naming the
     *                                  revenues if the revenue statistics overflow a double
     */
    public static Incrementality of(GroupOutcome treated, GroupOutcome holdout) {
        Objects.requireNonNull(treated, "treated");
        Objects.requireNonNull(holdout, "holdout");
        if (treated.customers() < 2 || holdout.customers() < 2) {
            throw new IllegalArgumentException("need at least 2 customers per group: treated=" + treated.customers()
                    + ", holdout=" + holdout.customers());
        }
        double nt = treated.customers();
        double nc = holdout.customers();
        double pt = treated.converters() / nt;
        double pc = holdout.converters() / nc;
        double diff = pt - pc;
        double se = Math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc);
        // the revenue moments in BigDecimal, exact where they can be: a sum of squares past
        // Double.MAX_VALUE (revenue per customer past 1e154) made the variance Infinity - Infinity
        BigDecimal bnt = BigDecimal.valueOf(treated.customers());
        BigDecimal bnc = BigDecimal.valueOf(holdout.customers());
        double mt = treated.revenue().divide(bnt, MathContext.DECIMAL128).doubleValue();
        double mc = holdout.revenue().divide(bnc, MathContext.DECIMAL128).doubleValue();
        double seRev = variance(treated).divide(bnt, MathContext.DECIMAL128)
                .add(variance(holdout).divide(bnc, MathContext.DECIMAL128))
                .sqrt(MathContext.DECIMAL128).doubleValue();
        double dRev = mt - mc;
        Incrementality out = new Incrementality(treated, holdout, diff, diff - Z95 * se, diff + Z95 * se, diff * nt,
                (diff - Z95 * se) * nt, (diff + Z95 * se) * nt, dRev, dRev * nt, (dRev - Z95 * seRev) * nt,
                (dRev + Z95 * seRev) * nt);
        if (!Double.isFinite(out.revenueLiftPerCustomer()) || !Double.isFinite(out.incrementalRevenue())
                || !Double.isFinite(out.revenueLower()) || !Double.isFinite(out.revenueUpper())) {
            throw new IllegalArgumentException("revenue statistics overflow a double: treated revenue "
                    + shown(treated.revenue()) + " over " + treated.customers() + " customers, holdout revenue "
                    + shown(holdout.revenue()) + " over " + holdout.customers() + " customers");
        }
        return out;
    }

    /** The value; a long one without its trailing zeros (the same value, not hundreds of digits). */
    private static String shown(BigDecimal v) {
        return v.precision() > 34 ? v.stripTrailingZeros().toString() : v.toString();
    }

    /** Sample variance, exactly (n·Σx² − (Σx)²) / (n·(n − 1)), then rounded to 34 digits; never negative. */
    private static BigDecimal variance(GroupOutcome g) {
        BigDecimal n = BigDecimal.valueOf(g.customers());
        return n.multiply(g.revenueSquares()).subtract(g.revenue().multiply(g.revenue()))
                .divide(n.multiply(n.subtract(BigDecimal.ONE)), MathContext.DECIMAL128);
    }
}
