package dev.o2o.segmentation.rfm;

import dev.o2o.core.CustomerKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * Recency, frequency and monetary value of many customers, in columns of primitive arrays.
 *
 * <p>Recency is in days since the last purchase (smaller is better), frequency a number of
 * purchases, monetary a spend in currency units (a ranking statistic, not an amount to book;
 * exact totals stay in {@link dev.o2o.core.Money} in {@link CustomerRfm}). Customer keys are
 * optional: large tables may be keyed by array index alone.
 *
 * <p>Immutable and thread-safe (arrays are copied in and out; {@link #of(int, IntToDoubleFunction,
 * IntToDoubleFunction, IntToDoubleFunction)} fills the table's own columns without an intermediate copy).
 */
public final class RfmTable {

    final double[] recency;
    final double[] frequency;
    final double[] monetary;
    private final List<CustomerKey> keys;

    private RfmTable(double[] recency, double[] frequency, double[] monetary, List<CustomerKey> keys) {
        this(recency, frequency, monetary, keys, true);
    }

    private RfmTable(double[] recency, double[] frequency, double[] monetary, List<CustomerKey> keys,
                     boolean validate) {
        if (recency.length != frequency.length || recency.length != monetary.length) {
            throw new IllegalArgumentException("columns differ in length: recency " + recency.length + ", frequency "
                    + frequency.length + ", monetary " + monetary.length);
        }
        if (recency.length == 0) {
            throw new IllegalArgumentException("RFM table is empty: at least one customer is needed");
        }
        if (keys != null && keys.size() != recency.length) {
            throw new IllegalArgumentException(keys.size() + " keys for " + recency.length + " customers");
        }
        for (int i = 0; validate && i < recency.length; i++) {
            check(i, recency[i], frequency[i], monetary[i]);
        }
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
        this.keys = keys;
    }

    private static void check(int i, double recency, double frequency, double monetary) {
        if (!(recency >= 0) || !Double.isFinite(recency)) {
            throw new IllegalArgumentException("recency of customer at index " + i
                    + " must be finite and >= 0 days, got " + recency);
        }
        if (!(frequency >= 0) || !Double.isFinite(frequency)) {
            throw new IllegalArgumentException("frequency of customer at index " + i
                    + " must be finite and >= 0, got " + frequency);
        }
        if (!Double.isFinite(monetary)) {
            throw new IllegalArgumentException("monetary of customer at index " + i + " must be finite, got "
                    + monetary);
        }
    }

    /** A table from columns (copied), keyed by index. */
    public static RfmTable of(double[] recencyDays, double[] frequency, double[] monetary) {
        Objects.requireNonNull(recencyDays, "recencyDays");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
        return new RfmTable(recencyDays.clone(), frequency.clone(), monetary.clone(), null);
    }

    /**
     * A table of {@code size} customers, keyed by index, whose values are those of the functions
     * at each index {@code 0..size-1}, called once per index in order. For callers that aggregate
     * in columns of their own (days as {@code long}, counts as {@code int}, spend in cents): the
     * values go straight into the table's columns, which are its only copy, so that building
     * costs one pass and no intermediate {@code double[]} (of 10 million customers: one write of
     * 240 MB instead of two, see {@code RfmBenchmark}).
     *
     * @throws IllegalArgumentException if {@code size < 1} or a value is invalid (as for
     *                                  {@link #of(double[], double[], double[])}), naming the index
     */
    public static RfmTable of(int size, IntToDoubleFunction recencyDays, IntToDoubleFunction frequency,
                              IntToDoubleFunction monetary) {
        Objects.requireNonNull(recencyDays, "recencyDays");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
        if (size < 1) {
            throw new IllegalArgumentException("RFM table is empty: at least one customer is needed, size " + size);
        }
        double[] r = new double[size];
        double[] f = new double[size];
        double[] m = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = recencyDays.applyAsDouble(i);
            f[i] = frequency.applyAsDouble(i);
            m[i] = monetary.applyAsDouble(i);
            check(i, r[i], f[i], m[i]);
        }
        return new RfmTable(r, f, m, null, false);
    }

    /** A table from per-customer values, keyed by customer. */
    public static RfmTable of(List<CustomerRfm> customers) {
        Objects.requireNonNull(customers, "customers");
        int n = customers.size();
        double[] r = new double[n];
        double[] f = new double[n];
        double[] m = new double[n];
        CustomerKey[] k = new CustomerKey[n];
        for (int i = 0; i < n; i++) {
            CustomerRfm c = Objects.requireNonNull(customers.get(i), "customers[" + i + "]");
            if (!c.monetary().currency().equals(customers.get(0).monetary().currency())) {
                throw new IllegalArgumentException("monetary of " + c.customer() + " is in "
                        + c.monetary().currency().getCurrencyCode() + ", of " + customers.get(0).customer() + " in "
                        + customers.get(0).monetary().currency().getCurrencyCode() + "; convert to one currency first");
            }
            r[i] = c.recencyDays();
            f[i] = c.frequency();
            m[i] = c.monetary().amount().doubleValue();
            k[i] = c.customer();
        }
        return new RfmTable(r, f, m, List.of(k));
    }

    /** Number of customers. */
    public int size() {
        return recency.length;
    }

    /** The key of the customer at {@code index}, if the table is keyed. */
    public Optional<CustomerKey> key(int index) {
        Objects.checkIndex(index, size());
        return keys == null ? Optional.empty() : Optional.of(keys.get(index));
    }

    /** Recency in days (a copy). */
    public double[] recencyDays() {
        return recency.clone();
    }

    /** Frequency (a copy). */
    public double[] frequency() {
        return frequency.clone();
    }

    /** Monetary value (a copy). */
    public double[] monetary() {
        return monetary.clone();
    }
}
