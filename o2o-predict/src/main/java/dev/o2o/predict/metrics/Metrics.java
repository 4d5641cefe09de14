package dev.o2o.predict.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics of a binary classifier's scores: ROC AUC with ties, the per-group mean AUC of the
 * Tianchi O2O contest, log loss, Brier score, calibration bins and cumulative gains/lift.
 * Labels are 0 or 1 (anything else is refused, naming the row); scores are finite.
 *
 * <p>Stateless and thread-safe.
 */
public final class Metrics {
    private Metrics() {
    }

    /** Log loss clips probabilities to [1e-15, 1 - 1e-15], as scikit-learn does. */
    public static final double LOG_LOSS_EPS = 1e-15;

    /**
     * The area under the ROC curve, computed as the Mann-Whitney U statistic with average ranks
     * for tied scores (so a tie between a positive and a negative counts one half).
     *
     * @throws IllegalArgumentException if the labels hold one class only
     */
    public static double rocAuc(double[] labels, double[] scores) {
        check(labels, scores);
        long pos = 0;
        for (double y : labels) {
            pos += (long) y;
        }
        long neg = labels.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes; the labels hold only "
                    + (pos == 0 ? "0" : "1") + " (" + labels.length + " rows)");
        }
        Integer[] boxed = new Integer[scores.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        int i = 0;
        while (i < boxed.length) {
            int j = i;
            while (j + 1 < boxed.length && scores[boxed[j + 1]] == scores[boxed[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1.0; // 1-based average rank of the tie block
            for (int k = i; k <= j; k++) {
                if (labels[boxed[k]] == 1.0) {
                    rankSumPos += avgRank;
                }
            }
            i = j + 1;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * The Tianchi O2O contest metric: the ROC AUC computed within each group (there, each coupon)
     * and averaged with equal weight per group. A group whose labels hold one class only has no
     * AUC; it is skipped and counted.
     *
     * @param mean    the mean AUC over the scored groups (NaN if none)
     * @param scored  groups with both classes
     * @param skipped groups with one class only
     */
    public record GroupAuc(double mean, int scored, int skipped) {
        /** Validates the counts, and the mean against them: NaN without a scored group, else in [0, 1]. */
        public GroupAuc {
            if (scored < 0 || skipped < 0) {
                throw new IllegalArgumentException("counts must be >= 0: scored " + scored + ", skipped " + skipped);
            }
            if (scored == 0 && !Double.isNaN(mean)) {
                throw new IllegalArgumentException("mean AUC with no scored group must be NaN: " + mean);
            }
            if (scored > 0 && !(mean >= 0 && mean <= 1)) {
                throw new IllegalArgumentException("mean AUC of " + scored + " scored groups must be in [0, 1]: " + mean);
            }
        }
    }

    /** The per-group mean AUC; {@code groups[i]} is row i's group. */
    public static GroupAuc groupMeanAuc(String[] groups, double[] labels, double[] scores) {
        check(labels, scores);
        Objects.requireNonNull(groups, "groups");
        if (groups.length != labels.length) {
            throw new IllegalArgumentException("groups has " + groups.length + " rows, labels " + labels.length);
        }
        Map<String, List<Integer>> rows = new HashMap<>();
        for (int i = 0; i < groups.length; i++) {
            rows.computeIfAbsent(Objects.requireNonNull(groups[i], "group of row " + i), k -> new ArrayList<>()).add(i);
        }
        List<String> keys = new ArrayList<>(rows.keySet());
        keys.sort(null); // a fixed order, so that the floating-point sum is reproducible
        double sum = 0;
        int scored = 0;
        int skipped = 0;
        for (String g : keys) {
            List<Integer> idx = rows.get(g);
            double[] y = new double[idx.size()];
            double[] s = new double[idx.size()];
            double pos = 0;
            for (int k = 0; k < y.length; k++) {
                y[k] = labels[idx.get(k)];
                s[k] = scores[idx.get(k)];
                pos += y[k];
            }
            if (pos == 0 || pos == y.length) {
                skipped++;
            } else {
                sum += rocAuc(y, s);
                scored++;
            }
        }
        return new GroupAuc(scored == 0 ? Double.NaN : sum / scored, scored, skipped);
    }

    /** Mean negative log-likelihood of probabilities, clipped by {@link #LOG_LOSS_EPS}. */
    public static double logLoss(double[] labels, double[] probabilities) {
        checkProbabilities(labels, probabilities);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
            sum -= labels[i] == 1.0 ? Math.log(p) : Math.log1p(-p);
        }
        return sum / labels.length;
    }

    /** Mean squared difference between probability and label. */
    public static double brier(double[] labels, double[] probabilities) {
        checkProbabilities(labels, probabilities);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double d = probabilities[i] - labels[i];
            sum += d * d;
        }
        return sum / labels.length;
    }

    /**
     * One calibration bin: predictions in [lower, upper) (the last bin includes 1).
     *
     * @param lower         lower edge
     * @param upper         upper edge
     * @param count         rows in the bin
     * @param meanPredicted mean predicted probability (NaN if empty)
     * @param observedRate  share of positive labels (NaN if empty)
     */
    public record CalibrationBin(double lower, double upper, int count, double meanPredicted, double observedRate) {
        /** Validates the edges and count. */
        public CalibrationBin {
            if (!(lower <= upper) || count < 0) {
                throw new IllegalArgumentException("bad bin [" + lower + ", " + upper + ") count " + count);
            }
        }
    }

    /** Calibration over {@code bins} equal-width probability bins. */
    public static List<CalibrationBin> calibration(double[] labels, double[] probabilities, int bins) {
        checkProbabilities(labels, probabilities);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1: " + bins);
        }
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        for (int i = 0; i < labels.length; i++) {
            int b = Math.min((int) (probabilities[i] * bins), bins - 1);
            count[b]++;
            sumP[b] += probabilities[i];
            sumY[b] += labels[i];
        }
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            out.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, count[b],
                    count[b] == 0 ? Double.NaN : sumP[b] / count[b], count[b] == 0 ? Double.NaN : sumY[b] / count[b]));
        }
        return out;
    }

    /**
     * A point of the cumulative gains curve: the top {@code targeted} rows by score.
     *
     * @param fraction  share of rows targeted, in (0, 1]
     * @param targeted  number of rows targeted
     * @param positives positives among them
     * @param gain      share of all positives captured
     * @param lift      their positive rate over the overall positive rate
     */
    public record GainsPoint(double fraction, int targeted, int positives, double gain, double lift) {
        /** Validates the counts. */
        public GainsPoint {
            if (targeted < 0 || positives < 0 || positives > targeted) {
                throw new IllegalArgumentException("bad gains point: targeted " + targeted + ", positives " + positives);
            }
        }
    }

    /**
     * Cumulative gains and lift at each of {@code points} equal shares of the rows (the top
     * {@code ceil(n * q / points)} by descending score; ties keep row order).
     */
    public static List<GainsPoint> gains(double[] labels, double[] scores, int points) {
        check(labels, scores);
        if (points < 1) {
            throw new IllegalArgumentException("points must be >= 1: " + points);
        }
        int n = labels.length;
        int[] order = descendingStable(scores);
        double totalPos = 0;
        for (double y : labels) {
            totalPos += y;
        }
        if (totalPos == 0) {
            throw new IllegalArgumentException("gains need at least one positive label");
        }
        List<GainsPoint> out = new ArrayList<>();
        int taken = 0;
        int pos = 0;
        for (int q = 1; q <= points; q++) {
            int upTo = (int) Math.ceil((double) n * q / points);
            while (taken < upTo) {
                pos += (int) labels[order[taken++]];
            }
            double gain = pos / totalPos;
            double lift = taken == 0 ? Double.NaN : (pos / (double) taken) / (totalPos / n);
            out.add(new GainsPoint((double) taken / n, taken, pos, gain, lift));
        }
        return out;
    }

    /** Row indices by descending score, ties in row order. */
    static int[] descendingStable(double[] scores) {
        Integer[] boxed = new Integer[scores.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] out = new int[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    static void check(double[] labels, double[] scores) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scores, "scores");
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " rows, scores " + scores.length);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("label of row " + i + " must be 0 or 1: " + labels[i]);
            }
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score of row " + i + " is not finite: " + scores[i]);
            }
        }
    }

    private static void checkProbabilities(double[] labels, double[] p) {
        check(labels, p);
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("probability of row " + i + " outside [0, 1]: " + p[i]);
            }
        }
    }
}
