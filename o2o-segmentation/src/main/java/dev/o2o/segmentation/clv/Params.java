package dev.o2o.segmentation.clv;

/** Parameter checks and cumulative sums over purchase counts. Stateless. */
final class Params {

    private Params() {
    }

    static void positive(String model, String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(model + " parameter " + name + " must be finite and > 0, got " + v);
        }
    }

    /** Checks a forecast horizon. */
    static double requireHorizon(double t) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("horizon t must be finite and >= 0, got " + t);
        }
        return t;
    }

    /** {@code out[x] = sum_{i<x} ln(c + i) = lnGamma(c + x) - lnGamma(c)}, for x = 0..max. */
    static double[] cumLog(double c, int max) {
        double[] out = new double[max + 1];
        for (int x = 1; x <= max; x++) {
            out[x] = out[x - 1] + Math.log(c + x - 1);
        }
        return out;
    }

    /** {@code out[x] = sum_{i<x} 1/(c + i) = digamma(c + x) - digamma(c)}, for x = 0..max. */
    static double[] cumInv(double c, int max) {
        double[] out = new double[max + 1];
        for (int x = 1; x <= max; x++) {
            out[x] = out[x - 1] + 1 / (c + x - 1);
        }
        return out;
    }
}
