package dev.o2o.recommend;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * An int8 copy of iALS's item factors that gives every item an upper bound of its score for one
 * customer vector, reading f bytes instead of f floats and using integer arithmetic: the norm
 * search ({@link NormBounds}) asks it about each item it visits and scores exactly only the items
 * whose bound can still reach the list.
 *
 * <p><b>What it buys.</b> On the 50,000-item benchmark the norm search visits about 1,500 items
 * for a top-10, and their exact dot products (64 floats widened to double) were most of the query
 * (see benchmarks/RESULTS.md, "recommend iALS serving (alstop)"). Memory: f bytes and two doubles
 * per item (80 bytes for 64 factors, a third of the float factors); the copy is not serialized but
 * rebuilt from the factors when a model is read back (o2o-spark broadcasts models).
 *
 * <p><b>Quantisation.</b> Item i has scale {@code s_i = max_a |y_ia| / 127} and codes
 * {@code q_ia = round(y_ia / s_i)} in [−127, 127]; {@code e_i} bounds {@code |y_i − s_i q_i|₂}
 * (measured, then widened for its own rounding). A customer vector v gets a unit
 * {@code g = max_a |v_a| / K} and integer coefficients {@code k_a = round(v_a / g)}, with K chosen
 * so that {@code Σ_a |k_a|·127 ≤ 2³⁰}: the integer {@code A_i = Σ_a k_a q_ia} is exact.
 *
 * <p><b>The bound (why the lists stay exact).</b> With {@code c_a = v_a − g k_a} and
 * {@code d_i = y_i − s_i q_i}: {@code v·y_i = s_i g A_i + s_i Σ_a c_a q_ia + v·d_i}, so
 * {@code |v·y_i − s_i g A_i| ≤ 127 s_i Σ_a |c_a| + |v|₂ e_i}. The model's computed score (a double
 * dot product of f terms) differs from {@code v·y_i} by at most {@code (f+2)·2⁻⁵² |v|₂ |y_i|₂};
 * {@link Probe#upper} adds this, the rounding of {@code s_i g A_i} and a margin for the rounding of
 * the bound itself, so it is never below the computed score. Not used (the norm search scores as
 * before) when a factor is not finite.
 *
 * <p>Immutable after construction (and after deserialization); thread-safe. A probe is one query's.
 */
final class Int8Factors implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The model's item factors (the same array: a stream that writes the model writes it once). */
    private final float[] factors;
    private final int n;
    private final int f;
    /** Derived from {@link #factors}; rebuilt by {@link #readObject}. */
    private transient byte[] codes;
    private transient double[] scale;
    /** {@code e_i} plus the rounding allowance of the exact score, per unit of |v|₂. */
    private transient double[] slack;
    private transient boolean finite;

    /** The int8 copy of {@code n} item vectors of {@code f} factors stored item by item. */
    Int8Factors(float[] factors, int n, int f) {
        this.factors = factors;
        this.n = n;
        this.f = f;
        build();
    }

    private void build() {
        codes = new byte[n * f];
        scale = new double[n];
        slack = new double[n];
        boolean allFinite = true;
        for (int i = 0; i < n; i++) {
            int o = i * f;
            double max = 0;
            double sq = 0;
            for (int a = 0; a < f; a++) {
                double y = factors[o + a];
                allFinite &= Double.isFinite(y);
                max = Math.max(max, Math.abs(y));
                sq += y * y;
            }
            double s = max / 127;
            double err = 0;
            for (int a = 0; a < f; a++) {
                int q = s > 0 ? (int) Math.max(-127, Math.min(127, Math.rint(factors[o + a] / s))) : 0;
                codes[o + a] = (byte) q;
                double d = factors[o + a] - s * q;
                err += d * d;
            }
            scale[i] = s;
            // each difference is off by a few ulps of max, the sums by f ulps: widen generously
            double e = Math.sqrt(err) * (1 + f * 0x1p-48) + max * f * 0x1p-46;
            double norm = Math.sqrt(sq) * (1 + f * 0x1p-48);
            slack[i] = e + norm * (f + 2) * 0x1p-52;
        }
        finite = allFinite;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (factors == null || n < 0 || f < 1 || factors.length != (long) n * f) {
            throw new java.io.InvalidObjectException("item factors do not match " + n + " items of " + f);
        }
        build();
    }

    /**
     * The integer coefficients of one customer vector; null if the bound cannot be trusted for it
     * (a factor or a coordinate not finite, or sums that could overflow).
     */
    Probe probe(double[] v) {
        if (!finite || v.length != f) {
            return null;
        }
        double max = 0;
        double sq = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return null;
            }
            max = Math.max(max, Math.abs(x));
            sq += x * x;
        }
        long budget = (1L << 30) / (127L * f);
        if (budget < 1 || !(sq < 1e300)) {
            return null;
        }
        double unit = max > 0x1p-900 ? max / budget : 0;
        int[] k = new int[f];
        double coefficientError = 0;
        for (int a = 0; a < f; a++) {
            k[a] = unit > 0 ? (int) Math.rint(v[a] / unit) : 0;
            coefficientError += Math.abs(v[a] - k[a] * unit);
        }
        // rounding of each |c_a| is a few ulps of max; of the norm, f ulps
        coefficientError = (coefficientError + f * max * 0x1p-48) * 127;
        double vNorm = Math.sqrt(sq) * (1 + f * 0x1p-48) + Double.MIN_NORMAL;
        return new Probe(k, unit, coefficientError, vNorm);
    }

    /** One customer vector's coefficients. */
    final class Probe {
        private final int[] k;
        private final double unit;
        private final double coefficientError;
        private final double vNorm;

        private Probe(int[] k, double unit, double coefficientError, double vNorm) {
            this.k = k;
            this.unit = unit;
            this.coefficientError = coefficientError;
            this.vNorm = vNorm;
        }

        /** An upper bound of the model's computed score for the item. */
        double upper(int item) {
            int o = item * f;
            int a0 = 0;
            int a1 = 0;
            int a = 0;
            for (; a + 1 < f; a += 2) {
                a0 += k[a] * codes[o + a];
                a1 += k[a + 1] * codes[o + a + 1];
            }
            if (a < f) {
                a0 += k[a] * codes[o + a];
            }
            double s = scale[item];
            double approx = s * unit * (a0 + a1);
            double half = s * coefficientError + vNorm * slack[item];
            return approx + (Math.abs(approx) * 0x1p-50 + half * (1 + 0x1p-40) + Double.MIN_NORMAL);
        }
    }
}
