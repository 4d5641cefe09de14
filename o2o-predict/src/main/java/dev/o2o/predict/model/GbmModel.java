package dev.o2o.predict.model;

import dev.o2o.core.internal.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.o2o.predict.data.Matrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A fitted gradient-boosted tree ensemble: {@code margin = baseMargin + Σ tree(x)}; the
 * prediction is {@code sigmoid(margin)} for the logistic objective, the margin itself for
 * squared error. Train with {@link #fit(Matrix, double[], GbmConfig)} (or with a validation set
 * for early stopping); save and load with {@link #toJson()} and {@link #fromJson(String)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class GbmModel implements Model, Serializable {
    private static final long serialVersionUID = 1L;
    static final String FORMAT = "o2o-gbm";
    static final int VERSION = 1;

    private final List<String> features;
    private final GbmConfig.Objective objective;
    private final double baseMargin;
    private final List<Tree> trees;
    private final Forest forest;

    GbmModel(List<String> features, GbmConfig.Objective objective, double baseMargin, List<Tree> trees) {
        this.features = List.copyOf(features);
        this.objective = Objects.requireNonNull(objective, "objective");
        if (!Double.isFinite(baseMargin)) {
            throw new IllegalArgumentException("baseMargin is not finite: " + baseMargin);
        }
        this.baseMargin = baseMargin;
        this.trees = List.copyOf(trees);
        this.forest = new Forest(this.trees);
        for (int t = 0; t < this.trees.size(); t++) {
            Tree tree = this.trees.get(t);
            for (int i = 0; i < tree.nodes(); i++) {
                if (tree.left[i] >= 0 && (tree.feature[i] < 0 || tree.feature[i] >= this.features.size())) {
                    throw new IllegalArgumentException("tree " + t + " node " + i + " splits on feature index "
                            + tree.feature[i] + " of " + this.features.size());
                }
            }
        }
    }

    /** Trains on all rows. */
    public static GbmModel fit(Matrix x, double[] labels, GbmConfig config) {
        return Gbm.fit(x, labels, null, null, config);
    }

    /**
     * Trains with a validation set: with {@code earlyStoppingRounds > 0}, boosting stops once the
     * validation loss (mean log-loss or squared error) has not improved for that many rounds, and
     * the model keeps the trees up to its best round.
     */
    public static GbmModel fit(Matrix x, double[] labels, Matrix validX, double[] validLabels, GbmConfig config) {
        Objects.requireNonNull(validX, "validX");
        Objects.requireNonNull(validLabels, "validLabels");
        return Gbm.fit(x, labels, validX, validLabels, config);
    }

    @Override
    public List<String> features() {
        return features;
    }

    /** The loss the model was trained for. */
    public GbmConfig.Objective objective() {
        return objective;
    }

    /** Number of trees. */
    public int trees() {
        return trees.size();
    }

    /** The raw sum before the link function. */
    public double margin(double[] row) {
        Models.checkRow(features, row);
        return forest.sum(baseMargin, row);
    }

    @Override
    public double predict(double[] row) {
        double m = margin(row);
        return objective == GbmConfig.Objective.LOGISTIC ? Models.sigmoid(m) : m;
    }

    /**
     * Scores every row: blocks of 128 rows in parallel (common fork-join pool), each block copied
     * row by row into a small array and scored tree by tree (a faster step for blocks without
     * missing values). Equal to scoring row by row, to the bit.
     */
    @Override
    public double[] predict(Matrix x) {
        Models.checkColumns(features, x);
        int n = x.rows();
        double[][] cols = new double[features.size()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = Matrix.Access.view(x, j);
        }
        double[] out = new double[n];
        int width = cols.length;
        int block = 128; // 50 columns × 128 rows of doubles stay in the first-level cache
        IntStream.range(0, (n + block - 1) / block).parallel().forEach(b -> {
            int from = b * block;
            int to = Math.min(n, from + block);
            int len = to - from;
            double[] rows = new double[len * width];
            boolean missing = false;
            for (int j = 0; j < width; j++) {
                for (int k = 0; k < len; k++) {
                    double v = cols[j][from + k];
                    missing |= v != v;
                    rows[k * width + j] = v + 0.0; // -0.0 becomes 0.0, which compares the same
                }
            }
            Arrays.fill(out, from, to, baseMargin);
            int[] node = new int[len];
            for (int t = 0; t < forest.trees(); t++) {
                if (missing) {
                    forest.add(t, rows, width, len, out, from, node);
                } else { // a Matrix holds no infinite value
                    forest.addFinite(t, rows, width, len, out, from, node);
                }
            }
            if (objective == GbmConfig.Objective.LOGISTIC) {
                for (int i = from; i < to; i++) {
                    out[i] = Models.sigmoid(out[i]);
                }
            }
        });
        return out;
    }

    /** Total split gain per feature (XGBoost's {@code total_gain}), every feature listed, in column order. */
    public Map<String, Double> importance() {
        double[] gain = new double[features.size()];
        for (Tree t : trees) {
            for (int i = 0; i < t.nodes(); i++) {
                if (t.left[i] >= 0) {
                    gain[t.feature[i]] += t.gain[i];
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < gain.length; j++) {
            out.put(features.get(j), gain[j]);
        }
        return out;
    }

    /** The model as JSON (format {@code o2o-gbm}, version 1); doubles in full precision. */
    public String toJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION).put("objective", objective.name())
                .put("baseMargin", baseMargin);
        ArrayNode fs = root.putArray("features");
        features.forEach(fs::add);
        ArrayNode ts = root.putArray("trees");
        for (Tree t : trees) {
            ObjectNode o = ts.addObject();
            ArrayNode feature = o.putArray("feature");
            ArrayNode threshold = o.putArray("threshold");
            ArrayNode defaultLeft = o.putArray("defaultLeft");
            ArrayNode left = o.putArray("left");
            ArrayNode right = o.putArray("right");
            ArrayNode value = o.putArray("value");
            ArrayNode gain = o.putArray("gain");
            ArrayNode cover = o.putArray("cover");
            for (int i = 0; i < t.nodes(); i++) {
                feature.add(t.feature[i]);
                threshold.add(t.threshold[i]);
                defaultLeft.add(t.defaultLeft[i]);
                left.add(t.left[i]);
                right.add(t.right[i]);
                value.add(t.value[i]);
                gain.add(t.gain[i]);
                cover.add(t.cover[i]);
            }
        }
        try {
            return om.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toJson()} wrote; refuses another format or version, naming what it found. */
    public static GbmModel fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + Messages.json(e), e);
        }
        if (!FORMAT.equals(text(root, "format")) || root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("not an " + FORMAT + " version " + VERSION + " model: format "
                    + root.path("format") + ", version " + root.path("version"));
        }
        List<String> features = new ArrayList<>();
        for (String field : List.of("features", "trees")) {
            if (!root.path(field).isArray()) {
                throw new IllegalArgumentException("model JSON has no array field '" + field + "'");
            }
        }
        root.path("features").forEach(n -> features.add(n.asText()));
        List<Tree> trees = new ArrayList<>();
        int k = 0;
        for (JsonNode t : root.path("trees")) {
            String tree = "model JSON tree " + k++;
            int m = t.path("feature").size();
            if (m == 0) {
                throw new IllegalArgumentException(tree + " has no nodes (no 'feature' entries)");
            }
            int[] feature = new int[m];
            double[] threshold = new double[m];
            boolean[] defaultLeft = new boolean[m];
            int[] left = new int[m];
            int[] right = new int[m];
            double[] value = new double[m];
            double[] gain = new double[m];
            double[] cover = new double[m];
            for (String field : List.of("feature", "threshold", "defaultLeft", "left", "right", "value", "gain", "cover")) {
                JsonNode a = t.path(field);
                if (!a.isArray() || a.size() != m) {
                    throw new IllegalArgumentException(tree + ": '" + field + "' must be an array of " + m
                            + " entries, one per node; found " + a.getNodeType() + (a.isArray() ? " of " + a.size() : ""));
                }
                for (int i = 0; i < m; i++) {
                    JsonNode v = a.get(i);
                    boolean integer = field.equals("feature") || field.equals("left") || field.equals("right");
                    boolean flag = field.equals("defaultLeft");
                    boolean ok = integer ? v.isIntegralNumber() && v.canConvertToInt() : flag ? v.isBoolean() : v.isNumber();
                    if (!ok) {
                        throw new IllegalArgumentException(tree + ": '" + field + "' entry " + i + " is not "
                                + (integer ? "an integer" : flag ? "a boolean" : "a number") + ": " + v);
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                feature[i] = t.path("feature").path(i).asInt();
                threshold[i] = t.path("threshold").path(i).asDouble();
                defaultLeft[i] = t.path("defaultLeft").path(i).asBoolean();
                left[i] = t.path("left").path(i).asInt();
                right[i] = t.path("right").path(i).asInt();
                value[i] = t.path("value").path(i).asDouble();
                gain[i] = t.path("gain").path(i).asDouble();
                cover[i] = t.path("cover").path(i).asDouble();
            }
            trees.add(new Tree(feature, threshold, defaultLeft, left, right, value, gain, cover));
        }
        JsonNode baseMargin = root.get("baseMargin");
        if (baseMargin == null || !baseMargin.isNumber()) {
            throw new IllegalArgumentException("model JSON has no number field 'baseMargin'");
        }
        return new GbmModel(features, GbmConfig.Objective.valueOf(text(root, "objective")),
                baseMargin.asDouble(), trees);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("model JSON has no text field '" + field + "'");
        }
        return v.asText();
    }
}
