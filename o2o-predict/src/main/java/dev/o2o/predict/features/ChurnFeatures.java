package dev.o2o.predict.features;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import dev.o2o.predict.data.Matrix;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Churn features from orders at a cutoff instant: one example per customer with an order before
 * the cutoff, labelled 1 ("churned") when the customer places no order in the {@code horizon}
 * after it.
 *
 * <p>Leak-free by construction: features use only orders placed strictly before the cutoff;
 * orders at or after it decide the label only. Cancelled orders are ignored; spend is the
 * order's total net of refunds (all orders must share one currency). The features, times in
 * days (fractional):
 * <ul>
 *   <li>{@code recency}: cutoff minus the last order; {@code tenure}: cutoff minus the first;</li>
 *   <li>{@code frequency}: orders before the cutoff;</li>
 *   <li>{@code ipt_mean}, {@code ipt_sd}, {@code ipt_last}: mean, sample standard deviation and
 *       last of the inter-purchase times (missing with too few orders);</li>
 *   <li>{@code orders_recent}, {@code orders_prior}: orders in the last 90 days and in the 90
 *       days before those; {@code spend_recent}, {@code spend_prior}: their spend;
 *       {@code spend_trend}: (recent − prior) / (recent + prior), missing when both are 0;</li>
 *   <li>{@code online_share}: the share of orders placed on online channels.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ChurnFeatures {
    private ChurnFeatures() {
    }

    /** The feature names, in column order. */
    public static final List<String> NAMES = List.of("recency", "tenure", "frequency", "ipt_mean", "ipt_sd", "ipt_last",
            "orders_recent", "orders_prior", "spend_recent", "spend_prior", "spend_trend", "online_share");

    private static final double DAY_SECONDS = 86400.0;
    private static final double WINDOW_DAYS = 90.0;

    /**
     * The examples.
     *
     * @param features  one row per customer
     * @param customers the customers, in key order
     * @param labels    1 if no order in the horizon after the cutoff
     */
    public record Examples(Matrix features, List<CustomerKey> customers, double[] labels) {
        /** Checks the lengths; copies the labels. */
        public Examples {
            Objects.requireNonNull(features, "features");
            customers = List.copyOf(customers);
            if (features.rows() != customers.size() || labels.length != customers.size()) {
                throw new IllegalArgumentException("one feature row and label per customer");
            }
            labels = labels.clone();
        }

        /** A copy of the labels. */
        @Override
        public double[] labels() {
            return labels.clone();
        }
    }

    /** Builds the examples at {@code cutoff}. */
    public static Examples build(List<Order> orders, Instant cutoff, Duration horizon) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive: " + horizon);
        }
        Currency currency = null;
        Map<CustomerKey, List<Order>> before = new TreeMap<>();
        Map<CustomerKey, Boolean> returned = new TreeMap<>();
        Instant end;
        try {
            end = cutoff.plus(horizon);
        } catch (ArithmeticException | DateTimeException e) {
            // java.time says only "long overflow" or "Instant exceeds maximum or minimum instant"
            throw new IllegalArgumentException("horizon " + horizon + " after cutoff " + cutoff
                    + " reaches past the largest instant " + Instant.MAX, e);
        }
        for (Order o : orders) {
            if (o.status() == OrderStatus.CANCELLED) {
                continue;
            }
            Currency c = o.total().currency();
            if (currency == null) {
                currency = c;
            } else if (!currency.equals(c)) {
                throw new IllegalArgumentException("order '" + o.id() + "' is in " + c + ", earlier orders in " + currency);
            }
            if (o.instant().isBefore(cutoff)) {
                before.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(o);
            } else if (o.instant().isBefore(end)) {
                returned.put(o.customer(), true);
            }
        }
        int n = before.size();
        double[][] cols = new double[NAMES.size()][n];
        double[] labels = new double[n];
        List<CustomerKey> keys = new ArrayList<>(before.keySet());
        for (int i = 0; i < n; i++) {
            List<Order> os = before.get(keys.get(i));
            os.sort(Comparator.comparing(Order::instant).thenComparing(Order::id));
            int m = os.size();
            double[] age = new double[m]; // days before the cutoff
            for (int j = 0; j < m; j++) {
                age[j] = Duration.between(os.get(j).instant(), cutoff).toMillis() / 1000.0 / DAY_SECONDS;
            }
            cols[0][i] = age[m - 1];
            cols[1][i] = age[0];
            cols[2][i] = m;
            double sum = 0;
            double sq = 0;
            for (int j = 1; j < m; j++) {
                double gap = age[j - 1] - age[j];
                sum += gap;
                sq += gap * gap;
            }
            cols[3][i] = m >= 2 ? sum / (m - 1) : Double.NaN;
            cols[4][i] = m >= 3 ? Math.sqrt(Math.max(0, (sq - sum * sum / (m - 1)) / (m - 2))) : Double.NaN;
            cols[5][i] = m >= 2 ? age[m - 2] - age[m - 1] : Double.NaN;
            double online = 0;
            for (int j = 0; j < m; j++) {
                double spend = os.get(j).netTotal().amount().doubleValue();
                if (age[j] <= WINDOW_DAYS) {
                    cols[6][i]++;
                    cols[8][i] += spend;
                } else if (age[j] <= 2 * WINDOW_DAYS) {
                    cols[7][i]++;
                    cols[9][i] += spend;
                }
                online += os.get(j).channel().isOnline() ? 1 : 0;
            }
            double total = cols[8][i] + cols[9][i];
            cols[10][i] = total == 0 ? Double.NaN : (cols[8][i] - cols[9][i]) / total;
            cols[11][i] = online / m;
            labels[i] = returned.containsKey(keys.get(i)) ? 0 : 1;
        }
        return new Examples(Matrix.of(NAMES, cols), keys, labels);
    }
}
