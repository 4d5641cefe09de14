package dev.o2o.campaign.analytics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many whole days (24-hour periods) after issue coupons were redeemed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param countsByDay coupons redeemed per whole day after issue, in day order, days with none left
 *                    out: memory for the distinct days only, however far apart
 * @param total       redeemed coupons
 * @param mean        mean days, NaN if none
 * @param median      the lower median in days, -1 if none
 */
public record DaysToRedeem(SortedMap<Integer, Long> countsByDay, long total, double mean, int median) {

    /**
     * @throws IllegalArgumentException naming the entry if a day is negative or a count not positive
     */
    public DaysToRedeem {
        Objects.requireNonNull(countsByDay, "countsByDay");
        TreeMap<Integer, Long> copy = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : countsByDay.entrySet()) {
            if (e.getKey() < 0 || e.getValue() < 1) {
                throw new IllegalArgumentException("countsByDay: need day >= 0 and count >= 1: " + e.getKey() + "="
                        + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        countsByDay = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * From dense counts, {@code counts[d]} = coupons redeemed d whole days after issue (the form
     * before {@link #countsByDay}); days with 0 are left out.
     */
    public DaysToRedeem(long[] counts, long total, double mean, int median) {
        this(sparse(counts), total, mean, median);
    }

    private static SortedMap<Integer, Long> sparse(long[] counts) {
        SortedMap<Integer, Long> out = new TreeMap<>();
        for (int d = 0; d < counts.length; d++) {
            if (counts[d] != 0) {
                out.put(d, counts[d]);
            }
        }
        return out;
    }

    /**
     * Dense counts: {@code counts[d]} = coupons redeemed d whole days after issue, up to the last day
     * with a redemption. Allocates 8 bytes per day up to that day: a redemption dated years after its
     * issue makes it large; {@link #countsByDay} does not.
     */
    public long[] counts() {
        long[] out = new long[countsByDay.isEmpty() ? 0 : countsByDay.lastKey() + 1];
        countsByDay.forEach((d, n) -> out[d] = n);
        return out;
    }
}
