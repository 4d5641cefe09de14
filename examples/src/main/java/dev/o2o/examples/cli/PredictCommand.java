package dev.o2o.examples.cli;

import dev.o2o.predict.data.Encoding;
import dev.o2o.predict.data.FeatureEncoder;
import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.metrics.Metrics;
import dev.o2o.predict.model.LogisticModel;
import dev.o2o.predict.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o predict}: trains a propensity model on the training rows and scores the test rows. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Trains a binary classifier (logistic regression or gradient-boosted trees) on a CSV file "
                + "and reports its test AUC and log loss.",
                "--test-rows mod10:0,1,2 (the default) puts the data rows whose 0-based index i has i % 10 in "
                        + "{0,1,2} into the test set, the rest into training. Categorical columns are one-hot "
                        + "encoded with one column per level seen in training (an unseen level: all zeros).",
                "JSON: {\"model\":..,\"params\":{..},\"trainRows\":..,\"testRows\":..,\"auc\":..,\"logLoss\":..,"
                        + "\"coefficients\":{..} (logistic)}. --scores-out writes row,split,score."})
final class PredictCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "the data, with a header row")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "the 0/1 label column")
    String label;

    @Option(names = "--features", split = ",", paramLabel = "a,b,c", description = "feature columns (default: all but the label)")
    List<String> features;

    @Option(names = "--model", required = true, paramLabel = "logistic|gbm", description = "${COMPLETION-CANDIDATES}")
    PredictSupport.Base model;

    @CommandLine.Mixin
    PredictSupport.LearnerOptions options = new PredictSupport.LearnerOptions();

    @CommandLine.Mixin
    PredictSupport.DataOptions dataOptions = new PredictSupport.DataOptions();

    @CommandLine.Mixin
    Output.Options result = new Output.Options();

    @Option(names = "--scores-out", paramLabel = "FILE", description = "write row,split,score for every row here")
    Path scoresOut;

    @Override
    public Integer call() {
        options.check(spec.commandLine(), model, "--model");
        BitSet residues = PredictSupport.testResidues(dataOptions.testRows);
        List<String> feats = PredictSupport.features(data, features, dataOptions.categorical, List.of(label));
        List<String> columns = new ArrayList<>(feats);
        columns.add(label);
        Frame frame = PredictSupport.read(data, columns, dataOptions.categorical);
        double[] y = PredictSupport.binary(frame, label, "--label");
        int[] train = PredictSupport.split(frame.rows(), residues, false);
        int[] test = PredictSupport.split(frame.rows(), residues, true);
        FeatureEncoder encoder = FeatureEncoder.fit(frame.select(train), feats, Encoding.ONE_HOT);
        Matrix x = encoder.transform(frame.select(train));
        Matrix tx = encoder.transform(frame.select(test));
        double[] ty = PredictSupport.pick(y, test);
        CommandLine cl = spec.commandLine();
        cl.getErr().println("read " + frame.rows() + " rows; training " + model + " on " + train.length + " rows, "
                + x.columns() + " features; testing on " + test.length);
        Model m = options.learner(model).fit(x, PredictSupport.pick(y, train));
        double[] scores = m.predict(tx);
        double auc = Metrics.rocAuc(ty, scores);
        double logLoss = Metrics.logLoss(ty, scores);
        Map<String, Object> params = options.params(model);
        String text;
        if (result.json()) {
            StringBuilder b = new StringBuilder("{\"model\":").append(Json.quote(model.name())).append(",\"params\":")
                    .append(PredictSupport.params(params)).append(",\"trainRows\":").append(train.length)
                    .append(",\"testRows\":").append(test.length).append(",\"auc\":").append(PredictSupport.num(auc))
                    .append(",\"logLoss\":").append(PredictSupport.num(logLoss));
            if (m instanceof LogisticModel lm) {
                b.append(",\"intercept\":").append(PredictSupport.num(lm.intercept())).append(",\"coefficients\":{");
                appendMap(b, lm.features(), lm.coefficients());
                b.append("},\"standardErrors\":{");
                appendMap(b, lm.features(), lm.standardErrors());
                b.append('}');
            }
            text = b.append("}\n").toString();
        } else {
            StringBuilder b = new StringBuilder("metric,value\n").append("model,").append(model).append('\n')
                    .append("trainRows,").append(train.length).append('\n').append("testRows,").append(test.length)
                    .append('\n').append("auc,").append(PredictSupport.num(auc)).append('\n').append("logLoss,")
                    .append(PredictSupport.num(logLoss)).append('\n');
            if (m instanceof LogisticModel lm) {
                b.append("intercept,").append(PredictSupport.num(lm.intercept())).append('\n');
                for (int j = 0; j < lm.features().size(); j++) {
                    b.append(Output.csv("coefficient:" + lm.features().get(j))).append(',')
                            .append(PredictSupport.num(lm.coefficients()[j])).append('\n');
                }
            }
            text = b.toString();
        }
        result.write(cl.getOut(), text);
        if (scoresOut != null) {
            double[] all = m.predict(encoder.transform(frame));
            StringBuilder s = new StringBuilder("row,split,score\n");
            for (int i = 0; i < all.length; i++) {
                s.append(i).append(',').append(residues.get(i % 10) ? "test" : "train").append(',')
                        .append(PredictSupport.num(all[i])).append('\n');
            }
            Output.write(scoresOut, cl.getOut(), s.toString());
        }
        return 0;
    }

    private static void appendMap(StringBuilder b, List<String> names, double[] values) {
        for (int j = 0; j < names.size(); j++) {
            b.append(j == 0 ? "" : ",").append(Json.quote(names.get(j))).append(':').append(PredictSupport.num(values[j]));
        }
    }
}
