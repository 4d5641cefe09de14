package dev.o2o.examples.cli;

import dev.o2o.predict.data.Frame;
import dev.o2o.predict.metrics.Metrics;
import dev.o2o.risk.forest.ForestConfig;
import dev.o2o.risk.forest.IsolationForest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o anomalies}: isolation-forest scores of every row of a CSV, and the AUC against a label. */
@Command(name = "anomalies", mixinStandardHelpOptions = true,
        description = {"Scores every row of a CSV with an isolation forest (Liu, Ting & Zhou 2008; o2o-risk): "
                + "higher is more anomalous, in (0, 1], minus scikit-learn's score_samples.",
                "Without --scores-out the scores go to stdout as row,score (row = 0-based data row). With "
                        + "--label (a 0/1 column, not a feature) the summary gives the AUC: "
                        + "{\"rows\":..,\"trees\":..,\"sample\":..,\"auc\":..}."})
final class AnomaliesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "rows with a header")
    Path data;

    @Option(names = "--features", split = ",", paramLabel = "COLUMN", description = "numeric feature columns "
            + "(default: every column but the label)")
    List<String> features;

    @Option(names = "--label", paramLabel = "COLUMN", description = "a 0/1 column to compute the AUC against")
    String label;

    @Option(names = "--trees", defaultValue = "100", description = "number of trees (default ${DEFAULT-VALUE})")
    int trees;

    @Option(names = "--sample", defaultValue = "256", description = "rows per tree (default ${DEFAULT-VALUE})")
    int sample;

    @Option(names = "--extended", description = "random hyperplane splits (extended isolation forest)")
    boolean extended;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json", description = "summary format: "
            + "${COMPLETION-CANDIDATES}")
    Format format;

    @Option(names = "--scores-out", paramLabel = "FILE", description = "write row,score here; stdout then gets the summary")
    Path scoresOut;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (trees < 1) {
            throw new CommandLine.ParameterException(cl, "--trees must be at least 1, got " + trees);
        }
        if (sample < 2) {
            throw new CommandLine.ParameterException(cl, "--sample must be at least 2, got " + sample);
        }
        List<String> excluded = label == null ? List.of() : List.of(label);
        List<String> cols = PredictSupport.features(data, features, List.of(), excluded);
        List<String> read = new ArrayList<>(cols);
        if (label != null) {
            read.add(label);
        }
        Frame frame = PredictSupport.read(data, read, List.of());
        double[][] rows = new double[frame.rows()][cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            double[] v = frame.numeric(cols.get(j));
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    // the reader refuses NaN and infinite text, so a non-finite value here is a missing cell
                    throw new BadInputException(data.getFileName() + ": data row " + i + " (0-based), column '"
                            + cols.get(j) + "' is missing (an empty, NA or null cell): every feature needs a finite"
                            + " number");
                }
                rows[i][j] = v[i];
            }
        }
        if (rows.length == 0) {
            throw new BadInputException(data + " has no data rows");
        }
        if (rows.length == 1) {
            throw new BadInputException(data + " has one data row: an isolation forest needs at least two");
        }
        IsolationForest forest = IsolationForest.fit(rows, new ForestConfig(trees, sample, extended, seed));
        double[] scores = forest.scoreAll(rows);
        StringBuilder csv = new StringBuilder("row,score\n");
        for (int i = 0; i < scores.length; i++) {
            csv.append(i).append(',').append(Output.num(scores[i])).append('\n');
        }
        if (label == null && scoresOut == null) {
            Output.write(null, cl.getOut(), csv.toString());
            return 0;
        }
        if (scoresOut != null) {
            Output.write(scoresOut, cl.getOut(), csv.toString());
        }
        Double auc = null;
        if (label != null) {
            double[] y = frame.numeric(label);
            for (int i = 0; i < y.length; i++) {
                if (y[i] != 0 && y[i] != 1) {
                    throw new BadInputException(data.getFileName() + ": data row " + i + " (0-based), label '" + label
                            + "' is " + (Double.isNaN(y[i]) ? "missing (an empty, NA or null cell)" : Output.num(y[i]))
                            + ", expected 0 or 1");
                }
            }
            try {
                auc = Metrics.rocAuc(y, scores);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--label " + label + ": " + e.getMessage(), e);
            }
        }
        String summary = format == Format.json
                ? "{\"rows\":" + rows.length + ",\"trees\":" + trees + ",\"sample\":" + forest.sampleSize()
                + (auc == null ? "" : ",\"auc\":" + Json.num(auc)) + "}\n"
                : "rows,trees,sample" + (auc == null ? "" : ",auc") + "\n" + rows.length + "," + trees + ","
                + forest.sampleSize() + (auc == null ? "" : "," + Output.num(auc)) + "\n";
        Output.write(null, cl.getOut(), summary);
        return 0;
    }
}
