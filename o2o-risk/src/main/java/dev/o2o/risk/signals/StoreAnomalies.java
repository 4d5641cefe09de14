package dev.o2o.risk.signals;

import dev.o2o.core.Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Store verification anomalies: a clerk's or store's figure for a period (verifications, share at
 * night, share of distant customers, ...) against its own earlier periods and against its peers'
 * figures for the same period, by robust z-scores {@code 0.6745 (x - median) / MAD} (Iglewicz and
 * Hoaglin; 3.5 is their usual cut-off). Where the MAD is 0 the mean absolute deviation times
 * 1.2533 stands in; where that is 0 too (a constant history), any other value scores infinitely
 * far and an equal one 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class StoreAnomalies {

    /** The code of an anomaly against the entity's own history. */
    public static final String OWN_HISTORY = "VERIFICATION_VS_OWN_HISTORY";
    /** The code of an anomaly against the peer group. */
    public static final String PEER_GROUP = "VERIFICATION_VS_PEERS";

    private StoreAnomalies() {
    }

    /**
     * One entity's figure for one metric: its earlier periods and the current one.
     *
     * @param entity    the clerk or store, a valid id as {@link Ids#requireId} says
     * @param peerGroup the group it is compared with (stores of a city, clerks of a store format), a valid id
     * @param metric    the metric's name, a valid id
     * @param history   its earlier periods' values, finite
     * @param current   the current period's value, finite
     */
    public record Series(String entity, String peerGroup, String metric, double[] history, double current) {
        public Series {
            // identifiers, as GraphSignals' accounts: a blank entity would be a signal's key, and a
            // control character in a name once let one peer group and metric pass for another
            Ids.requireId(entity, "entity");
            Ids.requireId(peerGroup, "peerGroup");
            Ids.requireId(metric, "metric");
            history = Objects.requireNonNull(history, "history").clone();
            for (int i = 0; i < history.length; i++) {
                if (!Double.isFinite(history[i])) {
                    throw new IllegalArgumentException("history[" + i + "] of " + metric + " must be finite: " + history[i]);
                }
            }
            if (!Double.isFinite(current)) {
                throw new IllegalArgumentException("current " + metric + " must be finite: " + current);
            }
        }

        /** A copy: the checked values cannot be changed afterwards (to NaN, say). */
        @Override
        public double[] history() {
            return history.clone();
        }
    }

    /**
     * The robust z-score of {@code x} against {@code sample}; NaN for fewer than 3 values.
     *
     * @throws IllegalArgumentException if {@code x} or a value of the sample is not finite (NaN
     *                                  would come out as a NaN score, which no threshold flags)
     */
    public static double robustZ(double x, double[] sample) {
        Objects.requireNonNull(sample, "sample");
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite: " + x);
        }
        double largest = Math.abs(x);
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i])) {
                throw new IllegalArgumentException("sample[" + i + "] must be finite: " + sample[i]);
            }
            largest = Math.max(largest, Math.abs(sample[i]));
        }
        if (sample.length < 3) {
            return Double.NaN;
        }
        // the score is the same for x and sample scaled alike; a quarter of the largest double keeps
        // sums of two and differences finite (near it, they overflowed to an infinite or NaN score)
        double k = largest > Double.MAX_VALUE / 4 ? 0.25 : 1;
        x *= k;
        double[] s = sample.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= k;
        }
        Arrays.sort(s);
        double median = median(s);
        double[] dev = new double[s.length];
        double meanAbs = 0;
        for (int i = 0; i < s.length; i++) {
            dev[i] = Math.abs(s[i] - median);
            // divided as it is added: the sum of the deviations may pass the largest double, their mean not
            meanAbs += dev[i] / s.length;
        }
        Arrays.sort(dev);
        double mad = median(dev);
        double scale = mad > 0 ? mad / 0.6745 : 1.2533 * meanAbs;
        if (scale == 0) {
            return x == median ? 0 : Math.copySign(Double.POSITIVE_INFINITY, x - median);
        }
        return (x - median) / scale;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The anomalies among {@code series}: each whose current value has a robust z-score of at least
     * {@code threshold} in absolute value against its own history (3 periods or more) or against the
     * current values of the other entities of its peer group and metric (3 or more). Keys: the
     * entity, the metric.
     *
     * @throws IllegalArgumentException if an entity has two series for one peer group and metric:
     *                                  it would be compared with itself as a peer
     */
    public static List<Signal> detect(List<Series> series, double threshold) {
        Objects.requireNonNull(series, "series");
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive finite number: " + threshold);
        }
        Map<List<String>, List<Series>> groups = new HashMap<>();
        Set<List<String>> seen = new HashSet<>();
        for (Series s : series) {
            if (!seen.add(List.of(s.entity(), s.peerGroup(), s.metric()))) {
                throw new IllegalArgumentException("entity " + Ids.describe(s.entity()) + " is given twice for "
                        + s.metric() + " in peer group " + s.peerGroup());
            }
            groups.computeIfAbsent(List.of(s.peerGroup(), s.metric()), k -> new ArrayList<>()).add(s);
        }
        List<Signal> out = new ArrayList<>();
        for (Series s : series) {
            double own = robustZ(s.current(), s.history());
            if (Math.abs(own) >= threshold) {
                out.add(new Signal(OWN_HISTORY, List.of(s.entity(), s.metric()), own, threshold,
                        s.metric() + " " + s.current() + " is " + fmt(own) + " robust z from its own "
                                + s.history().length + " periods"));
            }
            List<Series> group = groups.get(List.of(s.peerGroup(), s.metric()));
            double[] peers = group.stream().filter(p -> p != s).mapToDouble(Series::current).toArray();
            double peer = robustZ(s.current(), peers);
            if (Math.abs(peer) >= threshold) {
                out.add(new Signal(PEER_GROUP, List.of(s.entity(), s.metric()), peer, threshold,
                        s.metric() + " " + s.current() + " is " + fmt(peer) + " robust z from " + peers.length + " peers"));
            }
        }
        return out;
    }

    private static String fmt(double z) {
        return Double.isInfinite(z) ? (z > 0 ? "+inf" : "-inf") : String.format(Locale.ROOT, "%.2f", z);
    }
}
