package dev.o2o.segmentation.lifecycle;

import java.util.Arrays;
import java.util.Objects;

/**
 * Value tiers by cumulative revenue share: customers ranked by revenue, highest first; the
 * smallest top group whose revenue reaches {@code highShare} of the total is
 * {@link ValueTier#HIGH}, the next customers until {@code highShare + mediumShare} is reached
 * are {@link ValueTier#MEDIUM}, the rest {@link ValueTier#LOW} (80/15/5 by default). Customers
 * with equal revenue at a boundary are taken in index order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param highShare   cumulative share of revenue of the high tier, in (0, 1]
 * @param mediumShare further share of the medium tier, {@code >= 0}, with {@code highShare + mediumShare <= 1}
 */
public record ValueTiers(double highShare, double mediumShare) {

    public ValueTiers {
        if (!(highShare > 0) || highShare > 1) {
            throw new IllegalArgumentException("highShare must be in (0, 1], got " + highShare);
        }
        if (!(mediumShare >= 0) || highShare + mediumShare > 1 + 1e-12) {
            throw new IllegalArgumentException("mediumShare must be >= 0 with highShare + mediumShare <= 1, got "
                    + mediumShare);
        }
    }

    /** 80% high, 15% medium, 5% low. */
    public static ValueTiers defaults() {
        return new ValueTiers(0.80, 0.15);
    }

    /**
     * The tier of each customer, by index.
     *
     * @param revenue each customer's revenue in currency units, finite and {@code >= 0}
     * @throws IllegalArgumentException naming the first invalid index
     */
    public ValueTier[] assign(double[] revenue) {
        Objects.requireNonNull(revenue, "revenue");
        int n = revenue.length;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double v = revenue[i];
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("revenue of customer at index " + i + " must be finite and >= 0, got "
                        + v);
            }
            max = Math.max(max, v);
        }
        ValueTier[] out = new ValueTier[n];
        Arrays.fill(out, ValueTier.LOW);
        if (max == 0) {
            return out;
        }
        // shares do not depend on the unit: the sums are taken with the largest revenue scaled into
        // [1, 2) by a power of two (exact), so that a total beyond the double range cannot overflow
        double scale = Math.scalb(1.0, -Math.getExponent(max));
        double total = 0;
        for (double v : revenue) {
            total += v * scale;
        }
        double[] sorted = revenue.clone();
        Arrays.sort(sorted);
        // walk from the top: find the value at which each cumulative share is first reached and
        // how many customers of that value are needed
        double[] boundaryValue = new double[2];
        long[] takeAtBoundary = new long[2];
        double[] targets = {highShare * total, (highShare + mediumShare) * total};
        double cum = 0;
        int t = 0;
        for (int i = n - 1; i >= 0 && t < 2; i--) {
            cum += sorted[i] * scale;
            while (t < 2 && cum >= targets[t] * (1 - 1e-9)) {
                boundaryValue[t] = sorted[i];
                int above = 0;
                for (int j = n - 1; j >= 0 && sorted[j] > sorted[i]; j--) {
                    above++;
                }
                takeAtBoundary[t] = (n - i) - above;
                t++;
            }
        }
        for (; t < 2; t++) {
            // not reached through rounding: every customer with revenue is in
            boundaryValue[t] = 0;
            takeAtBoundary[t] = 0;
        }
        // customers strictly above a boundary are in; at the boundary value, the first ones by index
        long[] taken = new long[2];
        for (int i = 0; i < n; i++) {
            double v = revenue[i];
            if (v <= 0) {
                continue;
            }
            if (v > boundaryValue[0] || (v == boundaryValue[0] && taken[0] < takeAtBoundary[0])) {
                if (v == boundaryValue[0]) {
                    taken[0]++;
                }
                out[i] = ValueTier.HIGH;
            } else if (v > boundaryValue[1] || (v == boundaryValue[1] && taken[1] < takeAtBoundary[1])) {
                out[i] = ValueTier.MEDIUM;
            }
            if (v == boundaryValue[1] && out[i] != ValueTier.LOW) {
                taken[1]++;
            }
        }
        return out;
    }
}
