package dev.o2o.campaign.analytics;

import dev.o2o.core.kpi.RateEstimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Coupon funnels and redemption timing from {@link CouponRecord}s. Stateless and thread-safe.
 */
public final class CouponAnalytics {

    /**
     * Upper edges of the distance bands, in metres: under 1 km, 1-3 km, 3-5 km, 5-10 km, 10 km and more.
     * Unmodifiable.
     */
    public static final List<Double> DISTANCE_BANDS_METRES = List.of(1_000.0, 3_000.0, 5_000.0, 10_000.0);

    private static final double[] EDGES = DISTANCE_BANDS_METRES.stream().mapToDouble(Double::doubleValue).toArray();

    private static final String[] BAND_NAMES = {"0-1km", "1-3km", "3-5km", "5-10km", "10km+"};

    private CouponAnalytics() {
    }

    /**
     * The distance band of a distance in metres.
     *
     * @throws IllegalArgumentException if the distance is NaN or negative
     */
    public static String band(double metres) {
        if (!(metres >= 0)) {
            throw new IllegalArgumentException("metres must be a number >= 0: " + metres);
        }
        for (int i = 0; i < EDGES.length; i++) {
            if (metres < EDGES[i]) {
                return BAND_NAMES[i];
            }
        }
        return BAND_NAMES[BAND_NAMES.length - 1];
    }

    /** The funnel per value of the dimension, values in name order. */
    public static List<FunnelRow> funnel(Iterable<CouponRecord> records, Dimension dimension) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(dimension, "dimension");
        Map<String, long[]> counts = new TreeMap<>();
        for (CouponRecord r : records) {
            long[] c = counts.computeIfAbsent(dimension.keyOf(r), k -> new long[4]);
            c[0]++;
            c[1] += r.claimedAt().isPresent() ? 1 : 0;
            c[2] += r.verifiedAt().isPresent() ? 1 : 0;
            c[3] += r.redeemedAt().isPresent() ? 1 : 0;
        }
        List<FunnelRow> out = new ArrayList<>(counts.size());
        counts.forEach((value, c) -> out.add(new FunnelRow(dimension, value, c[0], c[1], c[2], c[3],
                RateEstimate.wilson(c[1], c[0]), RateEstimate.wilson(c[2], c[0]), RateEstimate.wilson(c[3], c[0]))));
        return out;
    }

    /**
     * Whole days from issue to redemption over the redeemed records, counted per distinct day.
     *
     * @throws IllegalArgumentException naming the coupon if it was redeemed more than
     *                                  {@link Integer#MAX_VALUE} days after issue
     */
    public static DaysToRedeem daysToRedeem(Iterable<CouponRecord> records) {
        Objects.requireNonNull(records, "records");
        // per distinct day, not an array indexed by day: a redemption typed years after its issue
        // would make one of hundreds of megabytes
        TreeMap<Integer, Long> counts = new TreeMap<>();
        long total = 0;
        long sum = 0;
        for (CouponRecord r : records) {
            if (r.redeemedAt().isPresent()) {
                long d = Duration.between(r.issuedAt(), r.redeemedAt().get()).toDays();
                if (d > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("coupon '" + r.code() + "': redeemed " + d + " days after issue (issuedAt "
                            + r.issuedAt() + ", redeemedAt " + r.redeemedAt().get() + "), more than " + Integer.MAX_VALUE);
                }
                counts.merge((int) d, 1L, Long::sum);
                total++;
                sum += d;
            }
        }
        int median = -1;
        long seen = 0;
        long half = (total + 1) / 2;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= half) {
                median = e.getKey();
                break;
            }
        }
        return new DaysToRedeem(counts, total, total == 0 ? Double.NaN : (double) sum / total, median);
    }
}
