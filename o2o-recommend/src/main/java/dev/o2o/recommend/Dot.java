package dev.o2o.recommend;

/**
 * Dot products with four independent accumulators. A single running sum makes every addition
 * wait for the previous one (floating-point latency), and the JIT may not reorder it; four
 * partial sums let four additions run at once. The ALS benchmark (fit and scoring are dot
 * products of length f) is what this buys; the result differs from a left-to-right sum only by
 * rounding. Stateless and thread-safe.
 */
final class Dot {

    private Dot() {
    }

    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The same sum with {@code a} in float: each product is {@code (double) a[k] * b[k]}, exactly
     * what {@link #dot(double[], int, double[], int, int)} computes on a widened copy of a, in the
     * same order, so the result is identical without the copy.
     */
    static double dot(float[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
