package dev.o2o.campaign.analytics;

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
     * @throws IllegalArgumentException if either group has fewer than 2 customers
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
        double mt = treated.revenue().doubleValue() / nt;
        double mc = holdout.revenue().doubleValue() / nc;
        double vt = variance(treated, mt);
        double vc = variance(holdout, mc);
        double seRev = Math.sqrt(vt / nt + vc / nc);
        double dRev = mt - mc;
        return new Incrementality(treated, holdout, diff, diff - Z95 * se, diff + Z95 * se, diff * nt,
                (diff - Z95 * se) * nt, (diff + Z95 * se) * nt, dRev, dRev * nt, (dRev - Z95 * seRev) * nt,
                (dRev + Z95 * seRev) * nt);
    }

    /** Sample variance from the sums: (Σx² − n·mean²) / (n − 1), never below 0 from rounding. */
    private static double variance(GroupOutcome g, double mean) {
        double n = g.customers();
        return Math.max(0, (g.revenueSquares().doubleValue() - n * mean * mean) / (n - 1));
    }
}
