package dev.o2o.recommend;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * EASE's closed form {@code B = I − P·diag(1/diag(P))} with {@code P = (XᵀX + λI)⁻¹}, computed in
 * whichever of two exact forms is cheaper.
 *
 * <ul>
 *   <li><b>Dual</b> (fewer customers than items, λ &gt; 0): by the Woodbury identity
 *       {@code λP = I − Xᵀ (λI + XXᵀ)⁻¹ X}. Only a customers × customers matrix is inverted; the rest
 *       is sparse × dense products. XᵀX has rank at most the number of customers, so when customers
 *       are few the n×n inverse does mostly redundant work: on MovieLens latest-small (610
 *       customers, 6,298 items) this is well under a second against over a minute (see
 *       benchmarks/RESULTS.md).</li>
 *   <li><b>Primal</b> (otherwise, and always for λ = 0, where the dual form divides by λ): EJML's
 *       Cholesky-based inverse of the SPD matrix {@code XᵀX + λI}.</li>
 * </ul>
 *
 * <p>B does not depend on P's scale, so the dual form keeps {@code λP} and never divides by λ.
 * Rows of the products run on the common fork-join pool; each output row is computed by one
 * thread in a fixed order, so the result does not depend on how rows are split. Stateless and
 * thread-safe.
 */
final class EaseFit {

    /** Which exact form computes P. */
    enum Form {
        /** {@code λP = I − Xᵀ (λI + XXᵀ)⁻¹ X}: cost about customers³ + nonzeros × items. */
        DUAL,
        /** {@code P = (XᵀX + λI)⁻¹}: cost about items³. */
        PRIMAL
    }

    /**
     * The largest weight of a pair. XᵀX sums the squares of up to 2<sup>31</sup> weights per entry
     * and its inverse holds their reciprocals: below 10<sup>100</sup> both stay far inside the
     * double range (squares overflow from about 10<sup>154</sup>, and the fit then failed as if λ
     * were too small).
     */
    static final double MAX_WEIGHT = 1e100;

    private EaseFit() {
    }

    /** The cheaper exact form: dual when there are fewer customers than items and λ > 0. */
    static Form choose(int customers, int items, double lambda) {
        return lambda > 0 && customers < items ? Form.DUAL : Form.PRIMAL;
    }

    /** B in row-major order (row j: weights from history item j to every item), diagonal zero. */
    static double[] weights(Interactions data, double lambda) {
        return weights(data, lambda, choose(data.customerCount(), data.itemCount(), lambda));
    }

    static double[] weights(Interactions data, double lambda, Form form) {
        int n = data.itemCount();
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("EASE needs a dense items × items matrix; " + n
                    + " items exceed the largest Java array (46,340 items)");
        }
        data.requireWeightsAtMost(MAX_WEIGHT, "EASE", " (XᵀX sums squared weights: beyond the limit they overflow a double)");
        double[] p = form == Form.DUAL ? scaledInverseDual(data, lambda) : inversePrimal(data, lambda);
        toWeights(p, n);
        return p;
    }

    /** {@code B_ji = −P_ji / P_ii}, {@code B_jj = 0}, in place. */
    private static void toWeights(double[] p, int n) {
        double[] negInvDiag = new double[n];
        for (int i = 0; i < n; i++) {
            negInvDiag[i] = -1.0 / p[i * n + i];
        }
        IntStream.range(0, n).parallel().forEach(j -> {
            int row = j * n;
            for (int i = 0; i < n; i++) {
                p[row + i] *= negInvDiag[i];
            }
            p[row + j] = 0.0;
        });
    }

    /** {@code (XᵀX + λI)⁻¹}, n×n row-major, by EJML's SPD inverse. */
    static double[] inversePrimal(Interactions data, double lambda) {
        return ridgedInverse(data.rowPtr, data.rowItems, data.rowWeights, data.itemCount(), lambda);
    }

    /**
     * {@code (Σ vvᵀ + λI)⁻¹} over the sparse vectors of {@link #sumOfOuterProducts}, size×size
     * row-major, by EJML's SPD inverse.
     */
    private static double[] ridgedInverse(int[] ptr, int[] idx, double[] w, int size, double lambda) {
        DMatrixRMaj g = new DMatrixRMaj(size, size);
        sumOfOuterProducts(ptr, idx, w, size, g.data);
        for (int i = 0; i < size; i++) {
            g.data[i * size + i] += lambda;
        }
        DMatrixRMaj inverse = new DMatrixRMaj(size, size);
        // EJML reports some failed decompositions only through infinite or NaN entries
        if (!CommonOps_DDRM.invertSPD(g, inverse) || !positiveFinite(inverse.data, size)) {
            throw notPositiveDefinite(lambda, w);
        }
        return inverse.data;
    }

    /**
     * {@code λ(XᵀX + λI)⁻¹ = I − Xᵀ K⁻¹ X} with {@code K = λI + XXᵀ} (customers × customers),
     * n×n row-major. Requires λ &gt; 0.
     */
    static double[] scaledInverseDual(Interactions data, double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("the dual EASE form needs lambda > 0: " + lambda);
        }
        int m = data.customerCount();
        int n = data.itemCount();
        double[] ki = ridgedInverse(data.colPtr, data.colCustomers, data.colWeights, m, lambda);
        // W = K⁻¹ X (m × n dense): row c gathers K⁻¹[c, c'] times customer c''s sparse row
        double[] w = new double[m * n];
        IntStream.range(0, m).parallel().forEach(c -> {
            int wo = c * n;
            int ko = c * m;
            for (int c2 = 0; c2 < m; c2++) {
                double a = ki[ko + c2];
                for (int q = data.rowPtr[c2]; q < data.rowPtr[c2 + 1]; q++) {
                    w[wo + data.rowItems[q]] += a * data.rowWeights[q];
                }
            }
        });
        // I − Xᵀ W: row j sums whole rows of W over item j's customers (contiguous axpy, vectorises)
        double[] out = new double[n * n];
        IntStream.range(0, n).parallel().forEach(j -> {
            int oo = j * n;
            for (int q = data.colPtr[j]; q < data.colPtr[j + 1]; q++) {
                double x = -data.colWeights[q];
                int wo = data.colCustomers[q] * n;
                for (int i = 0; i < n; i++) {
                    out[oo + i] += x * w[wo + i];
                }
            }
            out[oo + j] += 1.0;
        });
        return out;
    }

    /**
     * Σ over the sparse vectors {@code (idx, w)[ptr[v], ptr[v+1])} of their outer products, into the
     * size×size row-major {@code a}; each vector's indices ascend, so only the upper triangle is
     * accumulated and then mirrored.
     */
    private static void sumOfOuterProducts(int[] ptr, int[] idx, double[] w, int size, double[] a) {
        for (int v = 0; v + 1 < ptr.length; v++) {
            int from = ptr[v];
            int to = ptr[v + 1];
            for (int p = from; p < to; p++) {
                int row = idx[p] * size;
                double wp = w[p];
                for (int q = p; q < to; q++) {
                    a[row + idx[q]] += wp * w[q];
                }
            }
        }
        mirrorUpper(a, size);
    }

    /** Copies the upper triangle onto the lower. */
    private static void mirrorUpper(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[j * n + i] = a[i * n + j];
            }
        }
    }

    /** Every entry finite and the diagonal positive, as the inverse of an SPD matrix must be. */
    private static boolean positiveFinite(double[] p, int n) {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!(p[i * n + i] > 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * With λ > 0 the matrix is positive definite in exact arithmetic; in double it is singular when
     * λ is negligible beside the squared weights of collinear items, so the message names the
     * largest weight rather than only asking for λ > 0.
     */
    private static IllegalArgumentException notPositiveDefinite(double lambda, double[] weights) {
        if (!(lambda > 0)) {
            return new IllegalArgumentException("EASE: XᵀX + λI is not positive definite for lambda " + lambda
                    + " (use lambda > 0 when items are collinear)");
        }
        double largest = 0;
        for (double v : weights) {
            largest = Math.max(largest, v);
        }
        return new IllegalArgumentException("EASE: XᵀX + λI is not positive definite for lambda " + lambda
                + " (the largest weight is " + largest + ": collinear items need a lambda that is not negligible"
                + " beside the squared weights; use a larger lambda or smaller weights)");
    }
}
