package dev.o2o.predict.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The typed schema of a CSV file read into a {@link Frame}: the columns to read and their types.
 * Columns of the file that the schema does not name are not read.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param columns column name to type, in the order the frame will hold them
 */
public record Schema(Map<String, ColumnType> columns) {

    /** Copies the map, keeping its order; refuses an empty schema and blank names. */
    public Schema {
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns must not be empty");
        }
        LinkedHashMap<String, ColumnType> copy = new LinkedHashMap<>();
        columns.forEach((k, v) -> {
            Objects.requireNonNull(k, "column name");
            Objects.requireNonNull(v, "type of column " + k);
            if (k.isBlank()) {
                throw new IllegalArgumentException("column name must not be blank: '" + k + "'");
            }
            copy.put(k, v);
        });
        columns = Collections.unmodifiableMap(copy);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects columns in order; a column named twice throws {@link IllegalStateException}. Not thread-safe. */
    public static final class Builder {
        private final LinkedHashMap<String, ColumnType> columns = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds numeric columns. */
        public Builder numeric(String... names) {
            for (String n : names) {
                add(n, ColumnType.NUMERIC);
            }
            return this;
        }

        /** Adds categorical columns. */
        public Builder categorical(String... names) {
            for (String n : names) {
                add(n, ColumnType.CATEGORICAL);
            }
            return this;
        }

        private void add(String name, ColumnType type) {
            Objects.requireNonNull(name, "name");
            if (columns.containsKey(name)) {
                throw new IllegalStateException("column " + name + " is already in the schema as " + columns.get(name));
            }
            columns.put(name, type);
        }

        /** The schema. */
        public Schema build() {
            return new Schema(columns);
        }
    }
}
