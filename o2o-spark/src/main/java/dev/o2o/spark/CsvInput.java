package dev.o2o.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads a CSV input (a header row) of the {@link Jobs} entry point by column name.
 *
 * <p>Why not Spark's CSV reader with the schema: it applies a given schema by position and
 * ignores the header ({@code enforceSchema}), so a file with its columns in another order is read
 * into the wrong columns, and a value that does not parse becomes a null without a word. Here
 * every column is read as text under its header name, each required column is converted to its
 * documented type, and a value that does not convert is refused, naming the input, the column,
 * the type and the first such value. Extra columns are ignored; {@link InputSchema#check} then
 * refuses nulls in key columns and an empty input. Stateless.
 */
final class CsvInput {

    private CsvInput() {
    }

    /**
     * The input at {@code path} with the schema's columns converted to their types.
     *
     * @throws IllegalArgumentException naming the input and the column that is missing or holds a
     *                                  value of another type
     */
    static Dataset<Row> read(SparkSession spark, String path, InputSchema schema) {
        Dataset<Row> text = spark.read().option("header", "true").option("inferSchema", "false").csv(path);
        List<String> present = Arrays.asList(text.schema().fieldNames());
        List<Column> typed = new ArrayList<>();
        List<Column> failures = new ArrayList<>();
        List<InputSchema.Field> converted = new ArrayList<>();
        for (InputSchema.Field f : schema.fields()) {
            if (!present.contains(f.name())) {
                throw new IllegalArgumentException("input '" + schema.input() + "': column '" + f.name() + "' of type "
                        + f.type().simpleString() + " is missing; columns present: " + present);
            }
            Column raw = text.col(quoted(f.name()));
            if (f.type().equals(DataTypes.StringType)) {
                typed.add(raw.as(f.name()));
                continue;
            }
            Column value = raw.try_cast(f.type());
            typed.add(value.as(f.name()));
            failures.add(sum(when(failed(raw, value), 1).otherwise(0)));
            converted.add(f);
        }
        if (!converted.isEmpty()) {
            Row counts = text.agg(count(lit(1)), failures.toArray(new Column[0])).first();
            for (int i = 0; i < converted.size(); i++) {
                long bad = counts.isNullAt(i + 1) ? 0 : counts.getLong(i + 1);
                if (bad > 0) {
                    InputSchema.Field f = converted.get(i);
                    Column raw = text.col(quoted(f.name()));
                    String first = text.filter(failed(raw, raw.try_cast(f.type()))).select(raw).first().getString(0);
                    throw new IllegalArgumentException("input '" + schema.input() + "': column '" + f.name()
                            + "' must hold " + f.type().simpleString() + " values; " + bad + (bad == 1 ? " row does"
                            : " rows do") + " not, the first: '" + first + "'");
                }
            }
        }
        return text.select(typed.toArray(new Column[0]));
    }

    /** A cell with text that did not convert (an empty cell is a null, which the schema check judges). */
    private static Column failed(Column raw, Column value) {
        return raw.isNotNull().and(value.isNull());
    }

    /** A column name as Spark resolves it literally (dots and backticks in names are not paths). */
    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
