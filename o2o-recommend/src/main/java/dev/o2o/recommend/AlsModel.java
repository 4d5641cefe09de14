package dev.o2o.recommend;

import dev.o2o.recommend.Interactions.History;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Implicit ALS (Hu, Koren and Volinsky, ICDM 2008): preference p = 1 for observed pairs,
 * confidence c = 1 + α·r, minimising Σ c (p − xᵤ·yᵢ)² + λ(Σ|xᵤ|² + Σ|yᵢ|²) by alternating
 * least squares. Each least-squares system {@code (YᵀY + Yᵀ(Cᵤ − I)Y + λI) xᵤ = YᵀCᵤpᵤ} is solved
 * approximately by a few conjugate-gradient steps warm-started from the previous factors
 * (Takács, Pilászy and Tikk, RecSys 2011), so a sweep costs O(f² (m + n) + f·nnz) per step
 * rather than O(f³) per row ({@link AlsFit}). Factors start from a seeded uniform draw in [0, 0.01).
 *
 * <p>Fold-in of a new customer solves their system against the fitted item factors (exact
 * Cholesky; the system is f×f). Immutable and thread-safe after fitting; fitting runs the rows
 * of a half-sweep on the common fork-join pool.
 */
final class AlsModel extends AbstractModel {

    /** 2: item rows are stored in {@link NormBounds}' rank order (1, the computed default, was item order). */
    private static final long serialVersionUID = 2L;

    /** The largest array length every JVM allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The largest confidence α·w of a pair. The conjugate-gradient steps multiply a confidence by a
     * dot product with a search direction that is itself of the order of the confidences, and round
     * the product to float: around 10<sup>19</sup> it overflows (float's maximum is 3.4·10<sup>38</sup>)
     * and the fit collapses. 10<sup>12</sup> leaves room for rows of many such entries.
     */
    static final double MAX_CONFIDENCE = 1e12;

    final int f;
    final float[] userFactors;
    /**
     * Item factors, f per item. Item order while fitting; after the constructor, in the rank order
     * of {@link #bounds} (decreasing norm), so item i's row starts at {@code bounds.offset(i)}.
     */
    final float[] itemFactors;
    private final double alpha;
    private final double lambda;
    private final double[] itemGram;
    /** Item vector norms and the row order for the pruned top-K search (see {@link NormBounds}). */
    private final NormBounds bounds;

    private AlsModel(Interactions data, Params p) {
        super("als", data);
        this.f = p.factors();
        this.alpha = p.alpha();
        this.lambda = p.lambda();
        int m = data.customerCount();
        int n = data.itemCount();
        requireArray(m, "customers", f);
        requireArray(n, "items", f);
        if (alpha > 0) {
            data.requireWeightsAtMost(MAX_CONFIDENCE / alpha, "iALS", " (the confidence alpha·weight must be at most"
                    + " 1e12, alpha is " + alpha + ": beyond it the solver's float products overflow)");
        }
        SplittableRandom r = new SplittableRandom(p.seed());
        userFactors = new float[m * f];
        itemFactors = new float[n * f];
        for (int k = 0; k < userFactors.length; k++) {
            userFactors[k] = (float) (r.nextDouble() * 0.01);
        }
        for (int k = 0; k < itemFactors.length; k++) {
            itemFactors[k] = (float) (r.nextDouble() * 0.01);
        }
        AlsFit fit = new AlsFit(f, alpha, p.cgSteps());
        for (int it = 0; it < p.iterations(); it++) {
            fit.sweep(userFactors, itemFactors, m, data.rowPtr, data.rowItems, data.rowWeights, lambda);
            fit.sweep(itemFactors, userFactors, n, data.colPtr, data.colCustomers, data.colWeights, lambda);
        }
        itemGram = AlsFit.gram(itemFactors, n, f, lambda);
        bounds = new NormBounds(itemFactors, n, f); // reorders itemFactors in place
    }

    /** Refuses {@code rows × f} factors that do not fit in one float array (the int product would wrap). */
    private static void requireArray(int rows, String what, int f) {
        long size = (long) rows * f;
        if (size > MAX_ARRAY) {
            throw new IllegalArgumentException("iALS: " + rows + " " + what + " × " + f + " factors = " + size
                    + " floats exceed the largest Java array; use fewer factors");
        }
    }

    @Override
    Customer customer(int index) {
        double[] v = new double[f];
        for (int a = 0; a < f; a++) {
            v[a] = userFactors[index * f + a];
        }
        return new Customer(index, data.history(index), v);
    }

    @Override
    Customer foldIn(History h) {
        // exact solve of (YᵀY + λI + Σ (c−1) yᵢyᵢᵀ) x = Σ c yᵢ by Cholesky
        double[] a = itemGram.clone();
        double[] b = new double[f];
        for (int k = 0; k < h.items().length; k++) {
            int o = bounds.offset(h.items()[k]);
            double c = 1 + alpha * h.weights()[k];
            for (int i = 0; i < f; i++) {
                double yi = itemFactors[o + i];
                b[i] += c * yi;
                for (int j = 0; j < f; j++) {
                    a[i * f + j] += (c - 1) * yi * itemFactors[o + j];
                }
            }
        }
        return new Customer(-1, h, Cholesky.solve(a, b, f));
    }

    @Override
    void scoreAll(Customer customer, double[] out) {
        int[] all = new int[out.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        scoreItems(customer, all, all.length, out);
    }

    @Override
    void scoreItems(Customer customer, int[] items, int count, double[] out) {
        double[] v = customer.vector();
        for (int k = 0; k < count; k++) {
            out[k] = scoreRow(v, bounds.offset(items[k]));
        }
    }

    /** The score of the item row at {@code offset}: the one kernel of every iALS score. */
    private double scoreRow(double[] v, int offset) {
        return RowDot.dot(itemFactors, offset, v, f);
    }

    @Override
    boolean searchPruned(Customer customer, Query query, RuleHeap heap) {
        return bounds.search(this, customer.vector(), query, heap, this::scoreRow);
    }

    /**
     * Parameters.
     *
     * @param factors    latent dimensions, from 1 to 46,340 (the f×f Gram matrix is one array)
     * @param alpha      confidence slope α ≥ 0 (c = 1 + α·r)
     * @param lambda     L2 weight λ > 0
     * @param iterations alternating sweeps, at least 1
     * @param cgSteps    conjugate-gradient steps per row and sweep, at least 1
     * @param seed       seed of the initial factors
     */
    record Params(int factors, double alpha, double lambda, int iterations, int cgSteps, long seed) {
        Params {
            if (factors < 1 || iterations < 1 || cgSteps < 1) {
                throw new IllegalArgumentException("factors, iterations and cgSteps must be at least 1: "
                        + factors + ", " + iterations + ", " + cgSteps);
            }
            if ((long) factors * factors > MAX_ARRAY) {
                throw new IllegalArgumentException("factors must be at most 46340 (f × f must fit in a Java array): "
                        + factors);
            }
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0: " + alpha);
            }
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and > 0: " + lambda);
            }
        }
    }

    record Algorithm(Params params0) implements Recommender {
        @Override
        public String name() {
            return "als";
        }

        @Override
        public Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("factors", params0.factors());
            p.put("alpha", params0.alpha());
            p.put("lambda", params0.lambda());
            p.put("iterations", params0.iterations());
            p.put("cgSteps", params0.cgSteps());
            p.put("seed", params0.seed());
            return p;
        }

        @Override
        public Model fit(Interactions interactions) {
            return new AlsModel(java.util.Objects.requireNonNull(interactions, "interactions"), params0);
        }
    }

    /**
     * Dense Cholesky of a small SPD matrix (f×f, row-major): the solve of fold-in, and the factor
     * {@code L} and its inverse that {@link AlsFit} changes variables with.
     */
    static final class Cholesky {
        private Cholesky() {
        }

        /** The solution of {@code a·x = b}. */
        static double[] solve(double[] a, double[] b, int n) {
            double[] l = factor(a, n, "fold-in system");
            double[] z = b.clone();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < i; k++) {
                    z[i] -= l[i * n + k] * z[k];
                }
                z[i] /= l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                for (int k = i + 1; k < n; k++) {
                    z[i] -= l[k * n + i] * z[k];
                }
                z[i] /= l[i * n + i];
            }
            return z;
        }

        /**
         * The lower-triangular L with {@code a = L·Lᵀ} (zeros above the diagonal).
         *
         * @throws IllegalStateException naming {@code what} when a is not (numerically) positive definite
         */
        static double[] factor(double[] a, int n, String what) {
            double[] l = new double[n * n];
            for (int j = 0; j < n; j++) {
                double d = a[j * n + j];
                for (int k = 0; k < j; k++) {
                    d -= l[j * n + k] * l[j * n + k];
                }
                if (!(d > 0)) {
                    throw new IllegalStateException(what + " is not positive definite (pivot " + j + " is " + d + ")");
                }
                d = Math.sqrt(d);
                l[j * n + j] = d;
                for (int i = j + 1; i < n; i++) {
                    double s = a[i * n + j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i * n + k] * l[j * n + k];
                    }
                    l[i * n + j] = s / d;
                }
            }
            return l;
        }

        /** {@code L⁻¹} of a lower-triangular L with a positive diagonal: lower-triangular too. */
        static double[] invertLower(double[] l, int n) {
            double[] m = new double[n * n];
            for (int j = 0; j < n; j++) {
                // column j of L⁻¹ by forward substitution of the unit vector e_j
                m[j * n + j] = 1 / l[j * n + j];
                for (int i = j + 1; i < n; i++) {
                    double s = 0;
                    for (int k = j; k < i; k++) {
                        s -= l[i * n + k] * m[k * n + j];
                    }
                    m[i * n + j] = s / l[i * n + i];
                }
            }
            return m;
        }
    }
}
