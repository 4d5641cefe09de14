package dev.o2o.predict.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Uplift metrics defined exactly as scikit-uplift 0.5.1's {@code qini_curve},
 * {@code uplift_curve}, {@code qini_auc_score} and {@code uplift_auc_score} (with
 * {@code negative_effect=True}) and {@code uplift_at_k(strategy='overall')}.
 *
 * <p>Rows are ordered by descending uplift score as numpy's stable ascending sort reversed
 * (so among tied scores the later row comes first); the curves have one point per distinct
 * score (ties are taken together) and start at (0, 0). Areas are trapezoidal.
 * {@code treatment} is 1 for treated, 0 for control; outcomes are 0 or 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class UpliftMetrics {
    private UpliftMetrics() {
    }

    /**
     * Points of a curve.
     *
     * @param x number of rows targeted
     * @param y curve value there
     */
    public record Curve(double[] x, double[] y) {
        /** Copies the arrays; they must have the same length. */
        public Curve {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("x has " + x.length + " points, y " + y.length);
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        /** Trapezoidal area under the curve. */
        public double area() {
            double a = 0;
            for (int i = 1; i < x.length; i++) {
                a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
            }
            return a;
        }
    }

    /**
     * The Qini curve: at each threshold, {@code Y_t - Y_c * N_t / N_c} (treated responders minus
     * control responders scaled to the treated count; 0 for the second term when N_c = 0).
     */
    public static Curve qiniCurve(double[] outcome, double[] uplift, int[] treatment) {
        return curve(outcome, uplift, treatment, true);
    }

    /**
     * The uplift curve: at each threshold, {@code (Y_t/N_t - Y_c/N_c) * (N_t + N_c)} (each rate
     * 0 when its count is 0).
     */
    public static Curve upliftCurve(double[] outcome, double[] uplift, int[] treatment) {
        return curve(outcome, uplift, treatment, false);
    }

    /**
     * The normalised area under the Qini curve: (model area − random area) / (perfect area −
     * random area), the perfect curve being the Qini curve of the score {@code y·t − y·(1−t)}
     * (negative effects allowed) and the random one the straight line to the curve's end.
     *
     * @throws IllegalArgumentException if the perfect area equals the random one (e.g. every outcome is 0)
     */
    public static double qiniAucScore(double[] outcome, double[] uplift, int[] treatment) {
        check(outcome, uplift, treatment);
        double[] perfectScore = new double[outcome.length];
        for (int i = 0; i < outcome.length; i++) {
            perfectScore[i] = outcome[i] * treatment[i] - outcome[i] * (1 - treatment[i]);
        }
        return normalised("qiniAucScore", qiniCurve(outcome, uplift, treatment),
                qiniCurve(outcome, perfectScore, treatment));
    }

    /**
     * The normalised area under the uplift curve (AUUC), with scikit-uplift's perfect uplift curve:
     * score {@code 2·[y = t] + s} where s is the outcome if control responders outnumber treated
     * non-responders, else the treatment.
     *
     * @throws IllegalArgumentException if the perfect area equals the random one (e.g. every outcome is 0)
     */
    public static double upliftAucScore(double[] outcome, double[] uplift, int[] treatment) {
        check(outcome, uplift, treatment);
        long controlResponders = 0;
        long treatedNonResponders = 0;
        for (int i = 0; i < outcome.length; i++) {
            if (outcome[i] == 1 && treatment[i] == 0) {
                controlResponders++;
            }
            if (outcome[i] == 0 && treatment[i] == 1) {
                treatedNonResponders++;
            }
        }
        double[] perfectScore = new double[outcome.length];
        for (int i = 0; i < outcome.length; i++) {
            double summand = controlResponders > treatedNonResponders ? outcome[i] : treatment[i];
            perfectScore[i] = 2.0 * (outcome[i] == treatment[i] ? 1 : 0) + summand;
        }
        return normalised("upliftAucScore", upliftCurve(outcome, uplift, treatment),
                upliftCurve(outcome, perfectScore, treatment));
    }

    /**
     * Uplift at k with {@code strategy='overall'}: among the top {@code floor(n·k)} rows by score,
     * the treated outcome rate minus the control outcome rate (NaN for an arm with no row there).
     *
     * @param k share of rows, in (0, 1)
     */
    public static double upliftAtK(double[] outcome, double[] uplift, int[] treatment, double k) {
        check(outcome, uplift, treatment);
        if (!(k > 0 && k < 1)) {
            throw new IllegalArgumentException("k must be in (0, 1): " + k);
        }
        int top = (int) (outcome.length * k);
        int[] order = numpyDescending(uplift);
        double yt = 0;
        double yc = 0;
        int nt = 0;
        int nc = 0;
        for (int r = 0; r < top; r++) {
            int i = order[r];
            if (treatment[i] == 1) {
                nt++;
                yt += outcome[i];
            } else {
                nc++;
                yc += outcome[i];
            }
        }
        return (nt == 0 ? Double.NaN : yt / nt) - (nc == 0 ? Double.NaN : yc / nc);
    }

    private static double normalised(String metric, Curve actual, Curve perfect) {
        double[] px = perfect.x;
        double[] py = perfect.y;
        double baseline = px[px.length - 1] * py[py.length - 1] / 2.0;
        double range = perfect.area() - baseline;
        if (range == 0) {
            throw new IllegalArgumentException(metric + " is undefined: the perfect curve's area equals the random line's ("
                    + baseline + "), as when every outcome is 0");
        }
        return (actual.area() - baseline) / range;
    }

    private static Curve curve(double[] outcome, double[] uplift, int[] treatment, boolean qini) {
        check(outcome, uplift, treatment);
        int n = outcome.length;
        int[] order = numpyDescending(uplift);
        double[] xs = new double[n + 1];
        double[] ys = new double[n + 1];
        int points = 0;
        double nt = 0;
        double yt = 0;
        double yc = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            nt += treatment[i];
            if (treatment[i] == 1) {
                yt += outcome[i];
            } else {
                yc += outcome[i];
            }
            boolean lastOfTie = r == n - 1 || uplift[order[r + 1]] != uplift[i];
            if (!lastOfTie) {
                continue;
            }
            double all = r + 1;
            double nc = all - nt;
            double v;
            if (qini) {
                v = yt - yc * (nc != 0 ? nt / nc : 0.0);
            } else {
                v = ((nt != 0 ? yt / nt : 0.0) - (nc != 0 ? yc / nc : 0.0)) * all;
            }
            xs[points + 1] = all;
            ys[points + 1] = v;
            points++;
        }
        // scikit-uplift prepends (0, 0) unless the first point already is (0, 0), which cannot happen for n >= 1
        return new Curve(Arrays.copyOf(xs, points + 1), Arrays.copyOf(ys, points + 1));
    }

    /** numpy's {@code argsort(kind='mergesort')[::-1]}: descending, ties with the later row first. */
    static int[] numpyDescending(double[] scores) {
        Integer[] boxed = new Integer[scores.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            // == treats -0.0 and 0.0 as one value, as numpy does
            int c = scores[a] == scores[b] ? 0 : scores[a] > scores[b] ? -1 : 1;
            return c != 0 ? c : Integer.compare(b, a);
        });
        int[] out = new int[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private static void check(double[] outcome, double[] uplift, int[] treatment) {
        Objects.requireNonNull(treatment, "treatment");
        Metrics.check(outcome, uplift);
        if (treatment.length != outcome.length) {
            throw new IllegalArgumentException("treatment has " + treatment.length + " rows, outcome " + outcome.length);
        }
        boolean t = false;
        boolean c = false;
        for (int i = 0; i < treatment.length; i++) {
            if (treatment[i] != 0 && treatment[i] != 1) {
                throw new IllegalArgumentException("treatment of row " + i + " must be 0 or 1: " + treatment[i]);
            }
            t |= treatment[i] == 1;
            c |= treatment[i] == 0;
        }
        if (!t || !c) {
            throw new IllegalArgumentException("uplift metrics need treated and control rows; only "
                    + (t ? "treated" : "control") + " rows given");
        }
    }
}
