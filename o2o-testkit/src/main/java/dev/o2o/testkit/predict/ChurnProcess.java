package dev.o2o.testkit.predict;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Order histories with a known probability of churn: no order in the {@code horizon} after a
 * cutoff.
 *
 * <p>The process: customer i orders as a Poisson process whose daily rate decays or grows
 * exponentially, {@code λ(t) = λ₀·exp(−δ·t/365)} for t days since the history's start (365 days
 * before the cutoff), with {@code λ₀ = exp(N(ln(1/4), 0.5²))} and {@code δ} uniform in [0, 6];
 * so the churn probability is {@code exp(−∫ λ(t) dt)} over the horizon. Each order has one line
 * of spend {@code exp(N(ln 30, 0.4²))} EUR and is online with the customer's share, uniform in
 * [0, 1]. Orders both before and after the cutoff are generated.
 *
 * <p>Stateless and thread-safe; the same arguments give the same data.
 */
public final class ChurnProcess {
    private ChurnProcess() {
    }

    static final double HISTORY_DAYS = 365;

    /**
     * The generated data.
     *
     * @param orders      every order, before and after the cutoff
     * @param probability per customer key, the true churn probability over the horizon
     */
    public record Data(List<Order> orders, Map<CustomerKey, Double> probability) {
        /** Copies. */
        public Data {
            orders = List.copyOf(orders);
            probability = Map.copyOf(Objects.requireNonNull(probability, "probability"));
        }
    }

    /** Generates {@code customers} customers whose history ends at {@code cutoff}. */
    public static Data generate(int customers, Instant cutoff, Duration horizon, long seed) {
        if (customers < 1 || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("need customers >= 1 and a positive horizon: " + customers + ", " + horizon);
        }
        SplittableRandom r = new SplittableRandom(seed);
        Currency eur = Currency.getInstance("EUR");
        Channel web = Channel.online("web");
        Channel store = Channel.offline("store");
        double h = horizon.toSeconds() / 86400.0;
        double end = HISTORY_DAYS + h;
        Instant start = cutoff.minus(Duration.ofDays((long) HISTORY_DAYS));
        List<Order> orders = new ArrayList<>();
        Map<CustomerKey, Double> prob = new TreeMap<>();
        int id = 0;
        for (int c = 0; c < customers; c++) {
            CustomerKey key = CustomerKey.of("c" + c);
            double lambda0 = Math.exp(Math.log(1 / 4.0) + 0.5 * r.nextGaussian());
            double delta = 6 * r.nextDouble();
            double online = r.nextDouble();
            // thinning: candidate events at the maximum rate over [0, end], kept with λ(t)/λmax
            double max = Math.max(rate(lambda0, delta, 0), rate(lambda0, delta, end));
            double t = 0;
            while (true) {
                t += -Math.log(1 - r.nextDouble()) / max;
                if (t >= end) {
                    break;
                }
                if (r.nextDouble() * max > rate(lambda0, delta, t)) {
                    continue;
                }
                BigDecimal amount = BigDecimal.valueOf(Math.exp(Math.log(30) + 0.4 * r.nextGaussian()))
                        .setScale(2, RoundingMode.HALF_EVEN);
                Instant at = start.plusMillis((long) (t * 86400000.0));
                orders.add(Order.completed("o" + id++, key, r.nextDouble() < online ? web : store, Optional.empty(), at,
                        List.of(new OrderLine("sku", "general", 1, Money.of(amount, eur)))));
            }
            // ∫ λ over [H, H + h] = λ₀·365/δ·(e^{−δH/365} − e^{−δ(H+h)/365}), or λ₀·h when δ = 0
            double integral = Math.abs(delta) < 1e-12 ? lambda0 * h : lambda0 * HISTORY_DAYS / delta
                    * (Math.exp(-delta * HISTORY_DAYS / HISTORY_DAYS) - Math.exp(-delta * (HISTORY_DAYS + h) / HISTORY_DAYS));
            prob.put(key, Math.exp(-integral));
        }
        return new Data(orders, prob);
    }

    static double rate(double lambda0, double delta, double t) {
        return lambda0 * Math.exp(-delta * t / HISTORY_DAYS);
    }
}
