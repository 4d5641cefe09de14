package dev.o2o.predict.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.predict.metrics.Metrics;
import dev.o2o.predict.model.GbmConfig;
import dev.o2o.predict.model.GbmModel;
import dev.o2o.testkit.predict.ChurnProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChurnFeaturesTest {

    static final Instant CUTOFF = Instant.parse("2024-01-01T00:00:00Z");

    static Order order(String id, String customer, double daysBefore, String amount, boolean online) {
        return Order.completed(id, CustomerKey.of(customer), online ? Channel.online("web") : Channel.offline("shop"),
                Optional.empty(), CUTOFF.minusSeconds((long) (daysBefore * 86400)),
                List.of(new OrderLine("s", "c", 1, Money.of(amount, "EUR"))));
    }

    @Test
    void featuresByHandAndOrdersAfterTheCutoffOnlyLabel() {
        List<Order> orders = List.of(order("1", "a", 200, "10.00", true), order("2", "a", 100, "20.00", false),
                order("3", "a", 10, "30.00", true), order("4", "a", -5, "999.00", true), // after the cutoff: label only
                order("5", "b", 50, "5.00", false), order("6", "b", -100, "1.00", false)); // after the horizon
        ChurnFeatures.Examples e = ChurnFeatures.build(orders, CUTOFF, Duration.ofDays(60));
        assertEquals(List.of(CustomerKey.of("a"), CustomerKey.of("b")), e.customers());
        double[] a = e.features().row(0);
        assertEquals(10.0, a[ChurnFeatures.NAMES.indexOf("recency")], 1e-9);
        assertEquals(200.0, a[ChurnFeatures.NAMES.indexOf("tenure")], 1e-9);
        assertEquals(3.0, a[ChurnFeatures.NAMES.indexOf("frequency")]);
        assertEquals(95.0, a[ChurnFeatures.NAMES.indexOf("ipt_mean")], 1e-9);
        assertEquals(Math.sqrt(50.0), a[ChurnFeatures.NAMES.indexOf("ipt_sd")], 1e-9); // gaps 100, 90
        assertEquals(90.0, a[ChurnFeatures.NAMES.indexOf("ipt_last")], 1e-9);
        assertEquals(30.0, a[ChurnFeatures.NAMES.indexOf("spend_recent")], 1e-9);
        assertEquals(20.0, a[ChurnFeatures.NAMES.indexOf("spend_prior")], 1e-9);
        assertEquals(0.2, a[ChurnFeatures.NAMES.indexOf("spend_trend")], 1e-12);
        assertEquals(2.0 / 3, a[ChurnFeatures.NAMES.indexOf("online_share")], 1e-12);
        assertEquals(0.0, e.labels()[0]);
        assertEquals(1.0, e.labels()[1], "b's next order is after the 60-day horizon");
        assertTrue(Double.isNaN(e.features().row(1)[ChurnFeatures.NAMES.indexOf("ipt_mean")]));
    }

    @Test
    void gbmOnTheFeaturesComesWithinTwoPointsOfTheOracleAuc() {
        ChurnProcess.Data train = ChurnProcess.generate(20000, CUTOFF, Duration.ofDays(30), 1);
        ChurnProcess.Data test = ChurnProcess.generate(10000, CUTOFF, Duration.ofDays(30), 2);
        ChurnFeatures.Examples tr = ChurnFeatures.build(train.orders(), CUTOFF, Duration.ofDays(30));
        ChurnFeatures.Examples te = ChurnFeatures.build(test.orders(), CUTOFF, Duration.ofDays(30));
        GbmModel m = GbmModel.fit(tr.features(), tr.labels(), GbmConfig.builder().trees(200).maxDepth(3)
                .learningRate(0.05).build());
        double auc = Metrics.rocAuc(te.labels(), m.predict(te.features()));
        double[] oracle = IntStream.range(0, te.customers().size())
                .mapToDouble(i -> test.probability().get(te.customers().get(i))).toArray();
        double best = Metrics.rocAuc(te.labels(), oracle);
        assertTrue(auc > best - 0.02, "gbm " + auc + ", oracle " + best);
        assertTrue(best > 0.7, "the process carries signal: oracle " + best);
    }
    /**
     * The labels array was neither copied in nor out: a caller's later write to the array it passed,
     * or to the one {@code labels()} returned, changed the examples' labels.
     */
    @Test
    void examplesCopyTheLabelsInAndOut() {
        double[] labels = {1, 0};
        ChurnFeatures.Examples e = new ChurnFeatures.Examples(
                dev.o2o.predict.data.Matrix.of(List.of("a"), new double[][] {{1, 2}}),
                List.of(CustomerKey.of("u1"), CustomerKey.of("u2")), labels);
        labels[0] = 0;
        e.labels()[1] = 1;
        assertEquals(1.0, e.labels()[0]);
        assertEquals(0.0, e.labels()[1]);
        double[] used = {1};
        Receipt r = new Receipt(2, "u1", "m1", Optional.of("c1"), Optional.of("0.9"), java.util.OptionalInt.empty(),
                Optional.of(java.time.LocalDate.of(2016, 1, 1)), Optional.empty());
        CouponFeatures.Examples c = new CouponFeatures.Examples(
                dev.o2o.predict.data.Matrix.of(List.of("a"), new double[][] {{3}}), List.of(r), Optional.of(used));
        used[0] = 0;
        c.labels().orElseThrow()[0] = 5;
        assertEquals(1.0, c.labels().orElseThrow()[0]);
    }

    /**
     * A horizon reaching past the largest instant (say Duration.ofSeconds(Long.MAX_VALUE) for
     * "ever") failed in cutoff.plus(horizon) with java.time's bare "long overflow" or "Instant
     * exceeds maximum or minimum instant", naming neither parameter.
     */
    @Test
    void aHorizonPastTheLargestInstantIsRefusedNamingIt() {
        List<Order> orders = List.of(order("1", "a", 10, "1.00", true));
        for (Duration horizon : List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(366L * 1_000_000_000))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChurnFeatures.build(orders, CUTOFF, horizon));
            assertEquals("horizon " + horizon + " after cutoff " + CUTOFF + " reaches past the largest instant "
                    + Instant.MAX, e.getMessage());
        }
    }
}
