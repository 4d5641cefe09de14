package dev.o2o.predict.model;

import dev.o2o.core.internal.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores with a tree model trained by XGBoost (1.x) and saved in its JSON format
 * ({@code booster.save_model("model.json")}), with no native library: a team trains in Python and
 * scores in Java.
 *
 * <p>It reproduces XGBoost's arithmetic: feature values are compared as 32-bit floats
 * ({@code x < split_condition} goes left, a missing value takes the node's default side), leaf
 * values are summed in 32-bit floats onto the base margin in tree order, and
 * {@code binary:logistic} applies the sigmoid. Supported: the {@code gbtree} booster with
 * numeric splits and one output, objectives {@code binary:logistic}, {@code binary:logitraw},
 * {@code reg:squarederror}, {@code reg:linear} and {@code reg:logistic}; anything else is refused
 * by name.
 *
 * <p>Immutable and thread-safe.
 */
public final class XgboostModel implements Model, Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> features;
    private final String objective;
    private final float baseMargin;
    private final int[][] left;
    private final int[][] right;
    private final int[][] index;
    private final float[][] condition;
    private final boolean[][] defaultLeft;

    private XgboostModel(List<String> features, String objective, float baseMargin, int[][] left, int[][] right,
                         int[][] index, float[][] condition, boolean[][] defaultLeft) {
        this.features = List.copyOf(features);
        this.objective = objective;
        this.baseMargin = baseMargin;
        this.left = left;
        this.right = right;
        this.index = index;
        this.condition = condition;
        this.defaultLeft = defaultLeft;
    }

    /** Reads a model file saved by XGBoost as JSON. */
    public static XgboostModel read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Messages.io(e), e);
        }
    }

    /** Parses XGBoost's JSON model text. */
    public static XgboostModel fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + Messages.json(e), e);
        }
        JsonNode learner = require(root, "learner");
        JsonNode booster = require(learner, "gradient_booster");
        String boosterName = booster.path("name").asText();
        if (!boosterName.equals("gbtree")) {
            throw new IllegalArgumentException("unsupported XGBoost booster '" + boosterName + "'; only gbtree is");
        }
        JsonNode param = require(learner, "learner_model_param");
        int numClass = count(param, "num_class", "0");
        if (numClass > 1 || count(param, "num_target", "1") > 1) {
            throw new IllegalArgumentException("multi-output XGBoost models are not supported (num_class " + numClass + ")");
        }
        String objective = require(learner, "objective").path("name").asText();
        String baseText = param.path("base_score").asText();
        float baseScore;
        try {
            baseScore = Float.parseFloat(baseText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("XGBoost base_score is not a number: '" + baseText + "'", e);
        }
        boolean probability = objective.equals("binary:logistic") || objective.equals("reg:logistic");
        if (probability ? !(baseScore > 0 && baseScore < 1) : !Float.isFinite(baseScore)) {
            throw new IllegalArgumentException("XGBoost base_score must be " + (probability ? "in (0, 1)" : "finite")
                    + " for objective " + objective + ": " + baseScore);
        }
        float baseMargin = switch (objective) {
            case "binary:logistic", "reg:logistic" -> (float) -Math.log(1.0 / baseScore - 1.0);
            case "binary:logitraw", "reg:squarederror", "reg:linear" -> baseScore;
            default -> throw new IllegalArgumentException("unsupported XGBoost objective '" + objective
                    + "'; supported: binary:logistic, binary:logitraw, reg:logistic, reg:squarederror, reg:linear");
        };
        int numFeature = count(param, "num_feature", "");
        List<String> names = new ArrayList<>();
        JsonNode fn = learner.path("feature_names");
        if (fn.isArray() && fn.size() == numFeature) {
            fn.forEach(n -> names.add(n.asText()));
        } else {
            for (int j = 0; j < numFeature; j++) {
                names.add("f" + j);
            }
        }
        JsonNode trees = require(require(booster, "model"), "trees");
        int t = trees.size();
        int[][] left = new int[t][];
        int[][] right = new int[t][];
        int[][] index = new int[t][];
        float[][] condition = new float[t][];
        boolean[][] defaultLeft = new boolean[t][];
        for (int k = 0; k < t; k++) {
            JsonNode tree = trees.get(k);
            left[k] = ints(tree, "left_children");
            right[k] = ints(tree, "right_children");
            index[k] = ints(tree, "split_indices");
            int[] dl = ints(tree, "default_left");
            int[] type = tree.has("split_type") ? ints(tree, "split_type") : new int[dl.length];
            JsonNode sc = require(tree, "split_conditions");
            int m = left[k].length;
            if (right[k].length != m || index[k].length != m || dl.length != m || sc.size() != m) {
                throw new IllegalArgumentException("tree " + k + ": node arrays of different lengths");
            }
            condition[k] = new float[m];
            defaultLeft[k] = new boolean[m];
            for (int i = 0; i < m; i++) {
                condition[k][i] = (float) sc.get(i).asDouble();
                defaultLeft[k][i] = dl[i] != 0;
                if (left[k][i] >= 0) {
                    if (type[i] != 0) {
                        throw new IllegalArgumentException("tree " + k + " node " + i + ": categorical splits are not supported");
                    }
                    if (index[k][i] < 0 || index[k][i] >= numFeature || left[k][i] >= m || right[k][i] < 0
                            || right[k][i] >= m || left[k][i] <= i || right[k][i] <= i) {
                        throw new IllegalArgumentException("tree " + k + " node " + i + ": bad split or children");
                    }
                }
            }
        }
        return new XgboostModel(names, objective, baseMargin, left, right, index, condition, defaultLeft);
    }

    private static JsonNode require(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("not an XGBoost JSON model: no '" + field + "'");
        }
        return v;
    }

    /** A count of learner_model_param (XGBoost writes them as strings); {@code absent} where it is missing. */
    private static int count(JsonNode param, String field, String absent) {
        String text = param.path(field).asText(absent);
        try {
            int v = Integer.parseInt(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Integer's message names neither the field nor the model: reported below
        }
        throw new IllegalArgumentException("XGBoost " + field + " is not a non-negative integer: " + Messages.quote(text));
    }

    private static int[] ints(JsonNode n, String field) {
        JsonNode a = require(n, field);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    @Override
    public List<String> features() {
        return features;
    }

    /** XGBoost's objective name. */
    public String objective() {
        return objective;
    }

    /** Number of trees. */
    public int trees() {
        return left.length;
    }

    /** The margin (XGBoost's {@code output_margin=True}), in 32-bit float arithmetic. */
    public float margin(double[] row) {
        Models.checkRow(features, row);
        float sum = baseMargin;
        for (int k = 0; k < left.length; k++) {
            int[] l = left[k];
            int n = 0;
            while (l[n] >= 0) {
                double x = row[index[k][n]];
                if (Double.isNaN(x)) {
                    n = defaultLeft[k][n] ? l[n] : right[k][n];
                } else {
                    n = (float) x < condition[k][n] ? l[n] : right[k][n];
                }
            }
            sum += condition[k][n];
        }
        return sum;
    }

    @Override
    public double predict(double[] row) {
        float m = margin(row);
        return switch (objective) {
            case "binary:logistic", "reg:logistic" -> (float) (1.0 / (1.0 + Math.exp(-m)));
            default -> m;
        };
    }
}
