package dev.o2o.segmentation.rfm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps R, F, M scores to named segments: the first matching rule wins, customers no rule
 * matches get the default segment. The rules are evaluated once per score combination into a
 * lookup table, so segmenting costs one array read per customer.
 *
 * <p>Immutable and thread-safe.
 */
public final class SegmentMap {

    /** The names of {@link #standard()}, in rule order. */
    public static final List<String> STANDARD_SEGMENTS = List.of("Champions", "Loyal Customers",
            "Potential Loyalist", "Recent Customers", "Promising", "Customers Needing Attention", "About To Sleep",
            "At Risk", "Can't Lose Them", "Hibernating", "Lost");

    private final List<SegmentRule> rules;
    private final String defaultSegment;
    private final int bins;
    private final List<String> names;
    private final byte[] table;

    private SegmentMap(List<SegmentRule> rules, String defaultSegment, int bins) {
        this.rules = List.copyOf(rules);
        this.defaultSegment = defaultSegment;
        this.bins = bins;
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (SegmentRule rule : this.rules) {
            ids.putIfAbsent(Objects.requireNonNull(rule, "rule").name(), ids.size());
        }
        ids.putIfAbsent(defaultSegment, ids.size());
        if (ids.size() > 127) {
            throw new IllegalArgumentException("at most 127 segments are supported, got " + ids.size());
        }
        this.names = List.copyOf(ids.keySet());
        this.table = new byte[bins * bins * bins];
        for (int r = 1; r <= bins; r++) {
            for (int f = 1; f <= bins; f++) {
                for (int m = 1; m <= bins; m++) {
                    String name = defaultSegment;
                    for (SegmentRule rule : this.rules) {
                        if (rule.matches(r, f, m)) {
                            name = rule.name();
                            break;
                        }
                    }
                    table[index(r, f, m)] = (byte) (int) ids.get(name);
                }
            }
        }
    }

    private int index(int r, int f, int m) {
        return ((r - 1) * bins + (f - 1)) * bins + (m - 1);
    }

    /**
     * A user-defined map.
     *
     * @param rules          rules in priority order (first match wins)
     * @param defaultSegment name for customers no rule matches
     * @param bins           the number of scores of the {@link RfmScoring} it will be used with
     */
    public static SegmentMap of(List<SegmentRule> rules, String defaultSegment, int bins) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(defaultSegment, "defaultSegment");
        if (defaultSegment.isBlank()) {
            throw new IllegalArgumentException("defaultSegment must not be blank");
        }
        if (bins < 2 || bins > 9) {
            throw new IllegalArgumentException("bins must be between 2 and 9, got " + bins);
        }
        return new SegmentMap(rules, defaultSegment, bins);
    }

    /**
     * The standard 11-segment map for five scores, on R and the FM score (mean of F and M,
     * rounded half up), a partition of the 5 x 5 grid so that each of the 125 R-F-M codes falls
     * in exactly one rule:
     *
     * <pre>
     * R \ FM   1                 2                 3                            4                5
     * 5        Recent Customers  Potential Loyal.  Potential Loyalist           Loyal Customers  Champions
     * 4        Promising         Potential Loyal.  Potential Loyalist           Loyal Customers  Champions
     * 3        About To Sleep    About To Sleep    Customers Needing Attention  Loyal Customers  Loyal Customers
     * 2        Hibernating       Hibernating       At Risk                      At Risk          At Risk
     * 1        Lost              Lost              At Risk                      Can't Lose Them  Can't Lose Them
     * </pre>
     *
     * The names follow the widely used 11-segment RFM table (popularised by Putler). That table's
     * published score ranges overlap and leave gaps, so the ranges here are our own disjoint
     * reading of it. To reproduce R's {@code rfm} package, use {@link #rfmPackage()}.
     */
    public static SegmentMap standard() {
        List<SegmentRule> rules = new ArrayList<>();
        rules.add(SegmentRule.recencyAndFm("Champions", 4, 5, 5, 5));
        rules.add(SegmentRule.recencyAndFm("Loyal Customers", 3, 5, 4, 4));
        rules.add(SegmentRule.recencyAndFm("Loyal Customers", 3, 3, 5, 5));
        rules.add(SegmentRule.recencyAndFm("Potential Loyalist", 4, 5, 2, 3));
        rules.add(SegmentRule.recencyAndFm("Recent Customers", 5, 5, 1, 1));
        rules.add(SegmentRule.recencyAndFm("Promising", 4, 4, 1, 1));
        rules.add(SegmentRule.recencyAndFm("Customers Needing Attention", 3, 3, 3, 3));
        rules.add(SegmentRule.recencyAndFm("About To Sleep", 3, 3, 1, 2));
        rules.add(SegmentRule.recencyAndFm("At Risk", 2, 2, 3, 5));
        rules.add(SegmentRule.recencyAndFm("At Risk", 1, 1, 3, 3));
        rules.add(SegmentRule.recencyAndFm("Can't Lose Them", 1, 1, 4, 5));
        rules.add(SegmentRule.recencyAndFm("Hibernating", 2, 2, 1, 2));
        rules.add(SegmentRule.recencyAndFm("Lost", 1, 1, 1, 2));
        return new SegmentMap(rules, "Others", 5);
    }

    /**
     * The 10-segment table of the documentation of R's {@code rfm} package, for five scores,
     * applied as its {@code rfm_segment} applies it: rows in this order, the first row whose R, F
     * and M ranges (inclusive) all hold wins, customers no row matches are "Others". The rows
     * overlap; the order decides. Use it with {@link TiePolicy#RFM_PACKAGE} to reproduce results
     * from R.
     *
     * <pre>
     * segment              R     F     M
     * Champions            5-5   5-5   5-5
     * Potential Loyalist   3-5   3-5   2-5
     * Loyal Customers      2-4   2-4   2-4
     * Promising            3-4   1-3   3-5
     * New Customers        4-5   1-3   1-5
     * Can't Lose Them      1-2   3-4   4-5
     * At Risk              1-2   2-5   4-5
     * Need Attention       1-3   3-5   3-5
     * About To Sleep       2-3   1-3   1-4
     * Lost                 1-1   1-5   1-5
     * </pre>
     */
    public static SegmentMap rfmPackage() {
        List<SegmentRule> rules = List.of(
                SegmentRule.box("Champions", 5, 5, 5, 5, 5, 5),
                SegmentRule.box("Potential Loyalist", 3, 5, 3, 5, 2, 5),
                SegmentRule.box("Loyal Customers", 2, 4, 2, 4, 2, 4),
                SegmentRule.box("Promising", 3, 4, 1, 3, 3, 5),
                SegmentRule.box("New Customers", 4, 5, 1, 3, 1, 5),
                SegmentRule.box("Can't Lose Them", 1, 2, 3, 4, 4, 5),
                SegmentRule.box("At Risk", 1, 2, 2, 5, 4, 5),
                SegmentRule.box("Need Attention", 1, 3, 3, 5, 3, 5),
                SegmentRule.box("About To Sleep", 2, 3, 1, 3, 1, 4),
                SegmentRule.box("Lost", 1, 1, 1, 5, 1, 5));
        return new SegmentMap(rules, "Others", 5);
    }

    /** The rules, in priority order. */
    public List<SegmentRule> rules() {
        return rules;
    }

    /** Segment names: the rules' distinct names in order, then the default. */
    public List<String> segmentNames() {
        return names;
    }

    /** The number of scores (bins) this map is for. */
    public int bins() {
        return bins;
    }

    /** The default segment's name. */
    public String defaultSegment() {
        return defaultSegment;
    }

    /** The segment of one score combination. */
    public String segmentOf(int r, int f, int m) {
        checkScore("R", r);
        checkScore("F", f);
        checkScore("M", m);
        return names.get(table[index(r, f, m)]);
    }

    private void checkScore(String what, int s) {
        if (s < 1 || s > bins) {
            throw new IllegalArgumentException(what + " score " + s + " is outside 1.." + bins);
        }
    }

    /** Assigns every scored customer to a segment. */
    public Segmentation segment(RfmScores scores) {
        Objects.requireNonNull(scores, "scores");
        if (scores.scoring().bins() != bins) {
            throw new IllegalArgumentException("this map is for " + bins + " scores, the scores have "
                    + scores.scoring().bins());
        }
        int n = scores.size();
        byte[] r = scores.r;
        byte[] f = scores.f;
        byte[] m = scores.m;
        byte[] out = new byte[n];
        int k = bins;
        int k2 = k * k;
        int offset = k2 + k + 1;
        byte[] t = table;
        for (int i = 0; i < n; i++) {
            out[i] = t[r[i] * k2 + f[i] * k + m[i] - offset];
        }
        return new Segmentation(names, out);
    }
}
