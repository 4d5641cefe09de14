package dev.o2o.examples.cli;

import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.segmentation.rfm.RfmTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-customer RFM aggregates of a stream of orders, in primitive columns: the last purchase
 * day, the number of purchases and the spend in minor units, so that {@code o2o rfm} holds one
 * row per customer instead of every order (10 million orders are about 2 million rows).
 *
 * <p>The rules are those of {@link dev.o2o.segmentation.rfm.RfmSummarizer} with
 * {@link dev.o2o.segmentation.rfm.RfmOptions#window}: orders before the end (exclusive) that are
 * purchases count, spend is net of refunds, recency in whole days of the zone. One currency per
 * file (the RFM table needs one); a spend beyond a {@code long} of minor units is refused. Not
 * thread-safe.
 */
final class RfmColumns {

    private final ZoneId zone;
    /** Exclusive end of the window, or null for every order (the end is then the day after the last). */
    private final Instant end;
    private final Map<String, Integer> rowOf = new HashMap<>();
    private String[] key = new String[1 << 16];
    private long[] lastDay = new long[1 << 16];
    private int[] count = new int[1 << 16];
    private long[] spend = new long[1 << 16];
    private int size;
    private Currency currency;
    private Instant first = Instant.MAX;
    private Instant last = Instant.MIN;

    RfmColumns(ZoneId zone, Instant end) {
        this.zone = zone;
        this.end = end;
    }

    /**
     * Adds one order (every order counts toward the first and last instant of the data).
     *
     * @throws OrdersInput.Refused if its currency differs from the earlier purchases' or the spend overflows
     */
    void add(Order o) {
        Instant at = o.instant();
        first = at.isBefore(first) ? at : first;
        last = at.isAfter(last) ? at : last;
        if (end != null && !at.isBefore(end) || !o.status().isPurchase()) {
            return;
        }
        Money value = o.netTotal();
        if (currency == null) {
            currency = value.currency();
        } else if (!currency.equals(value.currency())) {
            throw new OrdersInput.Refused("currency: " + value.currency().getCurrencyCode() + ", earlier purchases in "
                    + currency.getCurrencyCode() + "; RFM compares spend in one currency: convert first");
        }
        long minor;
        try {
            minor = value.amount().unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new OrdersInput.Refused("net total " + value.amount().toString().length() + " digits long is beyond "
                    + "the spend RFM can sum (" + Long.MAX_VALUE + " minor units)");
        }
        int row = rowOf.computeIfAbsent(o.customer().value(), this::newRow);
        long day = LocalDate.ofInstant(at, zone).toEpochDay();
        lastDay[row] = Math.max(lastDay[row], day);
        count[row]++;
        try {
            spend[row] = Math.addExact(spend[row], minor);
        } catch (ArithmeticException e) {
            throw new OrdersInput.Refused("the spend of this order's customer exceeds " + Long.MAX_VALUE
                    + " minor units");
        }
    }

    private int newRow(String customer) {
        if (size == key.length) {
            int n = size + (size >> 1);
            key = Arrays.copyOf(key, n);
            lastDay = Arrays.copyOf(lastDay, n);
            count = Arrays.copyOf(count, n);
            spend = Arrays.copyOf(spend, n);
        }
        key[size] = customer;
        lastDay[size] = Long.MIN_VALUE;
        return size++;
    }

    /** First instant of any order read; {@link Instant#MAX} when none was. */
    Instant first() {
        return first;
    }

    /** Last instant of any order read; {@link Instant#MIN} when none was. */
    Instant last() {
        return last;
    }

    /** Customers with a purchase. */
    int size() {
        return size;
    }

    /**
     * The customers sorted by key (as {@code RfmSummarizer.result()} orders them), their recency up
     * to {@code endDay} and their spend at the currency's scale. Frees the key index.
     */
    Sorted sorted(LocalDate endDay) {
        String[] keys = Arrays.copyOf(key, size);
        Arrays.sort(keys);
        int[] row = new int[size];
        for (int i = 0; i < size; i++) {
            row[i] = rowOf.get(keys[i]);
        }
        rowOf.clear();
        long endEpochDay = endDay.toEpochDay();
        long[] recency = new long[size];
        int[] frequency = new int[size];
        long[] minor = new long[size];
        for (int i = 0; i < size; i++) {
            recency[i] = Math.max(0, endEpochDay - lastDay[row[i]]);
            frequency[i] = count[row[i]];
            minor[i] = spend[row[i]];
        }
        key = null;
        lastDay = null;
        count = null;
        spend = null;
        return new Sorted(keys, recency, frequency, minor, Money.scaleOf(currency));
    }

    /** One row per customer, sorted by key. */
    record Sorted(String[] keys, long[] recencyDays, int[] frequency, long[] minorUnits, int scale) {

        /** Spend at the currency's scale, as {@code Money.amount()} would print it. */
        BigDecimal monetary(int i) {
            return BigDecimal.valueOf(minorUnits[i], scale);
        }

        /**
         * The RFM table, built straight from the columns. Monetary is the double nearest to the exact
         * spend, as {@code BigDecimal.doubleValue()} gives it: a division of two exact doubles is
         * correctly rounded while the minor units are below 2^53.
         */
        RfmTable table() {
            double unit = BigDecimal.ONE.scaleByPowerOfTen(scale).doubleValue();
            return RfmTable.of(keys.length, i -> recencyDays[i], i -> frequency[i],
                    i -> Math.abs(minorUnits[i]) < (1L << 53) ? minorUnits[i] / unit : monetary(i).doubleValue());
        }
    }
}
