package dev.o2o.examples.cli;

import dev.o2o.predict.data.ColumnType;
import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.FrameCsv;
import dev.o2o.predict.data.Schema;
import dev.o2o.predict.model.GbmConfig;
import dev.o2o.predict.model.Learner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What {@code predict} and {@code uplift} share: reading the data, the split, the learner options. */
final class PredictSupport {
    private PredictSupport() {
    }

    /** The base learners of {@code --model} and {@code --base}. */
    enum Base {
        logistic, gbm
    }

    /** The categorical columns and the test rows of {@code predict} and {@code uplift}. Not thread-safe (picocli fills it). */
    static final class DataOptions {
        @Option(names = "--categorical", split = ",", paramLabel = "d,e", description = "categorical feature columns")
        List<String> categorical = new ArrayList<>();

        @Option(names = "--test-rows", defaultValue = "mod10:0,1,2", paramLabel = "mod10:a,b", description = "test rows "
                + "(default ${DEFAULT-VALUE})")
        String testRows;
    }

    /** Hyper-parameters of the base learner. Not thread-safe (picocli fills it). */
    static final class LearnerOptions {
        @Option(names = "--trees", defaultValue = "100", paramLabel = "N", description = "gbm: trees (default ${DEFAULT-VALUE})")
        int trees;

        @Option(names = "--depth", defaultValue = "6", paramLabel = "D", description = "gbm: max depth (default ${DEFAULT-VALUE})")
        int depth;

        @Option(names = "--learning-rate", defaultValue = "0.3", paramLabel = "E",
                description = "gbm: learning rate (default ${DEFAULT-VALUE})")
        double learningRate;

        @Option(names = "--l2", defaultValue = "1.0", paramLabel = "L", description = "logistic: L/2·‖w‖² on the summed "
                + "log-loss, intercept unpenalised (scikit-learn C = 1/L); gbm: L2 on leaf values (XGBoost lambda); "
                + "default ${DEFAULT-VALUE}")
        double l2;

        @Option(names = "--min-child-weight", defaultValue = "1.0", paramLabel = "W",
                description = "gbm: XGBoost min_child_weight (default ${DEFAULT-VALUE})")
        double minChildWeight;

        @Option(names = "--bins", defaultValue = "256", paramLabel = "B", description = "gbm: XGBoost max_bin (default ${DEFAULT-VALUE})")
        int bins;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "gbm: sampling seed (default ${DEFAULT-VALUE})")
        long seed;

        /** The options that only gbm reads; --l2 is read by both learners. */
        private static final List<String> GBM_ONLY = List.of("--trees", "--depth", "--learning-rate",
                "--min-child-weight", "--bins", "--seed");

        /**
         * Checks the options before any data is read, under the options' names (the library names its
         * own fields, such as maxDepth). A gbm-only option typed with the logistic learner
         * ({@code baseOption} is {@code --model} or {@code --base}) is refused: ignored, it would look
         * as if it had taken effect.
         */
        void check(CommandLine cl, Base base, String baseOption) {
            refuseUnless(cl, Double.isFinite(l2) && l2 >= 0, "--l2 must be a finite number >= 0, got " + l2);
            if (base != Base.gbm) {
                for (String option : GBM_ONLY) {
                    refuseUnless(cl, !cl.getParseResult().hasMatchedOption(option),
                            option + " applies to " + baseOption + " gbm only");
                }
                return;
            }
            refuseUnless(cl, trees >= 1, "--trees must be at least 1, got " + trees);
            // the library's depth 0 (no limit) needs a leaf limit, which the command line does not offer
            refuseUnless(cl, depth >= 1 && depth <= 30, "--depth must be within 1..30, got " + depth);
            refuseUnless(cl, learningRate > 0 && learningRate <= 1,
                    "--learning-rate must be within (0, 1], got " + learningRate);
            refuseUnless(cl, Double.isFinite(minChildWeight) && minChildWeight >= 0,
                    "--min-child-weight must be a finite number >= 0, got " + minChildWeight);
            refuseUnless(cl, bins >= 2 && bins <= 65535, "--bins must be within 2..65535, got " + bins);
        }

        private static void refuseUnless(CommandLine cl, boolean valid, String message) {
            if (!valid) {
                throw new CommandLine.ParameterException(cl, message);
            }
        }

        GbmConfig gbm(GbmConfig.Objective objective) {
            GbmConfig.Builder b = GbmConfig.builder().objective(objective).trees(trees).maxDepth(depth)
                    .learningRate(learningRate).l2(l2).minChildWeight(minChildWeight).maxBins(bins).seed(seed);
            if (objective == GbmConfig.Objective.SQUARED_ERROR) {
                b.baseScore(0);
            }
            return b.build();
        }

        Learner learner(Base base) {
            return base == Base.logistic ? Learner.logistic(l2) : Learner.gbm(gbm(GbmConfig.Objective.LOGISTIC));
        }

        /** A regression learner of the same kind (the X-learner's effect models). */
        Learner regression(Base base) {
            return base == Base.logistic ? Learner.ridge(l2) : Learner.gbm(gbm(GbmConfig.Objective.SQUARED_ERROR));
        }

        Map<String, Object> params(Base base) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("l2", l2);
            if (base == Base.gbm) {
                p.put("trees", trees);
                p.put("depth", depth);
                p.put("learningRate", learningRate);
                p.put("minChildWeight", minChildWeight);
                p.put("bins", bins);
                p.put("seed", seed);
            }
            return p;
        }
    }

    /**
     * Reads the data: {@code categorical} columns as levels, {@code text} columns as levels too
     * (treatment), every other named column as numbers.
     */
    static Frame read(Path data, List<String> columns, List<String> categorical) {
        Output.requireFile(data, "--data");
        List<String> header = FrameCsv.header(data);
        for (String c : columns) {
            if (!header.contains(c)) {
                throw new BadInputException("column '" + c + "' is not in the header of " + data + ": " + header);
            }
        }
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String c : columns) {
            types.put(c, categorical.contains(c) ? ColumnType.CATEGORICAL : ColumnType.NUMERIC);
        }
        return FrameCsv.read(data, new Schema(types));
    }

    /** The feature list: given, or every header column not excluded. */
    static List<String> features(Path data, List<String> given, List<String> categorical, List<String> excluded) {
        List<String> out = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            Output.requireFile(data, "--data");
            for (String c : FrameCsv.header(data)) {
                if (!excluded.contains(c)) {
                    out.add(c);
                }
            }
        } else {
            for (String c : given) {
                // a column twice would be two features, silently doubling its weight
                if (out.contains(c)) {
                    throw new BadInputException("--features names column '" + c + "' twice");
                }
                out.add(c);
            }
        }
        for (String c : out) {
            if (excluded.contains(c)) {
                throw new BadInputException("column '" + c + "' cannot be a feature: it is the " + "label, treatment or outcome");
            }
        }
        for (String c : categorical) {
            if (!out.contains(c)) {
                throw new BadInputException("--categorical column '" + c + "' is not among the features " + out);
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException("no feature columns");
        }
        return out;
    }

    /** The test-row residues of {@code mod10:a,b,c}. */
    static BitSet testResidues(String spec) {
        if (!spec.startsWith("mod10:")) {
            throw new BadInputException("--test-rows must look like mod10:0,1,2, got '" + spec + "'");
        }
        BitSet set = new BitSet(10);
        for (String s : spec.substring(6).split(",")) {
            try {
                int v = Integer.parseInt(s.trim());
                if (v < 0 || v > 9) {
                    throw new NumberFormatException();
                }
                set.set(v);
            } catch (NumberFormatException e) {
                throw new BadInputException("--test-rows: residue must be 0..9, got '" + s + "'");
            }
        }
        if (set.cardinality() == 0 || set.cardinality() == 10) {
            throw new BadInputException("--test-rows must leave both training and test rows: '" + spec + "'");
        }
        return set;
    }

    /** Rows of the test set ({@code test = true}) or the training set. */
    static int[] split(int rows, BitSet residues, boolean test) {
        int[] out = IntStream.range(0, rows).filter(i -> residues.get(i % 10) == test).toArray();
        if (out.length < 2) {
            throw new BadInputException("too few rows for the split: " + rows + " data rows give " + out.length + " "
                    + (test ? "test" : "training") + " rows");
        }
        return out;
    }

    /** A 0/1 column (no missing values), or a message naming the first bad row's line. */
    static double[] binary(Frame f, String column, String what) {
        double[] v = f.numeric(column);
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                throw new BadInputException(what + " '" + column + "' must be 0 or 1: data row " + i + " (line " + (i + 2)
                        + ") has " + (Double.isNaN(v[i]) ? "a missing value" : v[i]));
            }
        }
        return v;
    }

    /** A JSON number in full precision (round-trips to the same double), or null. */
    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String params(Map<String, Object> p) {
        StringBuilder b = new StringBuilder("{");
        p.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(Json.quote(k)).append(':')
                .append(v instanceof Double d ? num(d) : v.toString()));
        return b.append('}').toString();
    }

    static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }
}
