package dev.o2o.campaign.analytics;

import java.util.Arrays;

/**
 * How many whole days (24-hour periods) after issue coupons were redeemed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param counts counts[d] = coupons redeemed d whole days after issue
 * @param total  redeemed coupons
 * @param mean   mean days, NaN if none
 * @param median the lower median in days, -1 if none
 */
public record DaysToRedeem(long[] counts, long total, double mean, int median) {

    public DaysToRedeem {
        counts = counts.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaysToRedeem d && Arrays.equals(counts, d.counts) && total == d.total
                && Double.compare(mean, d.mean) == 0 && median == d.median;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Long.hashCode(total);
    }

    @Override
    public String toString() {
        return "DaysToRedeem[counts=" + Arrays.toString(counts) + ", total=" + total + ", mean=" + mean + ", median=" + median + "]";
    }
}
