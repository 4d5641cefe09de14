package dev.o2o.predict.data;

/** How a CSV column is read into a {@link Frame}. Immutable and thread-safe. */
public enum ColumnType {
    /** A double; empty, {@code NA} or {@code null} cells are missing; NaN and infinite cells are refused. */
    NUMERIC,
    /** A string level; empty, {@code NA} or {@code null} cells are missing. */
    CATEGORICAL
}
