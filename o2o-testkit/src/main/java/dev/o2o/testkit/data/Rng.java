package dev.o2o.testkit.data;

import java.util.SplittableRandom;

/**
 * Seeded random variates for the generator. StrictMath is used throughout so that the same
 * seed gives the same bits on every JVM (Math.log and friends may differ between JIT and
 * interpreter, which would break byte-identical output).
 *
 * <p>Not thread-safe.
 */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream; the parent advances deterministically. */
    Rng split() {
        return new Rng(random.split());
    }

    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in (0,1], safe for logarithms. */
    double open() {
        return 1.0 - random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    long nextLong() {
        return random.nextLong();
    }

    boolean bernoulli(double p) {
        return random.nextDouble() < p;
    }

    double exponential(double rate) {
        return -StrictMath.log(open()) / rate;
    }

    double normal() {
        // Box-Muller; one of the pair is discarded to keep the stream simple
        double u1 = open();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Gamma with the given shape and rate (mean shape / rate), by Marsaglia and Tsang (2000). */
    double gamma(double shape, double rate) {
        if (shape < 1.0) {
            double u = open();
            return gamma(shape + 1.0, rate) * StrictMath.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / StrictMath.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = open();
            if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v / rate;
            }
        }
    }

    double beta(double a, double b) {
        double x = gamma(a, 1.0);
        double y = gamma(b, 1.0);
        return x / (x + y);
    }

    int poisson(double mean) {
        double limit = StrictMath.exp(-mean);
        int k = 0;
        double p = uniform();
        while (p > limit) {
            k++;
            p *= uniform();
        }
        return k;
    }

    /** An index drawn with probability proportional to the weights. */
    int categorical(double[] cumulative) {
        double u = uniform() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
