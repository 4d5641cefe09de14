package dev.o2o.segmentation.clv;

import java.util.Objects;

/**
 * Repeat customers' spend for the {@link GammaGamma} model: per customer the number of repeat
 * purchases {@code x >= 1} and the mean value {@code zbar > 0} of those purchases, in currency
 * units (a statistical input, not an amount to book). Customers without repeat purchases carry
 * no spend information for the model and must be left out by the caller; they are refused
 * rather than silently dropped.
 *
 * <p>Immutable and thread-safe.
 */
public final class SpendData {

    final int[] x;
    final double[] zbar;

    private SpendData(int[] x, double[] zbar) {
        if (x.length != zbar.length) {
            throw new IllegalArgumentException("columns differ in length: frequency " + x.length + ", mean value "
                    + zbar.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("spend data is empty: at least one repeat customer is needed");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 1) {
                throw new IllegalArgumentException("customer at index " + i + ": frequency must be >= 1 for the"
                        + " spend model (leave out customers without repeat purchases), got " + x[i]);
            }
            if (!(zbar[i] > 0) || !Double.isFinite(zbar[i])) {
                throw new IllegalArgumentException("customer at index " + i + ": mean value must be finite and > 0, got "
                        + zbar[i]);
            }
        }
        this.x = x;
        this.zbar = zbar;
    }

    /** Data from columns (copied). */
    public static SpendData of(int[] frequency, double[] meanValue) {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(meanValue, "meanValue");
        return new SpendData(frequency.clone(), meanValue.clone());
    }

    /** Number of customers. */
    public int size() {
        return x.length;
    }
}
