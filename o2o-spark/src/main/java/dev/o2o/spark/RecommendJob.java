package dev.o2o.spark;

import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import static dev.o2o.spark.InputSchema.nonNull;

/**
 * Batch top-K from a fitted o2o-recommend {@link Model}: the model is broadcast once (the
 * built-in models are serializable; see {@link Broadcasts}) and every partition of the customers
 * asks it for each customer's list, exactly {@link Model#recommend(String, Query)} with
 * {@link Query#top(int) Query.top(k)} (items of the customer's own history excluded, no
 * eligibility, distance or diversity rule: those are caller functions and places, which a batch
 * job has no way to take per customer).
 *
 * <h2>Input: {@link #CUSTOMERS} ("customers", one row per customer to list)</h2>
 * <pre>
 * customer_id  string  not null, a customer of the model's training data
 * </pre>
 * Extra columns are ignored. A customer named twice gets two lists. A customer unknown to the
 * model fails the job (one checking job, before the lists are computed) with the first such id.
 *
 * <h2>Output: {@link #OUTPUT}, one row per listed item</h2>
 * <pre>
 * customer_id  string  not null
 * rank         int     not null, 1 for the best item
 * item_id      string  not null
 * score        double  not null, the model's score (dimensionless; comparable within one model)
 * </pre>
 * A customer for whom no item passes (every item consumed) has no row. The driver holds the
 * model; each executor holds one deserialized copy. Stateless and thread-safe.
 */
public final class RecommendJob {

    /** The input schema. */
    public static final InputSchema CUSTOMERS = InputSchema.of("customers", nonNull("customer_id", DataTypes.StringType));

    /** The output schema. */
    public static final StructType OUTPUT = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("item_id", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false);

    private RecommendJob() {
    }

    /**
     * The top {@code k} items of each input customer.
     *
     * @throws IllegalArgumentException if the input does not match {@link #CUSTOMERS} or is empty,
     *                                  {@code k < 1}, the model cannot be serialized, or a customer is
     *                                  not in the model's training data
     */
    public static Dataset<Row> topK(Dataset<Row> customers, Model model, int k) {
        Objects.requireNonNull(model, "model");
        Query.top(k); // checks k before any work; a Query itself holds a predicate that does not serialize
        Dataset<Row> in = CUSTOMERS.check(customers).data();
        Broadcast<Model> shared = Broadcasts.of(in.sparkSession(), model, "recommendation model");
        FilterFunction<Row> unknown = r -> shared.value().interactions().customerIndex(r.getString(0)) < 0;
        List<Row> missing = in.filter(unknown).limit(1).collectAsList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("input 'customers': column 'customer_id' (string) holds '"
                    + missing.get(0).getString(0) + "', a customer not in the model's training data");
        }
        MapPartitionsFunction<Row, Row> lists = rows -> new Lists(rows, shared.value(), Query.top(k));
        return in.mapPartitions(lists, Encoders.row(OUTPUT));
    }

    /**
     * Every customer of the model's training data, in its index order, as a {@link #CUSTOMERS}
     * input in {@code partitions} partitions (the ids are on the driver already: they are part of
     * the model).
     */
    public static Dataset<Row> customersOf(SparkSession spark, Model model, int partitions) {
        Objects.requireNonNull(spark, "spark");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        Interactions data = model.interactions();
        List<Row> rows = new ArrayList<>(data.customerCount());
        for (int c = 0; c < data.customerCount(); c++) {
            rows.add(RowFactory.create(data.customerId(c)));
        }
        return spark.createDataFrame(rows, CUSTOMERS.structType()).repartition(partitions);
    }

    /** The rows of one partition's lists, one customer's list at a time. */
    private static final class Lists implements Iterator<Row> {
        private final Iterator<Row> customers;
        private final Model model;
        private final Query query;
        private String customer;
        private List<Recommendation> list = Collections.emptyList();
        private int next;

        Lists(Iterator<Row> customers, Model model, Query query) {
            this.customers = customers;
            this.model = model;
            this.query = query;
        }

        @Override
        public boolean hasNext() {
            while (next == list.size() && customers.hasNext()) {
                customer = customers.next().getString(0);
                list = model.recommend(customer, query);
                next = 0;
            }
            return next < list.size();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Recommendation r = list.get(next++);
            return RowFactory.create(customer, next, r.item(), r.score());
        }
    }
}
