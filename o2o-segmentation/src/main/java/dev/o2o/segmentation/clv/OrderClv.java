package dev.o2o.segmentation.clv;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * From orders to per-customer CLV inputs and predictions in one call, keyed by customer: the step every host
 * otherwise writes between ingestion and the models.
 *
 * <p>{@link #summarize} turns the purchases (orders whose status {@linkplain dev.o2o.core.OrderStatus#isPurchase()
 * is a purchase}, on their net totals, days taken in the given zone, orders after the calibration end not seen)
 * into each customer's {@link CustomerSummary} and mean repeat value, as {@link HoldoutSplit} does: purchases on
 * one day count once, their values summed. {@link #forecast} then fits BG/NBD to all summaries and Gamma-Gamma to
 * the repeat customers, and gives every customer the probability of being alive, the expected purchases over the
 * horizon, the expected spend per purchase and their product, the expected revenue (undiscounted; see
 * {@link Clv#discounted} for a discounted value). A customer whose first purchase falls on or after the
 * calibration end cannot be summarised: such customers are listed apart, not dropped silently.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrderClv {

    private OrderClv() {
    }

    /**
     * One customer's calibration history.
     *
     * @param summary         frequency, recency and age in the chosen time unit
     * @param meanRepeatValue mean value of the repeat purchase days, in currency units; empty without repeats
     */
    public record History(CustomerSummary summary, OptionalDouble meanRepeatValue) {
        /** Validates the history. */
        public History {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(meanRepeatValue, "meanRepeatValue");
        }
    }

    /**
     * The summaries of every customer.
     *
     * @param customers      per customer, sorted
     * @param tooNew         customers whose first purchase is on or after the calibration end (no summary)
     * @param currency       the one currency of the purchases (values are in its units); empty without purchases
     */
    public record Summaries(SortedMap<CustomerKey, History> customers, SortedSet<CustomerKey> tooNew,
                            Optional<Currency> currency) {
        /** Validates and copies. */
        public Summaries {
            customers = Collections.unmodifiableSortedMap(new TreeMap<>(customers));
            tooNew = Collections.unmodifiableSortedSet(new TreeSet<>(tooNew));
            Objects.requireNonNull(currency, "currency");
        }

        /** The summaries as {@link CalibrationData}, in customer order. */
        public CalibrationData calibrationData() {
            return CalibrationData.of(customers.values().stream().map(History::summary).toList());
        }
    }

    /**
     * One customer's prediction.
     *
     * @param history           the calibration history it is based on
     * @param probabilityAlive  BG/NBD probability that the customer is still active at the calibration end
     * @param expectedPurchases expected purchases over the horizon
     * @param expectedSpend     Gamma-Gamma expected value of one purchase, currency units
     * @param expectedRevenue   {@code expectedPurchases * expectedSpend}, currency units, undiscounted
     */
    public record Prediction(History history, double probabilityAlive, double expectedPurchases,
                             double expectedSpend, double expectedRevenue) {
        /** Validates the prediction. */
        public Prediction {
            Objects.requireNonNull(history, "history");
        }
    }

    /**
     * The fitted models and every customer's prediction.
     *
     * @param purchases   the BG/NBD fit (with standard errors)
     * @param spend       the Gamma-Gamma fit on the repeat customers
     * @param horizon     the horizon of the expected purchases, in the summaries' time unit
     * @param customers   per customer, sorted
     * @param tooNew      customers without a summary (first purchase on or after the calibration end)
     */
    public record Forecast(ModelFit<BgNbd> purchases, ModelFit<GammaGamma> spend, double horizon,
                           SortedMap<CustomerKey, Prediction> customers, SortedSet<CustomerKey> tooNew) {
        /** Validates and copies. */
        public Forecast {
            Objects.requireNonNull(purchases, "purchases");
            Objects.requireNonNull(spend, "spend");
            customers = Collections.unmodifiableSortedMap(new TreeMap<>(customers));
            tooNew = Collections.unmodifiableSortedSet(new TreeSet<>(tooNew));
        }
    }

    /**
     * Every customer's calibration summary and mean repeat value.
     *
     * @param orders         the orders, any order; only purchases count
     * @param zone           the zone that decides a purchase's day
     * @param calibrationEnd the last day of the calibration period (later orders are not seen)
     * @param daysPerUnit    days per model time unit (7 for weeks)
     * @throws IllegalArgumentException if the purchases mix currencies
     */
    public static Summaries summarize(Iterable<Order> orders, ZoneId zone, LocalDate calibrationEnd,
                                      double daysPerUnit) {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Map<CustomerKey, List<Purchase>> purchases = new HashMap<>();
        Currency currency = null;
        for (Order o : orders) {
            Purchase p = Purchase.of(o, zone).orElse(null);
            if (p == null || p.date().isAfter(calibrationEnd)) {
                continue;
            }
            Currency c = o.netTotal().currency();
            if (currency == null) {
                currency = c;
            } else if (!currency.equals(c)) {
                throw new IllegalArgumentException("order " + o.id() + ": currency " + c.getCurrencyCode()
                        + " differs from " + currency.getCurrencyCode() + " of the earlier purchases");
            }
            purchases.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(p);
        }
        SortedMap<CustomerKey, History> customers = new TreeMap<>();
        SortedSet<CustomerKey> tooNew = new TreeSet<>();
        purchases.forEach((customer, list) -> {
            LocalDate first = list.stream().map(Purchase::date).min(LocalDate::compareTo).orElseThrow();
            if (!first.isBefore(calibrationEnd)) {
                tooNew.add(customer);
                return;
            }
            HoldoutSplit split = HoldoutSplit.of(list, calibrationEnd, calibrationEnd, daysPerUnit);
            customers.put(customer, new History(split.calibration(), split.meanRepeatValue()));
        });
        return new Summaries(customers, tooNew, Optional.ofNullable(currency));
    }

    /**
     * {@link #summarize} and then the BG/NBD and Gamma-Gamma fits and every customer's prediction over
     * {@code horizon} time units.
     *
     * @throws IllegalArgumentException if there is no repeat customer to fit the spend model to, a repeat customer's
     *                                  repeat purchases have no value (naming the customer), or the summaries
     *                                  cannot identify the models (see {@link BgNbd#fit} and {@link GammaGamma#fit})
     */
    public static Forecast forecast(Iterable<Order> orders, ZoneId zone, LocalDate calibrationEnd, double daysPerUnit,
                                    double horizon) {
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("horizon must be finite and > 0, got " + horizon);
        }
        Summaries s = summarize(orders, zone, calibrationEnd, daysPerUnit);
        if (s.customers().isEmpty()) {
            throw new IllegalArgumentException("no customer with a purchase before " + calibrationEnd
                    + ": nothing to fit");
        }
        List<Integer> x = new ArrayList<>();
        List<Double> z = new ArrayList<>();
        s.customers().forEach((customer, h) -> {
            if (h.summary().frequency() > 0) {
                double mean = h.meanRepeatValue().orElseThrow();
                // SpendData would name only an index into this list, which the caller never sees
                if (!(mean > 0)) {
                    throw new IllegalArgumentException("customer " + customer + ": mean repeat value " + mean
                            + "; the Gamma-Gamma spend model needs repeat purchases of positive value");
                }
                x.add(h.summary().frequency());
                z.add(mean);
            }
        });
        ModelFit<BgNbd> bg = BgNbd.fit(s.calibrationData());
        ModelFit<GammaGamma> gg = GammaGamma.fit(SpendData.of(x.stream().mapToInt(Integer::intValue).toArray(),
                z.stream().mapToDouble(Double::doubleValue).toArray()));
        SortedMap<CustomerKey, Prediction> predictions = new TreeMap<>();
        s.customers().forEach((customer, h) -> {
            CustomerSummary c = h.summary();
            double purchases = bg.model().expectedPurchases(horizon, c);
            double spend = gg.model().expectedAverageSpend(c.frequency(), h.meanRepeatValue().orElse(0));
            predictions.put(customer, new Prediction(h, bg.model().probabilityAlive(c), purchases, spend,
                    purchases * spend));
        });
        return new Forecast(bg, gg, horizon, predictions, s.tooNew());
    }
}
