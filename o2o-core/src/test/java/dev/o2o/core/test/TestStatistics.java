package dev.o2o.core.test;

/** Statistics that tests compare results with. Stateless, thread-safe. */
public final class TestStatistics {

    private TestStatistics() {
    }

    /** Pearson's correlation of two equally long samples (NaN when either is constant). */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("samples of " + a.length + " and " + b.length + " values");
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
