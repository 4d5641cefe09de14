package dev.o2o.predict.features;

import dev.o2o.predict.data.Matrix;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Coupon-propensity features from Tianchi-format receipts: one example per coupon receipt, the
 * label "used within {@code horizonDays} days of receipt" (the contest's 15).
 *
 * <p>Leak-free by construction: the prediction instant of a receipt is the start of the day it
 * was received, and every history feature counts only receipts received on earlier days and
 * uses dated earlier days (same-day receipts, including the example itself, are not counted;
 * a use is known from the day after it happened). The features:
 * <ul>
 *   <li>{@code user_receipts}, {@code user_uses}, {@code user_rate}: the customer's earlier
 *       coupon receipts, earlier coupon uses, and uses per receipt (missing with no receipt);</li>
 *   <li>the same for {@code merchant_*}, {@code coupon_*} and {@code user_merchant_*};</li>
 *   <li>{@code discount_off}: the share off (0.1 for rate 0.9, 20/150 for 150:20);
 *       {@code threshold}: the spend threshold (0 for a rate); {@code threshold_band}: 0 for a
 *       rate, else 1 (≤ 20), 2 (≤ 50), 3 (≤ 100), 4 (≤ 200), 5 (more) — all from the coupon itself;</li>
 *   <li>{@code distance_band}: the file's 0..10 band (× 500 m), missing when unknown;</li>
 *   <li>{@code day_of_week}: 1 (Monday) to 7 of the receipt;</li>
 *   <li>{@code days_since_previous}: days since the customer's previous receipt on an earlier
 *       day, missing for the first.</li>
 * </ul>
 * Rows without a coupon (plain purchases) are events, not examples; they are not used here.
 *
 * <p>Stateless and thread-safe.
 */
public final class CouponFeatures {
    private CouponFeatures() {
    }

    /** The feature names, in column order. */
    public static final List<String> NAMES = List.of("user_receipts", "user_uses", "user_rate", "merchant_receipts",
            "merchant_uses", "merchant_rate", "coupon_receipts", "coupon_uses", "coupon_rate", "user_merchant_receipts",
            "user_merchant_uses", "user_merchant_rate", "discount_off", "threshold", "threshold_band", "distance_band",
            "day_of_week", "days_since_previous");

    /**
     * The examples.
     *
     * @param features one row per coupon receipt, in input order
     * @param receipts those receipts
     * @param labels   per row, 1 if used within the horizon, else 0; empty when the input has no use dates
     */
    public record Examples(Matrix features, List<Receipt> receipts, Optional<double[]> labels) {
        /** Checks the lengths; copies the labels. */
        public Examples {
            Objects.requireNonNull(features, "features");
            receipts = List.copyOf(receipts);
            Objects.requireNonNull(labels, "labels");
            int n = receipts.size();
            if (features.rows() != n || labels.map(l -> l.length != n).orElse(false)) {
                throw new IllegalArgumentException("one feature row and label per receipt");
            }
            labels = labels.map(double[]::clone);
        }

        /** A copy of the labels, if any. */
        @Override
        public Optional<double[]> labels() {
            return labels.map(double[]::clone);
        }
    }

    /**
     * Builds the examples.
     *
     * @param all         every row of the file(s), coupons and plain purchases
     * @param labelled    whether the use dates are known (a training file), so that labels are built
     * @param horizonDays a use at most this many days after receipt is a positive label
     */
    public static Examples build(List<Receipt> all, boolean labelled, int horizonDays) {
        if (horizonDays < 0) {
            throw new IllegalArgumentException("horizonDays must be >= 0: " + horizonDays);
        }
        List<Receipt> coupons = all.stream().filter(Receipt::isCoupon).toList();
        int n = coupons.size();
        double[][] cols = new double[NAMES.size()][n];
        Integer[] byDay = new Integer[n];
        for (int i = 0; i < n; i++) {
            byDay[i] = i;
        }
        Arrays.sort(byDay, Comparator.comparing(i -> coupons.get(i).received().orElseThrow()));
        List<Integer> uses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (coupons.get(i).used().isPresent()) {
                uses.add(i);
            }
        }
        uses.sort(Comparator.comparing(i -> coupons.get(i).used().orElseThrow()));
        Map<String, int[]> user = new HashMap<>();
        Map<String, int[]> merchant = new HashMap<>();
        Map<String, int[]> coupon = new HashMap<>();
        Map<String, int[]> pair = new HashMap<>();
        Map<String, LocalDate> lastDay = new HashMap<>();
        int nextUse = 0;
        int k = 0;
        while (k < n) {
            LocalDate day = coupons.get(byDay[k]).received().orElseThrow();
            while (nextUse < uses.size() && coupons.get(uses.get(nextUse)).used().orElseThrow().isBefore(day)) {
                Receipt r = coupons.get(uses.get(nextUse++));
                counter(user, r.user())[1]++;
                counter(merchant, r.merchant())[1]++;
                counter(coupon, r.coupon().orElseThrow())[1]++;
                counter(pair, r.user() + "\u0000" + r.merchant())[1]++;
            }
            int end = k;
            while (end < n && coupons.get(byDay[end]).received().orElseThrow().equals(day)) {
                end++;
            }
            for (int q = k; q < end; q++) {
                int i = byDay[q];
                Receipt r = coupons.get(i);
                put(cols, 0, i, user.get(r.user()));
                put(cols, 3, i, merchant.get(r.merchant()));
                put(cols, 6, i, coupon.get(r.coupon().orElseThrow()));
                put(cols, 9, i, pair.get(r.user() + "\u0000" + r.merchant()));
                double[] d = TianchiReceipts.discountStrength(r.discount().orElseThrow());
                cols[12][i] = d[0];
                cols[13][i] = d[1];
                cols[14][i] = band(d[1]);
                cols[15][i] = r.distance().isPresent() ? r.distance().getAsInt() : Double.NaN;
                cols[16][i] = day.getDayOfWeek().getValue();
                LocalDate last = lastDay.get(r.user());
                cols[17][i] = last == null ? Double.NaN : ChronoUnit.DAYS.between(last, day);
            }
            for (int q = k; q < end; q++) {
                Receipt r = coupons.get(byDay[q]);
                counter(user, r.user())[0]++;
                counter(merchant, r.merchant())[0]++;
                counter(coupon, r.coupon().orElseThrow())[0]++;
                counter(pair, r.user() + "\u0000" + r.merchant())[0]++;
                lastDay.put(r.user(), day);
            }
            k = end;
        }
        Optional<double[]> labels = Optional.empty();
        if (labelled) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                Receipt r = coupons.get(i);
                y[i] = r.used().isPresent()
                        && ChronoUnit.DAYS.between(r.received().orElseThrow(), r.used().get()) <= horizonDays ? 1 : 0;
            }
            labels = Optional.of(y);
        }
        return new Examples(Matrix.of(NAMES, cols), coupons, labels);
    }

    private static int[] counter(Map<String, int[]> m, String key) {
        return m.computeIfAbsent(key, x -> new int[2]);
    }

    private static void put(double[][] cols, int at, int row, int[] c) {
        int receipts = c == null ? 0 : c[0];
        int used = c == null ? 0 : c[1];
        cols[at][row] = receipts;
        cols[at + 1][row] = used;
        cols[at + 2][row] = receipts == 0 ? Double.NaN : (double) used / receipts;
    }

    static int band(double threshold) {
        if (threshold == 0) {
            return 0;
        }
        return threshold <= 20 ? 1 : threshold <= 50 ? 2 : threshold <= 100 ? 3 : threshold <= 200 ? 4 : 5;
    }
}
