package dev.o2o.attribution.journey;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JourneyBuilderTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Channel SOCIAL = Channel.online("social");
    static final Channel APP = Channel.online("app");
    static final Channel STORE = Channel.offline("store");
    static final CustomerKey ANN = CustomerKey.of("ann");
    static final CustomerKey BOB = CustomerKey.of("bob");

    static Touchpoint touch(CustomerKey c, Channel ch, double days) {
        return Touchpoint.of(c, ch, T0.plusSeconds((long) (days * 86400)), TouchpointType.CLICK);
    }

    static Order order(String id, CustomerKey c, Channel ch, double days, String amount) {
        OrderLine line = orderLine(amount);
        return Order.completed(id, c, ch, ch.isOffline() ? Optional.of("s1") : Optional.empty(),
                T0.plusSeconds((long) (days * 86400)), List.of(line));
    }

    static OrderLine orderLine(String amount) {
        // OrderLine's canonical form from core
        return new OrderLine("sku-1", "general", 1, Money.of(amount, "EUR"));
    }

    @Test
    void cutsAtOrdersAndMarksOnlineToOffline() {
        List<Touchpoint> ts = List.of(touch(ANN, SOCIAL, 0), touch(ANN, APP, 1), touch(ANN, APP, 5),
                touch(ANN, SOCIAL, 6));
        List<Order> os = List.of(order("o1", ANN, STORE, 2, "30.00"), order("o2", ANN, APP, 7, "12.50"));
        List<Journey> js = JourneyBuilder.withDefaults().build(ts, os);
        assertEquals(2, js.size());
        assertEquals(2, js.get(0).touchpoints().size());
        assertTrue(js.get(0).onlineToOffline());
        assertEquals("o1", js.get(0).conversion().orElseThrow().id());
        assertFalse(js.get(1).onlineToOffline());
        assertEquals(2, js.get(1).touchpoints().size());
    }

    @Test
    void lookbackAndInactivitySplitWithoutDroppingTouches() {
        List<Touchpoint> ts = List.of(touch(ANN, SOCIAL, 0), touch(ANN, APP, 40), touch(ANN, SOCIAL, 45),
                touch(ANN, APP, 100));
        List<Order> os = List.of(order("o1", ANN, STORE, 50, "10.00"));
        List<Journey> js = JourneyBuilder.withDefaults().build(ts, os);
        // touch at day 0 is outside the 30-day window of the order at day 50
        assertEquals(3, js.size());
        assertFalse(js.get(0).converted());
        assertEquals(1, js.get(0).touchpoints().size());
        assertTrue(js.get(1).converted());
        assertEquals(2, js.get(1).touchpoints().size());
        assertFalse(js.get(2).converted());
        assertEquals(4, js.stream().mapToInt(j -> j.touchpoints().size()).sum());

        List<Journey> idle = JourneyBuilder.of(JourneyOptions.defaults().withInactivity(Duration.ofDays(3)))
                .build(ts, os);
        // 5-day gaps at days 40-45 and 45-50 end journeys: the order keeps no touch and stays unattributed
        assertEquals(5, idle.size());
        assertEquals(1, idle.get(2).touchpoints().size());
        assertFalse(idle.get(2).converted());
        assertTrue(idle.get(3).converted());
        assertTrue(idle.get(3).touchpoints().isEmpty());
        assertEquals(js, JourneyBuilder.of(JourneyOptions.defaults().withInactivity(Duration.ofDays(6))).build(ts, os));
    }

    @Test
    void orderWithoutTouchesIsUnattributedNotDropped() {
        List<Journey> js = JourneyBuilder.withDefaults().build(List.of(), List.of(order("o1", BOB, STORE, 1, "9.99")));
        assertEquals(1, js.size());
        JourneySet set = JourneySet.of(new ChannelRegistry(), js);
        assertEquals(1.0, set.unattributedConversions());
        assertEquals(9.99, set.unattributedValue(), 1e-12);
        assertEquals(0, set.size());
    }

    @Test
    void mixedCurrenciesAreRejected() {
        Order usd = Order.completed("u1", BOB, APP, Optional.empty(), T0.plusSeconds(7200),
                List.of(new OrderLine("sku-1", "general", 1, Money.of("3.00", "USD"))));
        List<Journey> js = JourneyBuilder.withDefaults().build(List.of(touch(ANN, APP, 0), touch(BOB, APP, 0)),
                List.of(order("o1", ANN, STORE, 1, "5.00"), usd));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JourneySet.of(new ChannelRegistry(), js));
        assertTrue(e.getMessage().contains("USD"), e.getMessage());
    }

    /**
     * The same order given twice (a replayed file, a retried export) used to end two journeys, so it
     * counted as two conversions and twice its value; it is refused, naming the order, as reading an
     * order file refuses an id read before.
     */
    @Test
    void anOrderGivenTwiceIsRefusedNotCountedTwice() {
        Order o1 = order("o1", ANN, STORE, 2, "30.00");
        List<Touchpoint> ts = List.of(touch(ANN, SOCIAL, 0), touch(ANN, APP, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JourneyBuilder.withDefaults().build(ts, List.of(o1, order("o2", ANN, APP, 3, "5.00"), o1)));
        assertEquals("order 'o1' is given twice; an order counts once", e.getMessage());
        // the same id for another customer's order is the same fault
        e = assertThrows(IllegalArgumentException.class, () -> JourneyBuilder.withDefaults().build(ts,
                List.of(o1, order("o1", BOB, APP, 3, "5.00"))));
        assertEquals("order 'o1' is given twice; an order counts once", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JourneyBuilder.withDefaults().buildCustomer(ANN, ts, List.of(o1, o1)));
        assertEquals("order 'o1' is given twice; an order counts once", e.getMessage());
    }

    @Test
    void cancelledOrdersAreNotConversions() {
        OrderLine line = orderLine("5.00");
        Order cancelled = new Order("c1", ANN, APP, Optional.empty(), T0.plusSeconds(3600), List.of(line),
                OrderStatus.CANCELLED, Money.of("0", "EUR"));
        List<Journey> js = JourneyBuilder.withDefaults().build(List.of(touch(ANN, APP, 0)), List.of(cancelled));
        assertEquals(1, js.size());
        assertFalse(js.get(0).converted());
    }

    @Test
    void independentOfInputOrderAndFeedsTimeDecay() {
        List<Touchpoint> ts = new ArrayList<>();
        List<Order> os = new ArrayList<>();
        Random r = new Random(3);
        for (int c = 0; c < 20; c++) {
            CustomerKey k = CustomerKey.of("c" + c);
            for (int i = 0; i < 6; i++) {
                ts.add(touch(k, r.nextBoolean() ? SOCIAL : APP, r.nextInt(60 * 24) / 24.0));
            }
            os.add(order("o" + c, k, STORE, 30 + r.nextInt(20), "20.00"));
        }
        List<Journey> a = JourneyBuilder.withDefaults().build(ts, os);
        Collections.shuffle(ts, new Random(1));
        Collections.shuffle(os, new Random(2));
        List<Journey> b = JourneyBuilder.withDefaults().build(ts, os);
        assertEquals(a, b);
        JourneySet set = JourneySet.of(new ChannelRegistry(), a);
        assertTrue(set.hasTimes());
        AttributionResult decay = AttributionModel.timeDecay().attribute(set);
        assertEquals(set.totalConversions(), decay.creditedConversions(), 1e-9);
        assertEquals(set.totalValue(), decay.creditedValue(), 1e-9);
    }

    @Test
    void journeyValidation() {
        assertThrows(IllegalArgumentException.class, () -> new Journey(ANN, List.of(), Optional.empty(), T0, false));
        assertThrows(IllegalArgumentException.class,
                () -> new Journey(ANN, List.of(touch(BOB, APP, 0)), Optional.empty(), T0, false));
        assertThrows(IllegalArgumentException.class,
                () -> new Journey(ANN, List.of(touch(ANN, APP, 0)), Optional.of(order("o", ANN, STORE, 1, "1.00")),
                        T0.plusSeconds(86400), false));
        assertThrows(IllegalArgumentException.class, () -> new JourneyOptions(Duration.ZERO, Optional.empty()));
        assertEquals(ChannelKind.OFFLINE, STORE.kind());
    }
}
