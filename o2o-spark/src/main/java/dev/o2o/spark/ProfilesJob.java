package dev.o2o.spark;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.profile.CustomerProfile;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileState;
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
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_micros;

/**
 * Customer profiles as a Spark job: each customer's touchpoints and orders (the inputs of
 * {@link AttributionJob}: {@link AttributionJob#TOUCHPOINTS}, {@link AttributionJob#ORDERS}) are
 * brought together by customer and folded into core's {@link ProfileState}, whose
 * {@link ProfileState#profile(Instant) profile} is the output row: the same profile as the
 * single-machine library builds from the same events.
 *
 * <p>Why not a typed {@code Aggregator} merging partial states across partitions: its buffer
 * needs a Spark encoder, and {@link ProfileState} is neither serializable nor exposes its
 * state (Kryo cannot write its record fields either), so the events of a customer are grouped
 * first and folded in one place.
 *
 * <h2>Output: {@link #OUTPUT}</h2>
 * {@code customer_id}; {@code first_purchase}, {@code last_purchase} (timestamp, null without
 * purchases); {@code days_since_last_purchase} (bigint, null without purchases);
 * {@code online_orders}, {@code offline_orders}, {@code refunds}, {@code cancelled_orders},
 * {@code touchpoints}, {@code coupons_received}, {@code coupons_redeemed},
 * {@code online_to_offline}, {@code offline_to_online} (bigint); {@code online_spend},
 * {@code offline_spend}, {@code refunded} (decimal(38,2) in the configured currency);
 * {@code preferred_store} (string, nullable). Tags are computed from a {@link CustomerProfile}
 * with core's {@code TagEngine} where the rules live. Stateless and thread-safe.
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
            .add("offline_to_online", DataTypes.LongType, false);

    private static final StructType BUILT = replaceTimestamps(OUTPUT);

    private ProfilesJob() {
    }

    /**
     * The profile of every customer with a touchpoint or an order, as of {@code asOf}.
     *
     * @param config the profiles' currency (of scale 2 at most: the output is decimal(38,2)), O2O
     *               window and zone; an order in another currency fails the job with core's message
     * @throws IllegalArgumentException if an input does not match its schema, is empty, or names an
     *                                  unknown channel, touch type or order status
     */
    public static Dataset<Row> profiles(Dataset<Row> touchpoints, Dataset<Row> orders, List<Channel> channels,
                                        ProfileConfig config, Instant asOf) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(asOf, "asOf");
        if (config.currency().getDefaultFractionDigits() > 2) {
            throw new IllegalArgumentException("profiles are written as decimal(38,2); " + config.currency()
                    + " has " + config.currency().getDefaultFractionDigits() + " decimals");
        }
        Dataset<Row> touches = AttributionJob.TOUCHPOINTS.check(touchpoints).data();
        Dataset<Row> ords = AttributionJob.ORDERS.check(orders).data();
        Object[] ids = channels.stream().map(Channel::id).toArray();
        Events.checkAllowed(touches, "touchpoints", "channel", ids);
        Events.checkAllowed(touches, "touchpoints", "type", Events.names(TouchpointType.values()));
        Events.checkAllowed(ords, "orders", "channel", ids);
        Events.checkAllowed(ords, "orders", "status", Events.names(OrderStatus.values()));
        Events.ChannelTable table = new Events.ChannelTable(channels);
        String currency = config.currency().getCurrencyCode();
        long windowMillis = config.o2oWindow().toMillis();
        String zone = config.zone().getId();
        long asOfSeconds = asOf.getEpochSecond();
        int asOfNanos = asOf.getNano();
        CoGroupFunction<String, Row, Row, Row> fold = (customer, ts, os) -> {
            ProfileConfig c = new ProfileConfig(Currency.getInstance(currency), Duration.ofMillis(windowMillis),
                    ZoneId.of(zone));
            CustomerKey key = CustomerKey.of(customer);
            Map<String, Channel> byId = table.channels();
            ProfileState state = ProfileState.empty(key, c);
            while (ts.hasNext()) {
                state.add(Events.touchpoint(key, ts.next(), byId));
            }
            while (os.hasNext()) {
                state.add(Events.order(key, os.next(), byId));
            }
            CustomerProfile p = state.profile(Instant.ofEpochSecond(asOfSeconds, asOfNanos));
            return List.of(RowFactory.create(customer,
                    p.firstPurchase().map(ProfilesJob::micros).orElse(null),
                    p.lastPurchase().map(ProfilesJob::micros).orElse(null),
                    p.daysSinceLastPurchase().isPresent() ? p.daysSinceLastPurchase().getAsLong() : null,
                    p.onlineOrders(), p.offlineOrders(), p.onlineSpend().amount(), p.offlineSpend().amount(),
                    p.refunds(), p.refundedAmount().amount(), p.cancelledOrders(), p.touchpoints(),
                    p.preferredStore().orElse(null), p.couponsReceived(), p.couponsRedeemed(),
                    p.onlineToOfflineConversions(), p.offlineToOnlineConversions())).iterator();
        };
        MapFunction<Row, String> touchCustomer = r -> r.getString(0);
        MapFunction<Row, String> orderCustomer = r -> r.getString(1);
        return touches.groupByKey(touchCustomer, Encoders.STRING())
                .cogroup(ords.groupByKey(orderCustomer, Encoders.STRING()), fold, Encoders.row(BUILT))
                .withColumn("first_purchase", timestamp_micros(col("first_purchase")))
                .withColumn("last_purchase", timestamp_micros(col("last_purchase")));
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
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
