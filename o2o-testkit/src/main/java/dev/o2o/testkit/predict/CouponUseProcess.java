package dev.o2o.testkit.predict;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Coupon receipts in the Tianchi O2O offline format ({@code User_id,Merchant_id,Coupon_id,
 * Discount_rate,Distance,Date_received,Date}) with a known probability that each coupon is used
 * within 15 days.
 *
 * <p>The process: each merchant has an appeal {@code a ~ N(0, 0.3²)} and three coupons drawn from
 * a fixed list of discounts; each customer has a propensity {@code b} of −0.3, 0 or 0.3 (shares
 * 0.5, 0.3, 0.2), three favourite merchants at distance bands 0..10 (10% unknown) and receives
 * a coupon on each day with probability 0.25, from a favourite merchant. The coupon is used with
 * probability {@code p = sigmoid(−1.8 + b + a + 4·off − 0.15·distance + 0.4·[weekend])} (an
 * unknown distance counts as 5), on a day drawn uniformly 0..20 days after receipt, so that it is
 * used within 15 days with probability {@code p · 16/21}: that is the oracle probability.
 *
 * <p>Stateless and thread-safe; the same arguments give the same data.
 */
public final class CouponUseProcess {
    private CouponUseProcess() {
    }

    static final String[] DISCOUNTS = {"0.95", "0.9", "0.8", "0.5", "20:1", "20:5", "50:10", "100:30", "200:20", "300:50"};

    /**
     * The generated file.
     *
     * @param csv         the file's text, header included, one receipt per line
     * @param probability per receipt in file order, the probability of use within 15 days
     * @param days        per receipt, the day index of receipt (0 = the start date)
     */
    public record Data(String csv, double[] probability, int[] days) {
        /** Checks the lengths. */
        public Data {
            Objects.requireNonNull(csv, "csv");
            if (probability.length != days.length) {
                throw new IllegalArgumentException("one probability and day per receipt");
            }
        }
    }

    /** Generates {@code users} customers over {@code days} days from {@code start}, with {@code merchants} merchants. */
    public static Data generate(int users, int merchants, int days, LocalDate start, long seed) {
        if (users < 1 || merchants < 3 || days < 1) {
            throw new IllegalArgumentException("need users >= 1, merchants >= 3, days >= 1: " + users + ", " + merchants
                    + ", " + days);
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] appeal = new double[merchants];
        String[][] coupons = new String[merchants][3];
        for (int m = 0; m < merchants; m++) {
            appeal[m] = 0.3 * r.nextGaussian();
            for (int c = 0; c < 3; c++) {
                coupons[m][c] = DISCOUNTS[r.nextInt(DISCOUNTS.length)];
            }
        }
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        StringBuilder csv = new StringBuilder("User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received,Date\n");
        List<Double> probs = new ArrayList<>();
        List<Integer> dayList = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            double draw = r.nextDouble();
            double b = draw < 0.5 ? -0.3 : draw < 0.8 ? 0 : 0.3;
            int[] fav = new int[3];
            int[] dist = new int[3];
            for (int k = 0; k < 3; k++) {
                fav[k] = r.nextInt(merchants);
                dist[k] = r.nextDouble() < 0.1 ? -1 : r.nextInt(11);
            }
            for (int d = 0; d < days; d++) {
                if (r.nextDouble() >= 0.25) {
                    continue;
                }
                int k = r.nextInt(3);
                int m = fav[k];
                int c = r.nextInt(3);
                String discount = coupons[m][c];
                LocalDate day = start.plusDays(d);
                boolean weekend = day.getDayOfWeek().getValue() >= 6;
                double z = -1.8 + b + appeal[m] + 4 * off(discount) - 0.15 * (dist[k] < 0 ? 5 : dist[k]) + (weekend ? 0.4 : 0);
                double p = 1 / (1 + Math.exp(-z));
                String used = "null";
                if (r.nextDouble() < p) {
                    used = day.plusDays(r.nextInt(21)).format(f);
                }
                csv.append(u + 1).append(',').append(m + 1).append(',').append((m + 1) * 10 + c).append(',')
                        .append(discount).append(',').append(dist[k] < 0 ? "null" : Integer.toString(dist[k])).append(',')
                        .append(day.format(f)).append(',').append(used).append('\n');
                probs.add(p * 16 / 21);
                dayList.add(d);
            }
        }
        return new Data(csv.toString(), probs.stream().mapToDouble(Double::doubleValue).toArray(),
                dayList.stream().mapToInt(Integer::intValue).toArray());
    }

    static double off(String discount) {
        int colon = discount.indexOf(':');
        if (colon < 0) {
            return 1 - Double.parseDouble(discount);
        }
        return Double.parseDouble(discount.substring(colon + 1)) / Double.parseDouble(discount.substring(0, colon));
    }
}
