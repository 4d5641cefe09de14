package dev.o2o.spark;

import dev.o2o.core.Channel;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileState;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_micros;

/**
 * Customer profiles as a Spark job: each customer's touchpoints and orders (the inputs of
 * {@link AttributionJob}: {@link AttributionJob#TOUCHPOINTS}, {@link AttributionJob#ORDERS}) become
 * rows of {@link #EVENTS}, which the typed {@link ProfileAggregator} folds per customer into core's
 * mergeable {@link ProfileState} (partial states per partition, merged across partitions), whose
 * {@link ProfileState#profile(Instant) profile} and tags are the output row: the same profile as
 * the single-machine library builds from the same events, in any partitioning.
 *
 * <h2>Output: {@link #OUTPUT}</h2>
 * {@code customer_id}; {@code first_purchase}, {@code last_purchase} (timestamp, null without
 * purchases); {@code days_since_last_purchase} (bigint, null without purchases);
 * {@code online_orders}, {@code offline_orders}, {@code refunds}, {@code cancelled_orders},
 * {@code touchpoints}, {@code coupons_received}, {@code coupons_redeemed},
 * {@code online_to_offline}, {@code offline_to_online} (bigint); {@code online_spend},
 * {@code offline_spend}, {@code refunded} (decimal(38,2) in the configured currency);
 * {@code preferred_store} (string, nullable); {@code tags} (array of tag names, highest priority
 * first, from core's {@code TagEngine} built by {@link ProfileTagRules}).
 *
 * <p>Order ids must be unique: the single-machine state ignores a repeated id (its first version
 * counts), which a distributed fold cannot reproduce without an order of arrival, so a repeated
 * {@code order_id} is refused before the job runs. Stateless and thread-safe.
 */
public final class ProfilesJob {

    /** The output schema. */
    public static final StructType OUTPUT = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("first_purchase", DataTypes.TimestampType, true)
            .add("last_purchase", DataTypes.TimestampType, true)
            .add("days_since_last_purchase", DataTypes.LongType, true)
            .add("online_orders", DataTypes.LongType, false)
            .add("offline_orders", DataTypes.LongType, false)
            .add("online_spend", DataTypes.createDecimalType(38, 2), false)
            .add("offline_spend", DataTypes.createDecimalType(38, 2), false)
            .add("refunds", DataTypes.LongType, false)
            .add("refunded", DataTypes.createDecimalType(38, 2), false)
            .add("cancelled_orders", DataTypes.LongType, false)
            .add("touchpoints", DataTypes.LongType, false)
            .add("preferred_store", DataTypes.StringType, true)
            .add("coupons_received", DataTypes.LongType, false)
            .add("coupons_redeemed", DataTypes.LongType, false)
            .add("online_to_offline", DataTypes.LongType, false)
            .add("offline_to_online", DataTypes.LongType, false)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false);

    /**
     * The input of {@link ProfileAggregator}, one row per event: {@code customer_id} (string, not
     * null) and either {@code touch} (a struct of {@link AttributionJob#TOUCHPOINTS}' columns) or
     * {@code order} (a struct of {@link AttributionJob#ORDERS}' columns), the other null.
     * {@link #events} builds it.
     */
    public static final StructType EVENTS = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("touch", AttributionJob.TOUCHPOINTS.structType(), true)
            .add("order", AttributionJob.ORDERS.structType(), true);

    /** {@link #OUTPUT} with epoch microseconds in place of timestamps: what the aggregator returns. */
    static final StructType BUILT = replaceTimestamps(OUTPUT);

    private ProfilesJob() {
    }

    /** {@link #profiles(Dataset, Dataset, List, ProfileConfig, Instant, ProfileTagRules)} without tags. */
    public static Dataset<Row> profiles(Dataset<Row> touchpoints, Dataset<Row> orders, List<Channel> channels,
                                        ProfileConfig config, Instant asOf) {
        return profiles(touchpoints, orders, channels, config, asOf, ProfileTagRules.none());
    }

    /**
     * The profile and tags of every customer with a touchpoint or an order, as of {@code asOf}.
     *
     * @param config the profiles' currency (of scale 2 at most: the output is decimal(38,2)), O2O
     *               window and zone; an order in another currency fails the job with core's message
     * @throws IllegalArgumentException if an input does not match its schema, is empty, names an
     *                                  unknown channel, touch type or order status, or repeats an order id
     */
    public static Dataset<Row> profiles(Dataset<Row> touchpoints, Dataset<Row> orders, List<Channel> channels,
                                        ProfileConfig config, Instant asOf, ProfileTagRules tags) {
        ProfileAggregator aggregator = new ProfileAggregator(channels, config, asOf, tags);
        Dataset<Row> events = events(touchpoints, orders, channels);
        MapFunction<Row, String> customer = r -> r.getString(0);
        return events.groupByKey(customer, Encoders.STRING())
                .agg(aggregator.toColumn().name("profile"))
                .select(col("profile.*"))
                .withColumn("first_purchase", timestamp_micros(col("first_purchase")))
                .withColumn("last_purchase", timestamp_micros(col("last_purchase")));
    }

    /**
     * The touchpoints and orders as one Dataset of {@link #EVENTS}, after checking both inputs.
     *
     * @throws IllegalArgumentException if an input does not match its schema, is empty, names an
     *                                  unknown channel, touch type or order status, or repeats an order id
     */
    public static Dataset<Row> events(Dataset<Row> touchpoints, Dataset<Row> orders, List<Channel> channels) {
        Objects.requireNonNull(channels, "channels");
        Dataset<Row> touches = AttributionJob.TOUCHPOINTS.check(touchpoints).data();
        Dataset<Row> ords = AttributionJob.ORDERS.check(orders).data();
        Object[] ids = channels.stream().map(Channel::id).toArray();
        Events.checkAllowed(touches, "touchpoints", "channel", ids);
        Events.checkAllowed(touches, "touchpoints", "type", Events.names(TouchpointType.values()));
        Events.checkAllowed(ords, "orders", "channel", ids);
        Events.checkAllowed(ords, "orders", "status", Events.names(OrderStatus.values()));
        List<Row> repeated = ords.groupBy("order_id").count().filter(col("count").gt(1)).limit(1).collectAsList();
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException("input 'orders': column 'order_id' repeats '" + repeated.get(0).getString(0)
                    + "' (" + repeated.get(0).getLong(1) + " rows); order ids must be unique");
        }
        Column[] touchColumns = Arrays.stream(touches.columns()).map(functions::col).toArray(Column[]::new);
        Column[] orderColumns = Arrays.stream(ords.columns()).map(functions::col).toArray(Column[]::new);
        Dataset<Row> t = touches.select(col("customer_id"), struct(touchColumns).as("touch"),
                lit(null).cast(EVENTS.apply("order").dataType()).as("order"));
        Dataset<Row> o = ords.select(col("customer_id"), lit(null).cast(EVENTS.apply("touch").dataType()).as("touch"),
                struct(orderColumns).as("order"));
        return t.unionByName(o);
    }

    private static StructType replaceTimestamps(StructType schema) {
        StructType out = new StructType();
        for (var f : schema.fields()) {
            out = out.add(f.name(), f.dataType().equals(DataTypes.TimestampType) ? DataTypes.LongType : f.dataType(),
                    f.nullable());
        }
        return out;
    }
}
