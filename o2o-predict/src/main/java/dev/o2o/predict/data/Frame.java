package dev.o2o.predict.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A column-oriented table of numeric and categorical columns, all of the same length, with
 * missing values as a first-class state: a missing numeric cell is {@code NaN} (no other NaN
 * and no infinity can enter a frame), a missing categorical cell has no level.
 *
 * <p>Immutable and thread-safe: arrays are copied in and out.
 */
public final class Frame {

    /** Code of a missing categorical cell. */
    static final int MISSING_LEVEL = -1;

    private final int rows;
    private final LinkedHashMap<String, Object> columns; // double[] or Categorical

    /** A categorical column: sorted levels and per-row codes into them ({@link #MISSING_LEVEL} when missing). */
    record Categorical(List<String> levels, int[] codes) {
    }

    private Frame(int rows, LinkedHashMap<String, Object> columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** A builder of a frame. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Column names in order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /** Whether the frame has a column of this name. */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The type of a column. */
    public ColumnType type(String name) {
        return column(name) instanceof double[] ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
    }

    private Object column(String name) {
        Object c = columns.get(Objects.requireNonNull(name, "name"));
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + columns.keySet());
        }
        return c;
    }

    /** A copy of a numeric column ({@code NaN} where missing). */
    public double[] numeric(String name) {
        return numericView(name).clone();
    }

    double[] numericView(String name) {
        Object c = column(name);
        if (!(c instanceof double[] d)) {
            throw new IllegalArgumentException("column '" + name + "' is categorical, not numeric");
        }
        return d;
    }

    Categorical categoricalView(String name) {
        Object c = column(name);
        if (!(c instanceof Categorical k)) {
            throw new IllegalArgumentException("column '" + name + "' is numeric, not categorical");
        }
        return k;
    }

    /** The sorted levels seen in a categorical column. */
    public List<String> levels(String name) {
        return categoricalView(name).levels();
    }

    /** A copy of a categorical column's values; {@code null} where missing. */
    public String[] categorical(String name) {
        Categorical k = categoricalView(name);
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = k.codes()[i] == MISSING_LEVEL ? null : k.levels().get(k.codes()[i]);
        }
        return out;
    }

    /** The frame restricted to the given rows, in the given order (repeats allowed). */
    public Frame select(int[] rowIndices) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        checkRowIndices(rowIndices, rows);
        columns.forEach((name, c) -> {
            if (c instanceof double[] d) {
                double[] s = new double[rowIndices.length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = d[rowIndices[i]];
                }
                out.put(name, s);
            } else {
                Categorical k = (Categorical) c;
                int[] s = new int[rowIndices.length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = k.codes()[rowIndices[i]];
                }
                out.put(name, new Categorical(k.levels(), s));
            }
        });
        return new Frame(rowIndices.length, out);
    }

    /** Refuses a row index outside {@code [0, rows)}, naming it: for {@link #select} here and in {@link Matrix}. */
    static void checkRowIndices(int[] rowIndices, int rows) {
        for (int r : rowIndices) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("row index out of range [0, " + rows + "): " + r);
            }
        }
    }

    @Override
    public String toString() {
        return "Frame[" + rows + " rows, columns " + columns.keySet() + "]";
    }

    /**
     * Collects columns of equal length. Not thread-safe. A column named twice or of another
     * length throws {@link IllegalStateException} at the call.
     */
    public static final class Builder {
        private final LinkedHashMap<String, Object> columns = new LinkedHashMap<>();
        private int rows = -1;

        private Builder() {
        }

        private void check(String name, int length) {
            Objects.requireNonNull(name, "name");
            if (columns.containsKey(name)) {
                throw new IllegalStateException("column '" + name + "' added twice");
            }
            if (rows >= 0 && length != rows) {
                throw new IllegalStateException("column '" + name + "' has " + length + " rows, the frame has " + rows);
            }
            rows = length;
        }

        /** A numeric column; {@code NaN} marks a missing value; infinite values are refused. */
        public Builder numeric(String name, double[] values) {
            Objects.requireNonNull(values, "values");
            for (int i = 0; i < values.length; i++) {
                if (Double.isInfinite(values[i])) {
                    throw new IllegalArgumentException("column '" + name + "' row " + i + ": infinite value " + values[i]);
                }
            }
            check(name, values.length);
            columns.put(name, values.clone());
            return this;
        }

        /** A categorical column; {@code null} marks a missing value. Levels are sorted by {@link String#compareTo}. */
        public Builder categorical(String name, String[] values) {
            Objects.requireNonNull(values, "values");
            check(name, values.length);
            TreeSet<String> set = new TreeSet<>();
            for (String v : values) {
                if (v != null) {
                    set.add(v);
                }
            }
            List<String> levels = Collections.unmodifiableList(new ArrayList<>(set));
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < levels.size(); i++) {
                index.put(levels.get(i), i);
            }
            int[] codes = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                codes[i] = values[i] == null ? MISSING_LEVEL : index.get(values[i]);
            }
            columns.put(name, new Categorical(levels, codes));
            return this;
        }

        /** The frame; a frame without columns has zero rows. */
        public Frame build() {
            return new Frame(Math.max(rows, 0), new LinkedHashMap<>(columns));
        }
    }

    static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }
}
