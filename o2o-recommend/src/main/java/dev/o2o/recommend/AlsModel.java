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
 * rather than O(f³) per row. Factors start from a seeded uniform draw in [0, 0.01).
 *
 * <p>Fold-in of a new customer solves their system against the fitted item factors (exact
 * Cholesky; the system is f×f). Immutable and thread-safe after fitting; fitting runs the rows
 * of a half-sweep on the common fork-join pool.
 */
final class AlsModel extends AbstractModel {

    final int f;
    final float[] userFactors;
    final float[] itemFactors;
    private final double alpha;
    private final double lambda;
    private final double[] itemGram;
    /** Item vector norms for the pruned top-K search (serving only; see {@link NormBounds}). */
    private final NormBounds bounds;

    private AlsModel(Interactions data, Params p) {
        super("als", data);
        this.f = p.factors();
        this.alpha = p.alpha();
        this.lambda = p.lambda();
        int m = data.customerCount();
        int n = data.itemCount();
        SplittableRandom r = new SplittableRandom(p.seed());
        userFactors = new float[m * f];
        itemFactors = new float[n * f];
        for (int k = 0; k < userFactors.length; k++) {
            userFactors[k] = (float) (r.nextDouble() * 0.01);
        }
        for (int k = 0; k < itemFactors.length; k++) {
            itemFactors[k] = (float) (r.nextDouble() * 0.01);
        }
        for (int it = 0; it < p.iterations(); it++) {
            sweep(userFactors, itemFactors, m, data.rowPtr, data.rowItems, data.rowWeights, p.cgSteps());
            sweep(itemFactors, userFactors, n, data.colPtr, data.colCustomers, data.colWeights, p.cgSteps());
        }
        itemGram = gram(itemFactors, n);
        bounds = new NormBounds(itemFactors, n, f);
    }

    private double[] gram(float[] y, int rows) {
        double[] g = new double[f * f];
        for (int i = 0; i < rows; i++) {
            int o = i * f;
            for (int a = 0; a < f; a++) {
                double ya = y[o + a];
                int ga = a * f;
                for (int b = a; b < f; b++) {
                    g[ga + b] += ya * y[o + b];
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < a; b++) {
                g[a * f + b] = g[b * f + a];
            }
            g[a * f + a] += lambda;
        }
        return g;
    }

    /** Updates every row of x against fixed y, in parallel over rows. */
    private void sweep(float[] x, float[] y, int rows, int[] ptr, int[] idx, double[] w, int steps) {
        double[] yty = gram(y, y.length / f);
        double[] wide = widen(y, 0, y.length, new double[y.length]);
        java.util.stream.IntStream.range(0, (rows + 255) / 256).parallel().forEach(block -> {
            double[] buf = new double[5 * f];
            for (int u = block * 256; u < Math.min(rows, (block + 1) * 256); u++) {
                conjugateGradient(x, u, wide, yty, ptr, idx, w, steps, buf);
            }
        });
    }

    /**
     * {@code values[from, from + n)} as doubles into {@code out}: the float factors widened once,
     * exactly (a float times a double is computed in double anyway), so that one {@link Dot} serves.
     */
    private static double[] widen(float[] values, int from, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = values[from + i];
        }
        return out;
    }

    /** A·v = YᵀY v + λv (in yty) + Σ (c − 1) yᵢ (yᵢ·v) over the row's entries. */
    private void multiply(double[] yty, double[] y, int from, int to, int[] idx, double[] w, double[] v, int vo,
                          double[] out, int oo) {
        for (int a = 0; a < f; a++) {
            out[oo + a] = Dot.dot(yty, a * f, v, vo, f);
        }
        for (int p = from; p < to; p++) {
            int o = idx[p] * f;
            double dot = Dot.dot(y, o, v, vo, f);
            double c1 = alpha * w[p] * dot;
            for (int a = 0; a < f; a++) {
                out[oo + a] += c1 * y[o + a];
            }
        }
    }

    private void conjugateGradient(float[] x, int u, double[] y, double[] yty, int[] ptr, int[] idx, double[] w,
                                   int steps, double[] buf) {
        int from = ptr[u];
        int to = ptr[u + 1];
        int xo = u * f;
        // buf: [0,f) x, [f,2f) r, [2f,3f) p, [3f,4f) Ap
        for (int a = 0; a < f; a++) {
            buf[a] = x[xo + a];
        }
        multiply(yty, y, from, to, idx, w, buf, 0, buf, 3 * f);
        // r = b − A x, with b = Σ c yᵢ (p = 1)
        for (int a = 0; a < f; a++) {
            buf[f + a] = -buf[3 * f + a];
        }
        for (int p = from; p < to; p++) {
            double c = 1 + alpha * w[p];
            int o = idx[p] * f;
            for (int a = 0; a < f; a++) {
                buf[f + a] += c * y[o + a];
            }
        }
        double rr = 0;
        for (int a = 0; a < f; a++) {
            buf[2 * f + a] = buf[f + a];
            rr += buf[f + a] * buf[f + a];
        }
        for (int s = 0; s < steps && rr > 1e-20; s++) {
            multiply(yty, y, from, to, idx, w, buf, 2 * f, buf, 3 * f);
            double pap = 0;
            for (int a = 0; a < f; a++) {
                pap += buf[2 * f + a] * buf[3 * f + a];
            }
            if (!(pap > 0)) {
                break;
            }
            double step = rr / pap;
            double rrNew = 0;
            for (int a = 0; a < f; a++) {
                buf[a] += step * buf[2 * f + a];
                buf[f + a] -= step * buf[3 * f + a];
                rrNew += buf[f + a] * buf[f + a];
            }
            double beta = rrNew / rr;
            for (int a = 0; a < f; a++) {
                buf[2 * f + a] = buf[f + a] + beta * buf[2 * f + a];
            }
            rr = rrNew;
        }
        for (int a = 0; a < f; a++) {
            x[xo + a] = (float) buf[a];
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
            int o = h.items()[k] * f;
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
        double[] row = new double[f];
        for (int k = 0; k < count; k++) {
            out[k] = score(v, items[k], row);
        }
    }

    /** One item's score for a customer vector ({@code row}, scratch of length f, is not needed). */
    private double score(double[] v, int item, double[] row) {
        return Dot.dot(itemFactors, item * f, v, 0, f);
    }

    @Override
    boolean searchPruned(Customer customer, Query query, RuleHeap heap) {
        return bounds.search(this, customer.vector(), query, heap, this::score);
    }

    /**
     * Parameters.
     *
     * @param factors    latent dimensions, at least 1
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

    /** Dense Cholesky solve of a small SPD system (f×f), for fold-in. */
    static final class Cholesky {
        private Cholesky() {
        }

        static double[] solve(double[] a, double[] b, int n) {
            double[] l = Arrays.copyOf(a, a.length);
            for (int j = 0; j < n; j++) {
                double d = l[j * n + j];
                for (int k = 0; k < j; k++) {
                    d -= l[j * n + k] * l[j * n + k];
                }
                if (!(d > 0)) {
                    throw new IllegalStateException("fold-in system is not positive definite");
                }
                d = Math.sqrt(d);
                l[j * n + j] = d;
                for (int i = j + 1; i < n; i++) {
                    double s = l[i * n + j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i * n + k] * l[j * n + k];
                    }
                    l[i * n + j] = s / d;
                }
            }
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
    }
}
