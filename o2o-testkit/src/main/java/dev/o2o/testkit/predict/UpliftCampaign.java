package dev.o2o.testkit.predict;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A randomised coupon campaign with a known effect per customer. Each customer has three
 * features: {@code x0} and {@code x1} standard normal, {@code x2} a 0/1 flag (share 0.3).
 * Control responds with probability {@code p0 = sigmoid(−1.5 + 0.6·x0)}; treatment k (1..K)
 * responds with {@code pk = sigmoid(−1.5 + 0.6·x0 + k·(0.4·x1 + 0.8·x2 − 0.2))}, so the offer
 * helps customers with high x1 or the flag, and harms others, more strongly for higher k.
 * Arms are drawn uniformly among control and the K treatments.
 *
 * <p>Stateless and thread-safe; the same seed gives the same data.
 */
public final class UpliftCampaign {
    private UpliftCampaign() {
    }

    /**
     * The generated rows.
     *
     * @param x           features {@code [row][x0, x1, x2]}
     * @param treatment   0 control, 1..K treatment
     * @param outcome     the drawn 0/1 response
     * @param probability the true response probability {@code [row][arm]} for every arm, drawn or not
     */
    public record Data(double[][] x, int[] treatment, double[] outcome, double[][] probability) {
        /** Checks the lengths. */
        public Data {
            Objects.requireNonNull(x, "x");
            if (treatment.length != x.length || outcome.length != x.length || probability.length != x.length) {
                throw new IllegalArgumentException("all arrays must have " + x.length + " rows");
            }
        }

        /** The true effect of treatment k for each row: {@code pk − p0}. */
        public double[] trueEffect(int k) {
            double[] out = new double[x.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = probability[i][k] - probability[i][0];
            }
            return out;
        }
    }

    /** Generates {@code n} customers with {@code treatments} treatments. */
    public static Data generate(int n, int treatments, long seed) {
        if (n < 1 || treatments < 1) {
            throw new IllegalArgumentException("n and treatments must be >= 1: " + n + ", " + treatments);
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        int[] t = new int[n];
        double[] y = new double[n];
        double[][] p = new double[n][treatments + 1];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            x[i][2] = r.nextDouble() < 0.3 ? 1 : 0;
            for (int k = 0; k <= treatments; k++) {
                p[i][k] = sigmoid(-1.5 + 0.6 * x[i][0] + k * (0.4 * x[i][1] + 0.8 * x[i][2] - 0.2));
            }
            t[i] = r.nextInt(treatments + 1);
            y[i] = r.nextDouble() < p[i][t[i]] ? 1 : 0;
        }
        return new Data(x, t, y, p);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
