package dev.o2o.segmentation.rfm;

import dev.o2o.core.CustomerKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recency, frequency and monetary value of many customers, in columns of primitive arrays.
 *
 * <p>Recency is in days since the last purchase (smaller is better), frequency a number of
 * purchases, monetary a spend in currency units (a ranking statistic, not an amount to book;
 * exact totals stay in {@link dev.o2o.core.Money} in {@link CustomerRfm}). Customer keys are
 * optional: large tables may be keyed by array index alone.
 *
 * <p>Immutable and thread-safe (arrays are copied in and out).
 */
public final class RfmTable {

    final double[] recency;
    final double[] frequency;
    final double[] monetary;
    private final List<CustomerKey> keys;

    private RfmTable(double[] recency, double[] frequency, double[] monetary, List<CustomerKey> keys) {
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
        for (int i = 0; i < recency.length; i++) {
            if (!(recency[i] >= 0) || !Double.isFinite(recency[i])) {
                throw new IllegalArgumentException("recency of customer at index " + i
                        + " must be finite and >= 0 days, got " + recency[i]);
            }
            if (!(frequency[i] >= 0) || !Double.isFinite(frequency[i])) {
                throw new IllegalArgumentException("frequency of customer at index " + i
                        + " must be finite and >= 0, got " + frequency[i]);
            }
            if (!Double.isFinite(monetary[i])) {
                throw new IllegalArgumentException("monetary of customer at index " + i + " must be finite, got "
                        + monetary[i]);
            }
        }
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
        this.keys = keys;
    }

    /** A table from columns (copied), keyed by index. */
    public static RfmTable of(double[] recencyDays, double[] frequency, double[] monetary) {
        Objects.requireNonNull(recencyDays, "recencyDays");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
        return new RfmTable(recencyDays.clone(), frequency.clone(), monetary.clone(), null);
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
