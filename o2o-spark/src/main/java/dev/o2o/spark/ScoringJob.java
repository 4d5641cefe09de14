package dev.o2o.spark;

import dev.o2o.predict.model.Model;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import static dev.o2o.spark.InputSchema.nonNull;
import static dev.o2o.spark.InputSchema.nullable;

/**
 * Batch scoring with a fitted o2o-predict {@link Model}: the model is broadcast once (the
 * built-in models are serializable; see {@link Broadcasts}) and every partition scores its rows
 * with {@link Model#predict(double[])}, so each score equals the single-machine model's for the
 * same feature values.
 *
 * <h2>Input: {@link #input(Model)} ("rows", one row per customer or case to score)</h2>
 * <pre>
 * customer_id   string  not null, the key carried to the output
 * FEATURE ...   double  one column per name of {@link Model#features()}; null = missing
 * </pre>
 * A null feature is passed to the model as {@code NaN}, which is how a predict
 * {@code Frame} holds a missing numeric cell: tree models send it to each node's default side;
 * logistic regression refuses it, failing the task with its message. Extra columns are ignored.
 *
 * <h2>Output: {@link #OUTPUT}</h2>
 * {@code customer_id} (string), {@code score} (double: a probability for a binary model, a value
 * for a regression), one row per input row, in the input's order within each partition.
 * Stateless and thread-safe.
 */
public final class ScoringJob {

    /** The output schema. */
    public static final StructType OUTPUT = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false);

    private ScoringJob() {
    }

    /**
     * The input schema for a model: {@code customer_id} and its features as double columns.
     *
     * @throws IllegalArgumentException if a feature is called {@code customer_id}
     */
    public static InputSchema input(Model model) {
        List<String> features = model.features();
        InputSchema.Field[] fields = new InputSchema.Field[features.size() + 1];
        fields[0] = nonNull("customer_id", DataTypes.StringType);
        for (int j = 0; j < features.size(); j++) {
            if (features.get(j).equals("customer_id")) {
                throw new IllegalArgumentException("the model has a feature called 'customer_id', the key column's name");
            }
            fields[j + 1] = nullable(features.get(j), DataTypes.DoubleType);
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw new IllegalArgumentException("the model names a feature twice: " + features);
        }
        return InputSchema.of("rows", fields);
    }

    /**
     * Scores every row.
     *
     * @throws IllegalArgumentException if the input does not match {@link #input(Model)} or is
     *                                  empty, or the model cannot be serialized
     */
    public static Dataset<Row> score(Dataset<Row> rows, Model model) {
        Objects.requireNonNull(model, "model");
        Dataset<Row> in = input(model).check(rows).data();
        int width = model.features().size();
        Broadcast<Model> shared = Broadcasts.of(in.sparkSession(), model, "prediction model");
        MapPartitionsFunction<Row, Row> score = part -> {
            Model m = shared.value();
            double[] x = new double[width];
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return part.hasNext();
                }

                @Override
                public Row next() {
                    Row r = part.next();
                    for (int j = 0; j < width; j++) {
                        x[j] = r.isNullAt(j + 1) ? Double.NaN : r.getDouble(j + 1);
                    }
                    return RowFactory.create(r.getString(0), m.predict(x));
                }
            };
        };
        return in.mapPartitions(score, Encoders.row(OUTPUT));
    }
}
