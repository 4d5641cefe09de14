package dev.o2o.spark;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.ChannelCredit;
import dev.o2o.attribution.journey.Journey;
import dev.o2o.attribution.journey.JourneyBuilder;
import dev.o2o.attribution.journey.JourneyOptions;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.core.Channel;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.profile.CustomerProfile;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileState;
import dev.o2o.core.profile.Tag;
import dev.o2o.core.profile.TagEngine;
import dev.o2o.core.profile.TagRule;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributionJobTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final List<Channel> CHANNELS = List.of(Channel.online("search"), Channel.online("social"),
            Channel.online("email"), Channel.online("display"), Channel.offline("store"),
            new Channel("direct", "Direct", dev.o2o.core.ChannelKind.ONLINE, true));
    private static final JourneyOptions OPTIONS = JourneyOptions.defaults().withLookback(Duration.ofDays(14))
            .withInactivity(Duration.ofDays(10));

    private static SparkSession spark;
    private static List<Touchpoint> touches;
    private static List<Order> orders;

    /** Seeded touches and orders of 1500 customers over 90 days; order totals in whole yuan. */
    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        Random random = new Random(4);
        touches = new ArrayList<>();
        orders = new ArrayList<>();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        TouchpointType[] types = {TouchpointType.CLICK, TouchpointType.IMPRESSION, TouchpointType.VISIT};
        for (int c = 0; c < 1500; c++) {
            CustomerKey key = CustomerKey.of(String.format("k%05d", c * 7919 % 10_007));
            int n = random.nextInt(9);
            for (int i = 0; i < n; i++) {
                // minutes, so that some touches share an instant and the builder's tie order matters
                Instant at = start.plusSeconds(60L * random.nextInt(90 * 24 * 60 / 10) * 10);
                touches.add(Touchpoint.of(key, CHANNELS.get(random.nextInt(CHANNELS.size())), at,
                        types[random.nextInt(types.length)]));
            }
            int m = random.nextDouble() < 0.4 ? 1 + random.nextInt(2) : 0;
            for (int i = 0; i < m; i++) {
                Instant at = start.plusSeconds(60L * random.nextInt(90 * 24 * 60));
                Money total = Money.of(BigDecimal.valueOf(20 + random.nextInt(500)), CNY);
                OrderStatus status = random.nextDouble() < 0.1 ? OrderStatus.CANCELLED : OrderStatus.COMPLETED;
                orders.add(new Order("o" + c + "-" + i, key, CHANNELS.get(random.nextBoolean() ? 4 : 0),
                        Optional.empty(), at, List.of(new OrderLine("sku-1", "cat", 1, total)), status,
                        Money.zero(CNY)));
            }
        }
    }

    private static Dataset<Row> touchFrame(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (Touchpoint t : touches) {
            rows.add(RowFactory.create(t.customer().value(), t.channel().id(), Timestamp.from(t.instant()),
                    t.type().name(), null, null));
        }
        return spark.createDataFrame(rows, AttributionJob.TOUCHPOINTS.structType()).repartition(partitions);
    }

    private static Dataset<Row> orderFrame(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (Order o : orders) {
            rows.add(RowFactory.create(o.id(), o.customer().value(), o.channel().id(), Timestamp.from(o.instant()),
                    o.status().name(), o.currency().getCurrencyCode(), o.total().amount(), o.refunded().amount()
                            .setScale(2)));
        }
        return spark.createDataFrame(rows, AttributionJob.ORDERS.structType()).repartition(partitions);
    }

    /** The single-machine library: JourneyBuilder, then a JourneySet of the journeys' paths in build order. */
    private static JourneySet singleMachineSet(List<Journey> journeys) {
        JourneySet.Builder set = JourneySet.builder(ChannelRegistry.of(CHANNELS));
        for (Journey j : journeys) {
            if (j.touchpoints().isEmpty()) {
                continue;
            }
            List<String> path = j.touchpoints().stream().map(t -> t.channel().id()).toList();
            double value = j.conversion().map(o -> o.netTotal().amount().doubleValue()).orElse(0.0);
            set.add(path, j.converted() ? 1 : 0, value, j.converted() ? 0 : 1);
        }
        return set.build();
    }

    @Test
    void journeysAndEveryModelEqualTheSingleMachineLibraryInAnyPartitioning() {
        List<Journey> expectedJourneys = JourneyBuilder.of(OPTIONS).build(touches, orders);
        JourneySet expectedSet = singleMachineSet(expectedJourneys);
        List<AttributionModel> models = List.of(AttributionModel.firstTouch(), AttributionModel.lastTouch(),
                AttributionModel.lastNonDirectTouch(), AttributionModel.linear(), AttributionModel.positionBased(),
                AttributionModel.markov(), AttributionModel.shapleyConversions());
        List<AttributionResult> expected = models.stream().map(m -> m.attribute(expectedSet)).toList();
        assertTrue(expectedSet.totalConversions() > 200, "conversions " + expectedSet.totalConversions());

        for (int partitions : new int[] {1, 3, 17}) {
            Dataset<Row> journeys = AttributionJob.journeys(touchFrame(partitions), orderFrame(partitions), CHANNELS,
                    OPTIONS).cache();
            List<Row> rows = journeys.sort("customer_id", "seq").collectAsList();
            assertEquals(expectedJourneys.size(), rows.size(), partitions + " partitions");
            for (int i = 0; i < rows.size(); i++) {
                Journey e = expectedJourneys.get(i);
                Row r = rows.get(i);
                String what = partitions + " partitions, journey " + i;
                assertEquals(e.customer().value(), r.getString(0), what);
                assertEquals(e.end(), r.getTimestamp(2).toInstant(), what);
                assertEquals(e.touchpoints().stream().map(t -> t.channel().id()).toList(), r.getList(3), what);
                assertEquals(e.converted(), r.getBoolean(4), what);
                assertEquals(e.conversion().map(Order::id).orElse(null), r.getString(6), what);
            }
            for (int m = 0; m < models.size(); m++) {
                AttributionResult actual = AttributionJob.attribute(journeys, models.get(m), CHANNELS);
                // whole-yuan values sum exactly in any order: every credit is the same double
                assertEquals(expected.get(m), actual, models.get(m) + " in " + partitions + " partitions");
            }
            journeys.unpersist();
        }
        // the models differ, so the comparison is not of one trivial result
        ChannelCredit first = expected.get(0).credit("search").orElseThrow();
        ChannelCredit last = expected.get(1).credit("search").orElseThrow();
        assertTrue(first.conversions() != last.conversions() || first.value() != last.value());
    }

    @Test
    void refusesUnknownChannelsTypesAndStatusesBeforeBuildingJourneys() {
        List<Channel> fewer = CHANNELS.subList(0, 4);
        IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
                () -> AttributionJob.journeys(touchFrame(2), orderFrame(2), fewer, OPTIONS));
        assertTrue(channel.getMessage().startsWith("input 'touchpoints': column 'channel' holds '"),
                channel.getMessage());
        assertTrue(channel.getMessage().endsWith("expected one of [search, social, email, display]"),
                channel.getMessage());
        Dataset<Row> orders = orderFrame(2).withColumn("status", org.apache.spark.sql.functions.lit("PAID"));
        IllegalArgumentException status = assertThrows(IllegalArgumentException.class,
                () -> AttributionJob.journeys(touchFrame(2), orders, CHANNELS, OPTIONS));
        assertEquals("input 'orders': column 'status' holds 'PAID', expected one of [COMPLETED, PARTIALLY_REFUNDED,"
                + " REFUNDED, CANCELLED]", status.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> AttributionJob.journeys(touchFrame(2).drop("at"), orderFrame(2), CHANNELS, OPTIONS));
        assertTrue(type.getMessage().startsWith("input 'touchpoints': column 'at' of type timestamp is missing"),
                type.getMessage());
    }

    /** Tag rules that the seeded data exercises: both outcomes of each occur. */
    private static final ProfileTagRules TAGS = () -> TagEngine.of(TagRule.loyal(2), TagRule.churnRisk(30),
            TagRule.onlineToOffline(), TagRule.omnichannel(), TagRule.prospect(),
            TagRule.highValue(Money.of(new BigDecimal("400"), CNY)));

    @Test
    void profilesOfTheTypedAggregatorEqualCoresProfileStateAndTagsInAnyPartitioning() {
        ProfileConfig config = ProfileConfig.defaults().withO2oWindow(Duration.ofDays(3));
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        Map<String, CustomerProfile> expected = singleMachineProfiles(config, asOf);
        TagEngine engine = TAGS.engine();
        for (int partitions : new int[] {1, 3, 17}) {
            List<Row> rows = ProfilesJob.profiles(touchFrame(partitions), orderFrame(partitions), CHANNELS, config, asOf,
                    TAGS).collectAsList();
            assertEquals(expected.size(), rows.size());
            for (Row r : rows) {
                CustomerProfile e = expected.get(r.getString(0));
                assertProfile(e, r, r.getString(0) + " in " + partitions + " partitions");
                assertEquals(engine.tags(e).stream().map(Tag::name).toList(), r.getList(17),
                        r.getString(0) + " in " + partitions + " partitions");
            }
        }
        assertTrue(expected.values().stream().anyMatch(p -> p.onlineToOfflineConversions() > 0),
                "the data must exercise the O2O flags");
        Map<String, Long> tagCounts = new TreeMap<>();
        expected.values().forEach(p -> engine.tags(p).forEach(t -> tagCounts.merge(t.name(), 1L, Long::sum)));
        assertEquals(6, tagCounts.size(), "every rule must match someone: " + tagCounts);
        assertTrue(tagCounts.values().stream().allMatch(n -> n < expected.size()),
                "no rule may match everyone: " + tagCounts);
    }

    @Test
    void profileAggregatorWorksUntypedThroughUdaf() {
        ProfileConfig config = ProfileConfig.defaults().withO2oWindow(Duration.ofDays(3));
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
        Map<String, CustomerProfile> expected = singleMachineProfiles(config, asOf);
        var udaf = functions.udaf(new ProfileAggregator(CHANNELS, config, asOf, ProfileTagRules.none()),
                Encoders.row(ProfilesJob.EVENTS));
        List<Row> rows = ProfilesJob.events(touchFrame(3), orderFrame(3), CHANNELS)
                .groupBy("customer_id")
                .agg(udaf.apply(functions.col("customer_id"), functions.col("touch"), functions.col("order")).as("p"))
                .select("p.*")
                .withColumn("first_purchase", functions.timestamp_micros(functions.col("first_purchase")))
                .withColumn("last_purchase", functions.timestamp_micros(functions.col("last_purchase")))
                .collectAsList();
        assertEquals(expected.size(), rows.size());
        for (Row r : rows) {
            assertProfile(expected.get(r.getString(0)), r, r.getString(0) + " through udaf");
            assertEquals(List.of(), r.getList(17));
        }
    }

    @Test
    void profilesRefuseARepeatedOrderId() {
        Dataset<Row> twice = orderFrame(2).union(orderFrame(1).limit(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProfilesJob.profiles(touchFrame(2), twice, CHANNELS, ProfileConfig.defaults(),
                        Instant.parse("2026-06-01T00:00:00Z")));
        assertTrue(e.getMessage().startsWith("input 'orders': column 'order_id' repeats '"), e.getMessage());
        assertTrue(e.getMessage().endsWith("' (2 rows); order ids must be unique"), e.getMessage());
    }

    private static Map<String, CustomerProfile> singleMachineProfiles(ProfileConfig config, Instant asOf) {
        Map<String, ProfileState> states = new TreeMap<>();
        for (Touchpoint t : touches) {
            states.computeIfAbsent(t.customer().value(), k -> ProfileState.empty(t.customer(), config)).add(t);
        }
        for (Order o : orders) {
            states.computeIfAbsent(o.customer().value(), k -> ProfileState.empty(o.customer(), config)).add(o);
        }
        Map<String, CustomerProfile> out = new TreeMap<>();
        states.forEach((k, v) -> out.put(k, v.profile(asOf)));
        return out;
    }

    private static void assertProfile(CustomerProfile e, Row r, String what) {
        assertEquals(e.firstPurchase().orElse(null), r.isNullAt(1) ? null : r.getTimestamp(1).toInstant(), what);
        assertEquals(e.lastPurchase().orElse(null), r.isNullAt(2) ? null : r.getTimestamp(2).toInstant(), what);
        assertEquals(e.daysSinceLastPurchase().isPresent() ? e.daysSinceLastPurchase().getAsLong() : null,
                r.isNullAt(3) ? null : r.getLong(3), what);
        assertEquals(List.of(e.onlineOrders(), e.offlineOrders(), e.refunds(), e.cancelledOrders(),
                e.touchpoints(), e.couponsReceived(), e.couponsRedeemed(), e.onlineToOfflineConversions(),
                e.offlineToOnlineConversions()), List.of(r.getLong(4), r.getLong(5), r.getLong(8),
                r.getLong(10), r.getLong(11), r.getLong(13), r.getLong(14), r.getLong(15), r.getLong(16)), what);
        assertEquals(0, e.onlineSpend().amount().compareTo(r.getDecimal(6)), what);
        assertEquals(0, e.offlineSpend().amount().compareTo(r.getDecimal(7)), what);
        assertEquals(0, e.refundedAmount().amount().compareTo(r.getDecimal(9)), what);
        assertEquals(e.preferredStore().orElse(null), r.getString(12), what);
    }
}
