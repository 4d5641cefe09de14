package dev.o2o.spark;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.journey.Journey;
import dev.o2o.attribution.journey.JourneyBuilder;
import dev.o2o.attribution.journey.JourneyOptions;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.core.Channel;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.o2o.spark.InputSchema.nonNull;
import static dev.o2o.spark.InputSchema.nullable;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

/**
 * Multi-touch attribution as a Spark job: journeys are cut per customer by o2o-attribution's
 * own {@link JourneyBuilder} (the same lookback and inactivity rules), then the journeys are
 * summed into their sufficient statistic, the distinct paths with their conversions, value and
 * non-conversions (a distributed aggregation), and the model is solved once on the driver over
 * the {@link JourneySet} of those paths. The result equals the single-machine model's on the
 * same paths: bit for bit where the value sums are exact in double (whole currency units),
 * else within the rounding of a sum in another order.
 *
 * <h2>Inputs</h2>
 * {@link #TOUCHPOINTS} ("touchpoints", one row per touch):
 * <pre>
 * customer_id  string     not null (after identity stitching)
 * channel      string     not null, the id of one of the job's channels
 * at           timestamp  not null
 * type         string     not null, a {@link TouchpointType} name (CLICK, VISIT, ...)
 * campaign     string     nullable
 * store_id     string     nullable
 * </pre>
 * {@link #ORDERS} ("orders", one row per order):
 * <pre>
 * order_id     string         not null
 * customer_id  string         not null
 * channel      string         not null, the id of one of the job's channels
 * at           timestamp      not null
 * status       string         not null, an {@link OrderStatus} name; only purchases convert
 * currency     string         not null, ISO 4217; one currency for all converting orders
 * total        decimal(18,2)  not null, at the currency's scale
 * refunded     decimal(18,2)  not null
 * </pre>
 *
 * <h2>Outputs</h2>
 * {@link #journeys} returns {@link #JOURNEYS}: {@code customer_id}, {@code seq} (int, the journey's
 * index among the customer's, in time order), {@code end_at} (timestamp), {@code path}
 * (array of channel ids), {@code converted} (boolean), {@code value} (double, the order's net
 * total) and {@code order_id} (null for a journey without conversion). {@link #attribute} returns
 * the model's {@link AttributionResult}. Conversions without any touchpoint are journeys with an
 * empty path and credit no channel, as in a {@link JourneySet} read from paths.
 *
 * <p>Models that need touch times ({@link AttributionModel#timeDecay()}) are not supported by
 * {@link #attribute} (paths carry no times). Stateless and thread-safe.
 */
public final class AttributionJob {

    /** The touchpoints' schema. */
    public static final InputSchema TOUCHPOINTS = InputSchema.of("touchpoints",
            nonNull("customer_id", DataTypes.StringType),
            nonNull("channel", DataTypes.StringType),
            nonNull("at", DataTypes.TimestampType),
            nonNull("type", DataTypes.StringType),
            nullable("campaign", DataTypes.StringType),
            nullable("store_id", DataTypes.StringType));

    /** The orders' schema. */
    public static final InputSchema ORDERS = InputSchema.of("orders",
            nonNull("order_id", DataTypes.StringType),
            nonNull("customer_id", DataTypes.StringType),
            nonNull("channel", DataTypes.StringType),
            nonNull("at", DataTypes.TimestampType),
            nonNull("status", DataTypes.StringType),
            nonNull("currency", DataTypes.StringType),
            nonNull("total", DataTypes.createDecimalType(18, 2)),
            nonNull("refunded", DataTypes.createDecimalType(18, 2)));

    /** The journeys' schema. */
    public static final StructType JOURNEYS = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("seq", DataTypes.IntegerType, false)
            .add("end_at", DataTypes.TimestampType, false)
            .add("path", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("converted", DataTypes.BooleanType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("order_id", DataTypes.StringType, true);

    private static final StructType BUILT = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("seq", DataTypes.IntegerType, false)
            .add("end_micros", DataTypes.LongType, false)
            .add("path", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("converted", DataTypes.BooleanType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("order_id", DataTypes.StringType, true);

    private AttributionJob() {
    }

    /**
     * The journeys of every customer, cut by {@link JourneyBuilder} with {@code options}.
     *
     * @param channels the channels touchpoints and orders may name (their kind and directness matter
     *                 to the models); a row naming another channel fails the job with core's message
     */
    public static Dataset<Row> journeys(Dataset<Row> touchpoints, Dataset<Row> orders, List<Channel> channels,
                                        JourneyOptions options) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(options, "options");
        Dataset<Row> touches = TOUCHPOINTS.check(touchpoints).data();
        Dataset<Row> ords = ORDERS.check(orders).data();
        Events.ChannelTable table = new Events.ChannelTable(channels);
        Object[] ids = channels.stream().map(Channel::id).toArray();
        Events.checkAllowed(touches, "touchpoints", "channel", ids);
        Events.checkAllowed(touches, "touchpoints", "type", Events.names(TouchpointType.values()));
        Events.checkAllowed(ords, "orders", "channel", ids);
        Events.checkAllowed(ords, "orders", "status", Events.names(OrderStatus.values()));
        long lookbackMillis = options.lookback().toMillis();
        long inactivityMillis = options.inactivity().map(Duration::toMillis).orElse(-1L);
        CoGroupFunction<String, Row, Row, Row> build = (customer, ts, os) -> {
            JourneyOptions o = JourneyOptions.defaults().withLookback(Duration.ofMillis(lookbackMillis));
            if (inactivityMillis >= 0) {
                o = o.withInactivity(Duration.ofMillis(inactivityMillis));
            }
            CustomerKey key = CustomerKey.of(customer);
            Map<String, Channel> byId = table.channels();
            List<Touchpoint> touchList = new ArrayList<>();
            while (ts.hasNext()) {
                touchList.add(Events.touchpoint(key, ts.next(), byId));
            }
            List<Order> orderList = new ArrayList<>();
            while (os.hasNext()) {
                orderList.add(Events.order(key, os.next(), byId));
            }
            List<Row> out = new ArrayList<>();
            int seq = 0;
            for (Journey j : JourneyBuilder.of(o).buildCustomer(key, touchList, orderList)) {
                String[] path = new String[j.touchpoints().size()];
                for (int i = 0; i < path.length; i++) {
                    path[i] = j.touchpoints().get(i).channel().id();
                }
                Instant end = j.end();
                long micros = Math.addExact(Math.multiplyExact(end.getEpochSecond(), 1_000_000L), end.getNano() / 1000);
                out.add(RowFactory.create(customer, seq++, micros, path, j.conversion().isPresent(),
                        j.conversion().map(x -> x.netTotal().amount().doubleValue()).orElse(0.0),
                        j.conversion().map(Order::id).orElse(null)));
            }
            return out.iterator();
        };
        MapFunction<Row, String> touchCustomer = r -> r.getString(0);
        MapFunction<Row, String> orderCustomer = r -> r.getString(1);
        return touches.groupByKey(touchCustomer, Encoders.STRING())
                .cogroup(ords.groupByKey(orderCustomer, Encoders.STRING()), build, Encoders.row(BUILT))
                .withColumn("end_at", timestamp_micros(col("end_micros")))
                .select("customer_id", "seq", "end_at", "path", "converted", "value", "order_id");
    }

    /**
     * Solves {@code model} once on the driver over the distinct paths of {@code journeys}
     * ({@link #JOURNEYS}), summed across partitions. The paths enter the {@link JourneySet} in the
     * order of their first journey (customer_id, then seq), as a single-machine set built from
     * the same journeys in that order.
     *
     * @param channels the channels, in the registry order of the result
     */
    public static AttributionResult attribute(Dataset<Row> journeys, AttributionModel model, List<Channel> channels) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(channels, "channels");
        List<Row> paths = journeys.filter(size(col("path")).gt(0))
                .groupBy("path")
                .agg(sum(when(col("converted"), 1.0).otherwise(0.0)).as("conversions"),
                        sum("value").as("value"),
                        sum(when(col("converted"), 0.0).otherwise(1.0)).as("nulls"),
                        min(struct(col("customer_id"), col("seq"))).as("first"),
                        count(lit(1)).as("journeys"))
                .sort("first")
                .collectAsList();
        JourneySet.Builder set = JourneySet.builder(ChannelRegistry.of(channels));
        for (Row p : paths) {
            set.add(p.getList(0), p.getDouble(1), p.getDouble(2), p.getDouble(3));
        }
        return model.attribute(set.build());
    }
}
