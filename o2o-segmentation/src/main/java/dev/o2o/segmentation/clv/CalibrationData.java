package dev.o2o.segmentation.clv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The calibration-period summaries of many customers, in column form, ready for fitting.
 *
 * <p>Customers with identical {@code (x, t_x, T)} contribute identical likelihood terms, so
 * the data is also held compressed as distinct rows with counts; fitting cost grows with the
 * number of distinct rows, not customers. Instances can be concatenated with
 * {@link #merge(CalibrationData)}, so partitions summarised separately can be fitted together.
 *
 * <p>Immutable and thread-safe.
 */
public final class CalibrationData {

    private final int[] x;
    private final double[] tx;
    private final double[] t;
    // distinct rows
    final int[] ux;
    final double[] utx;
    final double[] ut;
    final double[] weight;

    private CalibrationData(int[] x, double[] tx, double[] t) {
        if (x.length != tx.length || x.length != t.length) {
            throw new IllegalArgumentException("columns differ in length: frequency " + x.length + ", recency "
                    + tx.length + ", age " + t.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("calibration data is empty: at least one customer is needed");
        }
        for (int i = 0; i < x.length; i++) {
            CustomerSummary.check(x[i], tx[i], t[i], "customer at index " + i);
        }
        this.x = x;
        this.tx = tx;
        this.t = t;
        Map<Row, Integer> index = new HashMap<>();
        int[] gx = new int[x.length];
        double[] gtx = new double[x.length];
        double[] gt = new double[x.length];
        double[] w = new double[x.length];
        int groups = 0;
        for (int i = 0; i < x.length; i++) {
            Row key = new Row(x[i], tx[i], t[i]);
            Integer g = index.get(key);
            if (g == null) {
                g = groups++;
                index.put(key, g);
                gx[g] = x[i];
                gtx[g] = tx[i];
                gt[g] = t[i];
            }
            w[g]++;
        }
        this.ux = Arrays.copyOf(gx, groups);
        this.utx = Arrays.copyOf(gtx, groups);
        this.ut = Arrays.copyOf(gt, groups);
        this.weight = Arrays.copyOf(w, groups);
    }

    private record Row(int x, double tx, double t) {
    }

    /**
     * Data from columns (copied).
     *
     * @throws IllegalArgumentException for empty data, unequal lengths, or an invalid customer
     *                                  (naming its index and field)
     */
    public static CalibrationData of(int[] frequency, double[] recency, double[] age) {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(age, "age");
        return new CalibrationData(frequency.clone(), recency.clone(), age.clone());
    }

    /** Data from summaries. */
    public static CalibrationData of(List<CustomerSummary> customers) {
        Objects.requireNonNull(customers, "customers");
        int n = customers.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            CustomerSummary c = Objects.requireNonNull(customers.get(i), "customers[" + i + "]");
            x[i] = c.frequency();
            tx[i] = c.recency();
            t[i] = c.age();
        }
        return new CalibrationData(x, tx, t);
    }

    /**
     * Data given as distinct {@code (x, t_x, T)} rows with the number of customers of each, as a
     * distributed job collects them (o2o-spark counts customers per distinct row). The data holds
     * each row's customers one after another, so {@link #distinctRows()} keeps the rows in the
     * given order with the given counts as weights: give them in the order of their first
     * customer, and a fit equals the fit of {@link #of(List)} on the customers in that order.
     * Memory grows with the customers (the per-customer columns are kept), fitting cost with the rows.
     *
     * @param counts customers per row, each {@code >= 1}
     * @throws IllegalArgumentException for empty data, unequal lengths, a count below 1, more than
     *                                  {@code Integer.MAX_VALUE - 8} customers, or an invalid row
     */
    public static CalibrationData ofDistinct(int[] frequency, double[] recency, double[] age, long[] counts) {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(counts, "counts");
        if (counts.length != frequency.length || counts.length != recency.length || counts.length != age.length) {
            throw new IllegalArgumentException("columns differ in length: frequency " + frequency.length
                    + ", recency " + recency.length + ", age " + age.length + ", counts " + counts.length);
        }
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 1) {
                throw new IllegalArgumentException("count of row " + i + " must be >= 1, got " + counts[i]);
            }
            n += counts[i];
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than " + (Integer.MAX_VALUE - 8) + " customers");
            }
        }
        int[] x = new int[(int) n];
        double[] tx = new double[(int) n];
        double[] t = new double[(int) n];
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            for (long c = 0; c < counts[i]; c++, at++) {
                x[at] = frequency[i];
                tx[at] = recency[i];
                t[at] = age[i];
            }
        }
        return new CalibrationData(x, tx, t);
    }

    /** This data followed by {@code other}'s customers. */
    public CalibrationData merge(CalibrationData other) {
        int n = size() + other.size();
        int[] mx = Arrays.copyOf(x, n);
        double[] mtx = Arrays.copyOf(tx, n);
        double[] mt = Arrays.copyOf(t, n);
        System.arraycopy(other.x, 0, mx, size(), other.size());
        System.arraycopy(other.tx, 0, mtx, size(), other.size());
        System.arraycopy(other.t, 0, mt, size(), other.size());
        return new CalibrationData(mx, mtx, mt);
    }

    /** Number of customers. */
    public int size() {
        return x.length;
    }

    /** Number of distinct {@code (x, t_x, T)} rows. */
    public int distinctRows() {
        return ux.length;
    }

    /** The customer at {@code i}, in input order. */
    public CustomerSummary customer(int i) {
        return new CustomerSummary(x[i], tx[i], t[i]);
    }

    /** Repeat purchases of each customer (a copy). */
    public int[] frequency() {
        return x.clone();
    }

    /** Recency of each customer (a copy). */
    public double[] recency() {
        return tx.clone();
    }

    /** Age T of each customer (a copy). */
    public double[] age() {
        return t.clone();
    }

    int maxFrequency() {
        int m = 0;
        for (int v : ux) {
            m = Math.max(m, v);
        }
        return m;
    }

    double meanAge() {
        double s = 0;
        for (double v : t) {
            s += v;
        }
        return s / t.length;
    }
}
