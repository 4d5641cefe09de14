package dev.o2o.predict.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A numeric feature matrix, stored by column: what the learners train on and score.
 * {@code NaN} marks a missing value (the gradient-boosted trees send it down a learned default
 * branch; logistic regression refuses it). Infinite values and a column name given twice are refused.
 *
 * <p>Immutable and thread-safe: the arrays are copied in; {@link #column(int)} returns a copy.
 */
public final class Matrix {
    private final List<String> names;
    private final double[][] columns;
    private final int rows;

    private Matrix(List<String> names, double[][] columns, int rows) {
        checkNames(names);
        this.names = names;
        this.columns = columns;
        this.rows = rows;
    }

    /** A matrix from named columns of equal length. */
    public static Matrix of(List<String> names, double[][] columns) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(columns, "columns");
        if (names.size() != columns.length) {
            throw new IllegalArgumentException("names has " + names.size() + " entries, columns " + columns.length);
        }
        int rows = columns.length == 0 ? 0 : columns[0].length;
        double[][] copy = new double[columns.length][];
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != rows) {
                throw new IllegalArgumentException("column '" + names.get(j) + "' has " + columns[j].length
                        + " rows, the first column " + rows);
            }
            checkFinite(names.get(j), columns[j]);
            copy[j] = columns[j].clone();
        }
        return new Matrix(List.copyOf(names), copy, rows);
    }

    /** A matrix from rows of equal width (convenient for small examples). */
    public static Matrix ofRows(List<String> names, double[][] rows) {
        double[][] cols = new double[names.size()][rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != names.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + names.size());
            }
            for (int j = 0; j < names.size(); j++) {
                cols[j][i] = rows[i][j];
            }
        }
        return of(names, cols);
    }

    /** Refuses a name given twice: the models and encoders look columns up by name. */
    static void checkNames(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("column name '" + n + "' appears twice");
            }
        }
    }

    private static void checkFinite(String name, double[] column) {
        for (int i = 0; i < column.length; i++) {
            if (Double.isInfinite(column[i])) {
                throw new IllegalArgumentException("column '" + name + "' row " + i + ": infinite value");
            }
        }
    }

    /** Wraps arrays the caller hands over and never touches again (no copy, no check beyond lengths). */
    static Matrix wrap(List<String> names, double[][] columns, int rows) {
        return new Matrix(List.copyOf(names), columns, rows);
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns (features). */
    public int columns() {
        return columns.length;
    }

    /** Feature names in column order. */
    public List<String> names() {
        return names;
    }

    /** A copy of column {@code j}. */
    public double[] column(int j) {
        return columns[j].clone();
    }

    /** The value at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
        return columns[j][i];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        double[] r = new double[columns.length];
        for (int j = 0; j < r.length; j++) {
            r[j] = columns[j][i];
        }
        return r;
    }

    /**
     * The matrix restricted to the given rows, in that order.
     *
     * @throws IllegalArgumentException naming the index if one is outside {@code [0, rows())}
     */
    public Matrix select(int[] rowIndices) {
        Frame.checkRowIndices(rowIndices, rows);
        double[][] out = new double[columns.length][rowIndices.length];
        for (int j = 0; j < columns.length; j++) {
            for (int k = 0; k < rowIndices.length; k++) {
                out[j][k] = columns[j][rowIndices[k]];
            }
        }
        return new Matrix(names, out, rowIndices.length);
    }

    /** This matrix with one more column on the right. */
    public Matrix withColumn(String name, double[] values) {
        if (values.length != rows) {
            throw new IllegalArgumentException("column '" + name + "' has " + values.length + " rows, the matrix " + rows);
        }
        checkFinite(name, values);
        double[][] out = Arrays.copyOf(columns, columns.length + 1);
        out[columns.length] = values.clone();
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new Matrix(List.copyOf(n), out, rows);
    }

    /** Direct access for the learners in this library; callers must not modify the array. */
    double[] columnView(int j) {
        return columns[j];
    }

    /** Package bridge so that the learners (another package) read columns without copying. */
    public static final class Access {
        private Access() {
        }

        /** The column array itself, not a copy; must not be modified. For this library's learners. */
        public static double[] view(Matrix m, int j) {
            return m.columnView(j);
        }
    }
}
