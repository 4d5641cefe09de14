package dev.o2o.examples.cli;

import dev.o2o.core.Money;
import dev.o2o.core.io.OrderFact;
import dev.o2o.segmentation.rfm.RfmTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.function.IntFunction;

/**
 * Per-customer RFM aggregates of a stream of orders, in primitive columns: the last purchase
 * day, the number of purchases and the spend in minor units, so that {@code o2o rfm} holds one
 * row per customer instead of every order (10 million orders are about 2 million rows).
 *
 * <p>The rules are those of {@link dev.o2o.segmentation.rfm.RfmSummarizer} with
 * {@link dev.o2o.segmentation.rfm.RfmOptions#window}: orders before the end (exclusive) that are
 * purchases count, spend is net of refunds, recency in whole days of the zone. One currency per
 * file (the RFM table needs one); a spend beyond a {@code long} of minor units is refused.
 * Customers come numbered by the reader ({@link OrderFact#customer()}), so a row is found by
 * an array index, not a map of keys. Not thread-safe.
 */
final class RfmColumns {

    private final ZoneId zone;
    /** Exclusive end of the window, or null for every order (the end is then the day after the last). */
    private final Instant end;
    /** Per customer number: its row plus one, 0 while it has no purchase. */
    private int[] rowOf = new int[1 << 16];
    private int[] customer = new int[1 << 16];
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
    void add(OrderFact o) {
        Instant at = o.instant();
        first = at.isBefore(first) ? at : first;
        last = at.isAfter(last) ? at : last;
        if (end != null && !at.isBefore(end) || !o.status().isPurchase()) {
            return;
        }
        if (currency == null) {
            currency = o.currency();
        } else if (!currency.equals(o.currency())) {
            throw new OrdersInput.Refused("currency: " + o.currency().getCurrencyCode() + ", earlier purchases in "
                    + currency.getCurrencyCode() + "; RFM compares spend in one currency: convert first");
        }
        int row = row(o.customer());
        long day = LocalDate.ofInstant(at, zone).toEpochDay();
        lastDay[row] = Math.max(lastDay[row], day);
        count[row]++;
        try {
            spend[row] = Math.addExact(spend[row], o.netMinorUnits());
        } catch (ArithmeticException e) {
            throw new OrdersInput.Refused("the spend of this order's customer exceeds " + Long.MAX_VALUE
                    + " minor units");
        }
    }

    private int row(int c) {
        if (c >= rowOf.length) {
            rowOf = Arrays.copyOf(rowOf, Math.max(c + 1, rowOf.length + (rowOf.length >> 1)));
        }
        if (rowOf[c] != 0) {
            return rowOf[c] - 1;
        }
        if (size == lastDay.length) {
            int n = size + (size >> 1);
            customer = Arrays.copyOf(customer, n);
            lastDay = Arrays.copyOf(lastDay, n);
            count = Arrays.copyOf(count, n);
            spend = Arrays.copyOf(spend, n);
        }
        customer[size] = c;
        lastDay[size] = Long.MIN_VALUE;
        rowOf[c] = size + 1;
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

    /** A customer's key and row, for sorting by key. */
    private record Keyed(String key, int row) {
    }

    /**
     * The customers sorted by key (as {@code RfmSummarizer.result()} orders them), their recency up
     * to {@code endDay} and their spend at the currency's scale; {@code keyOf} gives a customer
     * number's key. Frees the columns.
     */
    Sorted sorted(LocalDate endDay, IntFunction<String> keyOf) {
        Keyed[] byKey = new Keyed[size];
        for (int i = 0; i < size; i++) {
            byKey[i] = new Keyed(keyOf.apply(customer[i]), i);
        }
        Arrays.sort(byKey, Comparator.comparing(Keyed::key));
        rowOf = null;
        customer = null;
        long endEpochDay = endDay.toEpochDay();
        String[] keys = new String[size];
        long[] recency = new long[size];
        int[] frequency = new int[size];
        long[] minor = new long[size];
        for (int i = 0; i < size; i++) {
            int row = byKey[i].row();
            keys[i] = byKey[i].key();
            recency[i] = Math.max(0, endEpochDay - lastDay[row]);
            frequency[i] = count[row];
            minor[i] = spend[row];
        }
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
