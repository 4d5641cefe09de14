package dev.o2o.examples.demo;

import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.metrics.UpliftMetrics;
import dev.o2o.predict.model.Learner;
import dev.o2o.predict.model.Model;
import dev.o2o.predict.uplift.UpliftLearner;
import dev.o2o.predict.uplift.UpliftModel;
import dev.o2o.testkit.predict.UpliftCampaign;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The report's uplift section: a coupon campaign of the test kit's {@link UpliftCampaign}
 * (customers drawn into coupon and control at random, true redemption probabilities known), a
 * T-learner of logistic regressions fitted on 70% of the customers, and on the other 30% its
 * Qini curve beside targeting by redemption propensity alone (a model of redemption among
 * coupon holders), with the true incremental redemptions of each targeting. Stateless.
 */
final class UpliftSection {
    /** Shares of the held-out customers targeted in the table. */
    private static final double[] SHARES = {0.1, 0.2, 0.3, 0.5};
    /** Points per curve in the chart. */
    private static final int POINTS = 200;

    private UpliftSection() {
    }

    static void add(Report report, int customers, long seed) {
        int n = Math.max(10_000, Math.min(customers, 100_000));
        UpliftCampaign.Data d = UpliftCampaign.generate(n, 1, seed);
        int[] train = IntStream.range(0, n).filter(i -> i % 10 >= 3).toArray();
        int[] test = IntStream.range(0, n).filter(i -> i % 10 < 3).toArray();
        int[] treatedTrain = IntStream.of(train).filter(i -> d.treatment()[i] == 1).toArray();
        UpliftModel uplift = UpliftLearner.tLearner(Learner.logistic(1.0))
                .fit(matrix(d, train), pick(d.outcome(), train), IntStream.of(train).map(i -> d.treatment()[i]).toArray());
        Model propensity = Learner.logistic(1.0).fit(matrix(d, treatedTrain), pick(d.outcome(), treatedTrain));

        Matrix tx = matrix(d, test);
        double[] ty = pick(d.outcome(), test);
        int[] tt = IntStream.of(test).map(i -> d.treatment()[i]).toArray();
        double[] byUplift = uplift.effect(tx, 1);
        double[] byPropensity = propensity.predict(tx);
        double[] effect = pick(d.trueEffect(1), test);

        UpliftMetrics.Curve qu = UpliftMetrics.qiniCurve(ty, byUplift, tt);
        UpliftMetrics.Curve qp = UpliftMetrics.qiniCurve(ty, byPropensity, tt);
        double[] ux = qu.x();
        double end = qu.y()[ux.length - 1];
        List<double[]> xs = List.of(thin(ux), thin(qp.x()), new double[] {0, ux[ux.length - 1]});
        List<double[]> ys = List.of(thin(qu.y()), thin(qp.y()), new double[] {0, end});
        String chart = Svg.lines(List.of("uplift model (T-learner)", "propensity to redeem", "random targeting"), xs, ys,
                760, 320, "held-out customers targeted, best first", "Qini: extra redemptions among the targeted");

        Table t = new Table("uplift_targeting", "share_targeted", "customers", "true_extra_redemptions_uplift",
                "true_extra_redemptions_propensity", "true_extra_redemptions_random");
        double all = 0;
        for (double e : effect) {
            all += e;
        }
        for (double share : SHARES) {
            int k = (int) Math.round(share * test.length);
            t.row(Demo.pct(share), k, Demo.fmt1(topSum(byUplift, effect, k)), Demo.fmt1(topSum(byPropensity, effect, k)),
                    Demo.fmt1(all * share));
        }
        Table q = new Table("uplift_qini", "targeting", "qini_coefficient", "uplift_auc");
        q.row("uplift model", Demo.fmt4(UpliftMetrics.qiniAucScore(ty, byUplift, tt)),
                Demo.fmt4(UpliftMetrics.upliftAucScore(ty, byUplift, tt)));
        q.row("propensity", Demo.fmt4(UpliftMetrics.qiniAucScore(ty, byPropensity, tt)),
                Demo.fmt4(UpliftMetrics.upliftAucScore(ty, byPropensity, tt)));
        report.section("Coupon uplift", String.format(Locale.ROOT, "<p>A coupon campaign on %,d synthetic customers, "
                + "half sent a coupon at random. Who redeems most is not whom the coupon changes most: the uplift model "
                + "(one logistic regression per arm, fitted on 70%% of the customers) ranks the other 30%% by the "
                + "estimated effect of the coupon, the propensity model by the chance to redeem with a coupon. The Qini "
                + "curve counts, among the customers targeted so far, the coupon holders' redemptions minus the "
                + "control's scaled to the same size (scikit-uplift's definition); the table adds the true extra "
                + "redemptions from the generator's known probabilities.</p>", n)
                + chart + t.html(10) + q.html(5), t, q);
    }

    private static Matrix matrix(UpliftCampaign.Data d, int[] rows) {
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = d.x()[rows[i]];
        }
        return Matrix.ofRows(List.of("x0", "x1", "x2"), x);
    }

    private static double[] pick(double[] v, int[] rows) {
        return IntStream.of(rows).mapToDouble(i -> v[i]).toArray();
    }

    /** The sum of {@code value} over the k rows with the highest score. */
    private static double topSum(double[] score, double[] value, int k) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, score.length).boxed().toList());
        order.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += value[order.get(i)];
        }
        return s;
    }

    /** At most {@link #POINTS} evenly spaced points of a curve, the last one kept. */
    private static double[] thin(double[] v) {
        if (v.length <= POINTS) {
            return v;
        }
        double[] out = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            out[i] = v[(int) ((long) i * (v.length - 1) / (POINTS - 1))];
        }
        return out;
    }
}
