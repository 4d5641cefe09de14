package dev.o2o.core.privacy;

import java.util.SplittableRandom;

/**
 * The Laplace mechanism of differential privacy (Dwork, McSherry, Nissim and Smith 2006) for
 * publishing aggregate counts and sums: adds noise drawn from Laplace(0, b) with scale
 * {@code b = sensitivity / epsilon}, which makes one release epsilon-differentially private for
 * a query whose value one person can change by at most {@code sensitivity} (1 for a count of
 * customers). The noise has mean 0 and variance {@code 2 b^2}.
 *
 * <p>Each release spends epsilon of the privacy budget; releasing k results costs
 * {@code k * epsilon} (sequential composition), which the caller must track. Noise comes from a
 * {@link SplittableRandom} with an explicit seed so that tests and audits can reproduce it; in
 * production use a secret, fresh seed, since a known seed lets anyone subtract the noise. Like
 * most textbook implementations, it does not defend against the floating-point attacks of
 * Mironov (2012).
 *
 * <p>Not thread-safe (the random stream is shared): use one instance per thread.
 */
public final class LaplaceMechanism {

    private final double epsilon;
    private final double sensitivity;
    private final double scale;
    private final SplittableRandom random;

    private LaplaceMechanism(double epsilon, double sensitivity, long seed) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0: " + epsilon);
        }
        if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("sensitivity must be finite and > 0: " + sensitivity);
        }
        this.epsilon = epsilon;
        this.sensitivity = sensitivity;
        this.scale = sensitivity / epsilon;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A mechanism with privacy parameter epsilon, the query's L1 sensitivity and a seed.
     *
     * @throws IllegalArgumentException if epsilon or sensitivity is not a finite positive number
     */
    public static LaplaceMechanism of(double epsilon, double sensitivity, long seed) {
        return new LaplaceMechanism(epsilon, sensitivity, seed);
    }

    /** A mechanism for counts of customers (sensitivity 1). */
    public static LaplaceMechanism forCounts(double epsilon, long seed) {
        return new LaplaceMechanism(epsilon, 1.0, seed);
    }

    public double epsilon() {
        return epsilon;
    }

    public double sensitivity() {
        return sensitivity;
    }

    /** The noise scale b = sensitivity / epsilon. */
    public double scale() {
        return scale;
    }

    /** One draw of Laplace(0, scale) noise, by inversion of the distribution function. */
    public double noise() {
        // u in (-1/2, 1/2]; 1 - 2|u| is then in [0, 1), and 0 is excluded by redrawing
        double u;
        do {
            u = random.nextDouble() - 0.5;
        } while (u == -0.5);
        double magnitude = -scale * Math.log1p(-2.0 * Math.abs(u));
        return u < 0 ? -magnitude : magnitude;
    }

    /** The value plus Laplace noise. */
    public double release(double trueValue) {
        if (!Double.isFinite(trueValue)) {
            throw new IllegalArgumentException("trueValue must be finite: " + trueValue);
        }
        return trueValue + noise();
    }

    /**
     * A count plus Laplace noise, rounded to the nearest integer and clamped at zero (both are
     * post-processing and keep the privacy guarantee; clamping biases small counts upwards).
     */
    public long releaseCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        return Math.max(0L, Math.round(count + noise()));
    }
}
