package dev.o2o.examples.cli;

import dev.o2o.predict.data.Encoding;
import dev.o2o.predict.data.FeatureEncoder;
import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.metrics.UpliftMetrics;
import dev.o2o.predict.uplift.ArmStatistics;
import dev.o2o.predict.uplift.UpliftLearner;
import dev.o2o.predict.uplift.UpliftModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o uplift}: the experiment's arm statistics and an uplift model's Qini, AUUC and uplift at k. */
@Command(name = "uplift", mixinStandardHelpOptions = true,
        description = {"Fits an uplift model (S-, T-, X-learner or class transformation over logistic regression "
                + "or gradient-boosted trees) to a randomised experiment and reports the arms' outcome rates and "
                + "average effects (over all rows, with 95%% intervals) and the model's Qini, AUUC and uplift at 10%% "
                + "and 30%% (scikit-uplift 0.5.1 definitions, strategy='overall') on the test rows.",
                "With several treatments each is compared with the control, and the model metrics are keyed by "
                        + "treatment. --scores-out writes row,split,treatment,score (the estimated effect)."})
final class UpliftCommand implements Callable<Integer> {

    /** The meta-learners of {@code --learner}. */
    enum Kind {
        s, t, x, class_transformation;

        @Override
        public String toString() {
            return KebabEnum.name(this);
        }
    }

    static final class KindConverter extends KebabEnum.Converter<Kind> {
        KindConverter() {
            super(Kind.class, "learner");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "the experiment, with a header row")
    Path data;

    @Option(names = "--treatment", required = true, paramLabel = "COLUMN", description = "the arm column")
    String treatment;

    @Option(names = "--control", required = true, paramLabel = "VALUE", description = "the control arm's value")
    String control;

    @Option(names = "--outcome", required = true, paramLabel = "COLUMN", description = "the 0/1 outcome column")
    String outcome;

    @Option(names = "--features", split = ",", paramLabel = "a,b,c",
            description = "feature columns (default: all but treatment and outcome)")
    List<String> features;

    @Option(names = "--learner", required = true, converter = KindConverter.class, paramLabel = "s|t|x|class-transformation",
            description = "the meta-learner")
    Kind learner;

    @Option(names = "--base", required = true, paramLabel = "logistic|gbm", description = "${COMPLETION-CANDIDATES}")
    PredictSupport.Base base;

    @CommandLine.Mixin
    PredictSupport.LearnerOptions options = new PredictSupport.LearnerOptions();

    @CommandLine.Mixin
    PredictSupport.DataOptions dataOptions = new PredictSupport.DataOptions();

    @CommandLine.Mixin
    Output.Options result = new Output.Options();

    @Option(names = "--scores-out", paramLabel = "FILE", description = "write row,split,treatment,score here")
    Path scoresOut;

    static final double[] KS = {0.1, 0.3};

    @Override
    public Integer call() {
        options.check(spec.commandLine(), base, "--base");
        BitSet residues = PredictSupport.testResidues(dataOptions.testRows);
        if (treatment.equals(outcome)) {
            throw new BadInputException("--treatment and --outcome must be different columns: " + treatment);
        }
        List<String> feats = PredictSupport.features(data, features, dataOptions.categorical,
                List.of(treatment, outcome));
        List<String> columns = new ArrayList<>(feats);
        columns.add(treatment);
        columns.add(outcome);
        List<String> cats = new ArrayList<>(dataOptions.categorical);
        cats.add(treatment);
        Frame frame = PredictSupport.read(data, columns, cats);
        double[] y = PredictSupport.binary(frame, outcome, "--outcome");
        String[] arm = frame.categorical(treatment);
        for (int i = 0; i < arm.length; i++) {
            if (arm[i] == null) {
                throw new BadInputException("--treatment '" + treatment + "' is missing in data row " + i + " (line "
                        + (i + 2) + ")");
            }
        }
        ArmStatistics stats = ArmStatistics.of(arm, control, y);
        List<String> treated = stats.treatments().stream().map(t -> t.arm().value()).toList();
        int[] code = new int[arm.length];
        for (int i = 0; i < arm.length; i++) {
            code[i] = arm[i].equals(control) ? 0 : treated.indexOf(arm[i]) + 1;
        }
        int[] train = PredictSupport.split(frame.rows(), residues, false);
        int[] test = PredictSupport.split(frame.rows(), residues, true);
        FeatureEncoder encoder = FeatureEncoder.fit(frame.select(train), feats, Encoding.ONE_HOT);
        Matrix x = encoder.transform(frame.select(train));
        CommandLine cl = spec.commandLine();
        cl.getErr().println("read " + frame.rows() + " rows, " + treated.size() + " treatment(s) against '" + control
                + "'; fitting the " + learner + "-learner over " + base + " on " + train.length + " rows");
        UpliftLearner l = switch (learner) {
            case s -> UpliftLearner.sLearner(options.learner(base));
            case t -> UpliftLearner.tLearner(options.learner(base));
            case x -> UpliftLearner.xLearner(options.learner(base), options.regression(base));
            case class_transformation -> UpliftLearner.classTransformation(options.learner(base));
        };
        UpliftModel model = l.fit(x, PredictSupport.pick(y, train), IntStream.of(train).map(i -> code[i]).toArray());
        double[][] effects = model.effects(encoder.transform(frame));
        int k = treated.size();
        double[] qini = new double[k];
        double[] auuc = new double[k];
        double[][] at = new double[k][KS.length];
        for (int a = 1; a <= k; a++) {
            int aa = a;
            int[] rows = IntStream.of(test).filter(i -> code[i] == 0 || code[i] == aa).toArray();
            double[] ty = PredictSupport.pick(y, rows);
            double[] s = IntStream.of(rows).mapToDouble(i -> effects[i][aa - 1]).toArray();
            int[] t = IntStream.of(rows).map(i -> code[i] == aa ? 1 : 0).toArray();
            try {
                qini[a - 1] = UpliftMetrics.qiniAucScore(ty, s, t);
                auuc[a - 1] = UpliftMetrics.upliftAucScore(ty, s, t);
                for (int q = 0; q < KS.length; q++) {
                    at[a - 1][q] = UpliftMetrics.upliftAtK(ty, s, t, KS[q]);
                }
            } catch (IllegalArgumentException e) {
                throw new BadInputException("treatment '" + treated.get(a - 1) + "' on the test rows: " + e.getMessage(), e);
            }
        }
        result.write(cl.getOut(), result.json() ? json(stats, treated, qini, auuc, at)
                : csv(stats, treated, qini, auuc, at));
        if (scoresOut != null) {
            StringBuilder b = new StringBuilder("row,split,treatment,score\n");
            for (int i = 0; i < effects.length; i++) {
                for (int a = 0; a < k; a++) {
                    b.append(i).append(',').append(residues.get(i % 10) ? "test" : "train").append(',')
                            .append(Output.csv(treated.get(a))).append(',').append(PredictSupport.num(effects[i][a]))
                            .append('\n');
                }
            }
            Output.write(scoresOut, cl.getOut(), b.toString());
        }
        return 0;
    }

    private String json(ArmStatistics stats, List<String> treated, double[] qini, double[] auuc, double[][] at) {
        StringBuilder b = new StringBuilder("{\"learner\":").append(Json.quote(learner.toString())).append(",\"base\":")
                .append(Json.quote(base.name())).append(",\"params\":").append(PredictSupport.params(options.params(base)))
                .append(",\"arms\":[");
        for (int a = 0; a < stats.treatments().size(); a++) {
            ArmStatistics.Treated t = stats.treatments().get(a);
            b.append(a == 0 ? "" : ",").append("{\"treatment\":").append(Json.quote(t.arm().value())).append(",\"n\":")
                    .append(t.arm().n()).append(",\"outcomeRate\":").append(PredictSupport.num(t.arm().outcomeRate()))
                    .append(",\"ate\":").append(PredictSupport.num(t.ate())).append(",\"ateCi95\":[")
                    .append(PredictSupport.num(t.ciLow())).append(',').append(PredictSupport.num(t.ciHigh())).append("]}");
        }
        b.append("],\"control\":{\"value\":").append(Json.quote(control)).append(",\"n\":").append(stats.control().n())
                .append(",\"outcomeRate\":").append(PredictSupport.num(stats.control().outcomeRate())).append('}');
        b.append(",\"qini\":").append(keyed(treated, qini)).append(",\"auuc\":").append(keyed(treated, auuc))
                .append(",\"upliftAt\":");
        if (treated.size() == 1) {
            b.append(upliftAt(at[0]));
        } else {
            b.append('{');
            for (int a = 0; a < treated.size(); a++) {
                b.append(a == 0 ? "" : ",").append(Json.quote(treated.get(a))).append(':').append(upliftAt(at[a]));
            }
            b.append('}');
        }
        return b.append("}\n").toString();
    }

    private static String upliftAt(double[] v) {
        StringBuilder b = new StringBuilder("{");
        for (int q = 0; q < KS.length; q++) {
            b.append(q == 0 ? "" : ",").append(Json.quote(Double.toString(KS[q]))).append(':').append(PredictSupport.num(v[q]));
        }
        return b.append('}').toString();
    }

    private static String keyed(List<String> treated, double[] v) {
        if (treated.size() == 1) {
            return PredictSupport.num(v[0]);
        }
        StringBuilder b = new StringBuilder("{");
        for (int a = 0; a < treated.size(); a++) {
            b.append(a == 0 ? "" : ",").append(Json.quote(treated.get(a))).append(':').append(PredictSupport.num(v[a]));
        }
        return b.append('}').toString();
    }

    private String csv(ArmStatistics stats, List<String> treated, double[] qini, double[] auuc, double[][] at) {
        StringBuilder b = new StringBuilder("arm,n,outcome_rate,ate,ate_ci95_low,ate_ci95_high,qini,auuc,uplift_at_0.1,"
                + "uplift_at_0.3\n");
        b.append(Output.csv(control)).append(',').append(stats.control().n()).append(',')
                .append(PredictSupport.num(stats.control().outcomeRate())).append(",,,,,,,\n");
        for (int a = 0; a < treated.size(); a++) {
            ArmStatistics.Treated t = stats.treatments().get(a);
            b.append(Output.csv(treated.get(a))).append(',').append(t.arm().n()).append(',')
                    .append(PredictSupport.num(t.arm().outcomeRate())).append(',').append(PredictSupport.num(t.ate()))
                    .append(',').append(PredictSupport.num(t.ciLow())).append(',').append(PredictSupport.num(t.ciHigh()))
                    .append(',').append(PredictSupport.num(qini[a])).append(',').append(PredictSupport.num(auuc[a]))
                    .append(',').append(PredictSupport.num(at[a][0])).append(',').append(PredictSupport.num(at[a][1]))
                    .append('\n');
        }
        return b.toString();
    }
}
