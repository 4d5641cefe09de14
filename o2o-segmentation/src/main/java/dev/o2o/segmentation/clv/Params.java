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

    /** The longest forecast horizon of the beta-geometric models, as a multiple of their time scale. */
    static final double MAX_HORIZON_RATIO = 1e8;

    /**
     * Checks a forecast horizon of BG/NBD or MBG/NBD, whose hypergeometric term takes
     * {@code z = t / (scale + t)} with {@code scale} = alpha (+ T for a customer): the value depends on
     * {@code 1 - z}, of which a double keeps about {@code 16 - log10(t / scale)} digits (and none once
     * z rounds to 1, at about {@code t = 1e16 scale}). Up to {@value #MAX_HORIZON_RATIO} scales, eight
     * remain; a longer horizon is refused rather than forecast with digits lost.
     *
     * @param scaleName the scale as the message names it, with the values it is made of
     */
    static double requireHorizon(double t, double scale, String scaleName, String model) {
        requireHorizon(t);
        if (t / scale > MAX_HORIZON_RATIO) {
            throw new IllegalArgumentException("horizon t must be at most " + MAX_HORIZON_RATIO + " times " + scaleName
                    + " for an accurate " + model + " forecast, got " + t);
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
