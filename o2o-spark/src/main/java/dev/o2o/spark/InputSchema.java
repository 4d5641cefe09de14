package dev.o2o.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The columns a job reads from one input Dataset: name, Spark type, and whether the column
 * must not hold nulls. {@link #check} refuses an input with a missing column, a column of
 * another type, a null in a key column, or no rows, with a message naming the input, the column
 * and the expected type, before the job runs any of its own stages (the null and empty checks
 * cost one small aggregation job). Extra columns are allowed and ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class InputSchema implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One required column. */
    public record Field(String name, DataType type, boolean nonNull) implements Serializable {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    private final String input;
    private final List<Field> fields;

    private InputSchema(String input, List<Field> fields) {
        this.input = input;
        this.fields = List.copyOf(fields);
    }

    /** A schema for the input called {@code input} in messages. */
    public static InputSchema of(String input, Field... fields) {
        Objects.requireNonNull(input, "input");
        if (fields.length == 0) {
            throw new IllegalArgumentException("a schema needs at least one field");
        }
        return new InputSchema(input, Arrays.asList(fields));
    }

    /** A column that must not hold nulls (keys and values a job cannot do without). */
    public static Field nonNull(String name, DataType type) {
        return new Field(name, type, true);
    }

    /** A column that may hold nulls where the job's javadoc says what a null means. */
    public static Field nullable(String name, DataType type) {
        return new Field(name, type, false);
    }

    /** The input's name, as in messages. */
    public String input() {
        return input;
    }

    /** The required columns, in documentation order. */
    public List<Field> fields() {
        return fields;
    }

    /** These columns as a Spark schema (for reading CSV with the right types). */
    public StructType structType() {
        StructField[] out = new StructField[fields.size()];
        for (int i = 0; i < out.length; i++) {
            Field f = fields.get(i);
            out[i] = new StructField(f.name(), f.type(), !f.nonNull(), org.apache.spark.sql.types.Metadata.empty());
        }
        return new StructType(out);
    }

    /**
     * Checks the columns and types (no Spark job), then nulls in key columns and emptiness (one
     * aggregation job). Returns the input with the required columns only, in schema order, and
     * its number of rows.
     *
     * @throws IllegalArgumentException naming the input, the column and the expected type
     */
    public Checked check(Dataset<Row> data) {
        Objects.requireNonNull(data, "data of input '" + input + "'");
        StructType schema = data.schema();
        List<String> present = Arrays.asList(schema.fieldNames());
        for (Field f : fields) {
            if (!present.contains(f.name())) {
                throw new IllegalArgumentException("input '" + input + "': column '" + f.name() + "' of type "
                        + f.type().simpleString() + " is missing; columns present: " + present);
            }
            DataType actual = schema.apply(f.name()).dataType();
            if (!actual.equals(f.type())) {
                throw new IllegalArgumentException("input '" + input + "': column '" + f.name() + "' has type "
                        + actual.simpleString() + ", expected " + f.type().simpleString());
            }
        }
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)).as("rows"));
        List<Field> keys = fields.stream().filter(Field::nonNull).toList();
        for (Field k : keys) {
            aggregates.add(sum(when(col(k.name()).isNull(), 1).otherwise(0)).as("null_" + k.name()));
        }
        Row counts = data.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .first();
        if (counts.getLong(0) == 0) {
            throw new IllegalArgumentException("input '" + input + "' is empty: at least one row is needed");
        }
        for (int i = 0; i < keys.size(); i++) {
            long nulls = counts.isNullAt(i + 1) ? 0 : counts.getLong(i + 1);
            if (nulls > 0) {
                Field k = keys.get(i);
                throw new IllegalArgumentException("input '" + input + "': non-null column '" + k.name() + "' ("
                        + k.type().simpleString() + ") is null in " + nulls + " of " + counts.getLong(0) + " rows");
            }
        }
        return new Checked(data.select(fields.stream().map(f -> col(f.name())).toArray(Column[]::new)),
                counts.getLong(0));
    }

    /** A checked input: its required columns and its number of rows (at least 1). */
    public record Checked(Dataset<Row> data, long rows) {
    }
}
