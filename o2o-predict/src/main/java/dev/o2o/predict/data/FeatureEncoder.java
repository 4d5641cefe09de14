package dev.o2o.predict.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns chosen columns of a {@link Frame} into a {@link Matrix}, with the categorical levels
 * fixed by the training frame so that test and production frames get the same columns.
 * Numeric columns pass through ({@code NaN} stays missing); categorical columns are encoded per
 * {@link Encoding}, and a level not seen in training gets that encoding's defined value rather
 * than an exception.
 *
 * <p>Immutable and thread-safe once fitted.
 */
public final class FeatureEncoder {
    private final List<String> features;
    private final Encoding encoding;
    private final Map<String, List<String>> levels; // categorical column -> training levels
    private final List<String> outputNames;

    private FeatureEncoder(List<String> features, Encoding encoding, Map<String, List<String>> levels) {
        this.features = List.copyOf(features);
        this.encoding = encoding;
        this.levels = levels;
        List<String> out = new ArrayList<>();
        for (String f : features) {
            List<String> lv = levels.get(f);
            if (lv == null || encoding == Encoding.ORDINAL) {
                out.add(f);
            } else {
                for (String l : lv) {
                    out.add(f + "=" + l);
                }
            }
        }
        Matrix.checkNames(out);
        this.outputNames = List.copyOf(out);
    }

    /** Learns the levels of the categorical features from a training frame. */
    public static FeatureEncoder fit(Frame train, List<String> features, Encoding encoding) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(encoding, "encoding");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("features must not be empty");
        }
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String f : features) {
            if (train.type(f) == ColumnType.CATEGORICAL) {
                Frame.Categorical c = train.categoricalView(f);
                boolean[] seen = new boolean[c.levels().size()];
                for (int code : c.codes()) {
                    if (code >= 0) {
                        seen[code] = true;
                    }
                }
                List<String> used = new ArrayList<>();
                for (int i = 0; i < seen.length; i++) {
                    if (seen[i]) {
                        used.add(c.levels().get(i));
                    }
                }
                levels.put(f, List.copyOf(used));
            }
        }
        return new FeatureEncoder(features, encoding, levels);
    }

    /** The names of the matrix columns this encoder produces. */
    public List<String> outputNames() {
        return outputNames;
    }

    /** The input features in order. */
    public List<String> features() {
        return features;
    }

    /** Encodes a frame with the columns of the training frame. */
    public Matrix transform(Frame frame) {
        int n = frame.rows();
        double[][] cols = new double[outputNames.size()][];
        int k = 0;
        for (String f : features) {
            List<String> lv = levels.get(f);
            if (lv == null) {
                if (frame.type(f) != ColumnType.NUMERIC) {
                    throw new IllegalArgumentException("column '" + f + "' was numeric in training, is categorical here");
                }
                cols[k++] = frame.numericView(f).clone();
                continue;
            }
            Frame.Categorical c = frame.categoricalView(f);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < lv.size(); i++) {
                index.put(lv.get(i), i);
            }
            int[] map = new int[c.levels().size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = index.getOrDefault(c.levels().get(i), -1);
            }
            if (encoding == Encoding.ORDINAL) {
                double[] col = new double[n];
                for (int r = 0; r < n; r++) {
                    int code = c.codes()[r];
                    int m = code < 0 ? -1 : map[code];
                    col[r] = m < 0 ? Double.NaN : m;
                }
                cols[k++] = col;
            } else {
                for (int l = 0; l < lv.size(); l++) {
                    cols[k + l] = new double[n];
                }
                for (int r = 0; r < n; r++) {
                    int code = c.codes()[r];
                    int m = code < 0 ? -1 : map[code];
                    if (m >= 0) {
                        cols[k + m][r] = 1.0;
                    }
                }
                k += lv.size();
            }
        }
        return Matrix.wrap(outputNames, cols, n);
    }
}
