package dev.o2o.examples.demo;

import dev.o2o.risk.eval.AbuseSimulation;
import dev.o2o.risk.eval.Evaluation;
import dev.o2o.risk.eval.LabelledEvent;
import dev.o2o.risk.eval.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's risk section: o2o-risk's labelled abuse traffic ({@link AbuseSimulation}: ordinary
 * customers plus device farms, bot bursts, refund churn, clerk fraud and referral rings), scored by
 * the default velocity rules (per event, as the guard sees them) and by the isolation forest (per
 * account or clerk), with the abuse caught per pattern. Stateless.
 */
final class RiskSection {
    /** The traffic's ordinary customers: at most this many, so the section stays quick at any demo size. */
    private static final int MAX_CUSTOMERS = 5_000;

    private RiskSection() {
    }

    static void add(Report report, int customers, long seed) {
        int n = Math.max(100, Math.min(customers, MAX_CUSTOMERS));
        List<LabelledEvent> events = AbuseSimulation.generate(n, seed);
        Evaluation.Report r = Evaluation.run(events, seed);

        Table t = new Table("risk_abuse", "detector", "unit", "pattern", "positives", "caught", "ordinary_caught",
                "precision", "recall");
        List<Evaluation.Score> all = new ArrayList<>(r.rules());
        all.addAll(r.forest());
        for (Evaluation.Score s : all) {
            t.row(s.detector(), s.unit(), s.pattern(), s.positives(), s.caught(), s.ordinaryCaught(),
                    Demo.fmt4(s.precision()), Demo.fmt4(s.recall()));
        }
        List<String> patterns = new ArrayList<>();
        double[][] caught = new double[Pattern.values().length][2];
        for (Pattern p : Pattern.values()) {
            patterns.add(p.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            caught[p.ordinal()][0] = recall(r.rules(), p);
            caught[p.ordinal()][1] = recall(r.forest(), p);
        }
        String chart = Svg.groupedShares(patterns, List.of("velocity rules (share of the pattern's events)",
                "isolation forest (share of its accounts or clerks)"), caught, 760);
        report.section("Abuse caught by pattern", String.format(Locale.ROOT, "<p>A week of seeded traffic of %,d "
                + "ordinary customers with labelled abuse injected: %,d events, %,d of them abuse. The velocity rules "
                + "(o2o-risk's default set, one or two rules per pattern) decide every event in time order as the guard "
                + "would, and catch an event when they answer REVIEW or DENY; the isolation forest scores one row of "
                + "features per account (per clerk for clerk fraud) and catches those scoring at least %.2f. Precision "
                + "of a pattern counts the ordinary events or entities caught as false alarms.</p>", n, r.events(),
                r.abusive(), Evaluation.DEFAULT_FOREST_THRESHOLD) + chart + t.html(20), t);
    }

    private static double recall(List<Evaluation.Score> scores, Pattern p) {
        for (Evaluation.Score s : scores) {
            if (s.pattern() == p) {
                return Double.isNaN(s.recall()) ? 0 : s.recall();
            }
        }
        return 0;
    }
}
