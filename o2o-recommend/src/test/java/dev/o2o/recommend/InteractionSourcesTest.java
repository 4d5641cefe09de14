package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The adapters from core's orders and touchpoints: which records become events, with what item and weight. */
class InteractionSourcesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final CustomerKey ANN = CustomerKey.of("ann");
    private static final Channel STORE = Channel.offline("store");

    private static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, "food", quantity, Money.of("2.50", "CNY"));
    }

    private static Order order(String id, OrderStatus status, String refunded, Optional<String> store) {
        List<OrderLine> lines = List.of(line("latte", 2), line("bagel", 1));
        return new Order(id, ANN, STORE, store, T0, lines, status,
                Money.of(refunded, "CNY"));
    }

    private final List<Order> orders = List.of(
            order("o1", OrderStatus.COMPLETED, "0.00", Optional.of("s1")),
            order("o2", OrderStatus.PARTIALLY_REFUNDED, "2.50", Optional.empty()),
            order("o3", OrderStatus.CANCELLED, "0.00", Optional.of("s2")),
            order("o4", OrderStatus.REFUNDED, "7.50", Optional.of("s3")));

    @Test
    void productsAreTheLinesOfPurchasesWeightedByQuantity() {
        List<Interaction> events = InteractionSources.productsFromOrders(orders);
        assertEquals(List.of(
                new Interaction("ann", "latte", orders.get(0).instant(), 2).withStore("s1"),
                new Interaction("ann", "bagel", orders.get(0).instant(), 1).withStore("s1"),
                new Interaction("ann", "latte", orders.get(1).instant(), 2),
                new Interaction("ann", "bagel", orders.get(1).instant(), 1)), events);
        Interactions x = Interactions.of(events);
        assertEquals(4.0, x.weight("ann", "latte"), 0.0); // duplicates summed
    }

    @Test
    void storesAreVisitsOfPurchasesWithAStore() {
        assertEquals(List.of(Interaction.of("ann", "s1", orders.get(0).instant()).withStore("s1")),
                InteractionSources.storesFromOrders(orders));
    }

    @Test
    void couponEventsAreOnTheTemplateWithTheWeightOfTheirType() {
        Channel app = Channel.online("app");
        List<Touchpoint> touchpoints = List.of(
                Touchpoint.of(ANN, app, T0, TouchpointType.COUPON_RECEIVED).withCampaign("spring10"),
                Touchpoint.of(ANN, app, T0.plusSeconds(60), TouchpointType.CLICK).withCampaign("spring10"),
                Touchpoint.of(ANN, app, T0.plusSeconds(120), TouchpointType.COUPON_REDEEMED).withCampaign("spring10"));
        Map<TouchpointType, Double> weights = Map.of(TouchpointType.COUPON_RECEIVED, 1.0,
                TouchpointType.COUPON_REDEEMED, 3.0);
        assertEquals(List.of(new Interaction("ann", "spring10", T0, 1.0),
                        new Interaction("ann", "spring10", T0.plusSeconds(120), 3.0)),
                InteractionSources.couponsFromTouchpoints(touchpoints, weights));
        List<Touchpoint> noCampaign = List.of(touchpoints.get(1),
                Touchpoint.of(ANN, app, T0, TouchpointType.COUPON_REDEEMED));
        assertEquals("touchpoint #1 (COUPON_REDEEMED) has no campaign naming the coupon template",
                assertThrows(IllegalArgumentException.class,
                        () -> InteractionSources.couponsFromTouchpoints(noCampaign, weights)).getMessage());
        assertEquals("weight of COUPON_REDEEMED must be finite and not negative: -1.0",
                assertThrows(IllegalArgumentException.class, () -> InteractionSources.couponsFromTouchpoints(
                        touchpoints, Map.of(TouchpointType.COUPON_REDEEMED, -1.0))).getMessage());
    }

    @Test
    void aWeightForATypeThatIsNoCouponEventIsRefused() {
        // a click on the campaign was turned into an event on the coupon template, though other
        // types "are not coupon events and give no event"
        List<Touchpoint> touchpoints = List.of(
                Touchpoint.of(ANN, Channel.online("app"), T0, TouchpointType.CLICK).withCampaign("spring10"));
        Map<TouchpointType, Double> weights = Map.of(TouchpointType.CLICK, 1.0);
        assertEquals("weights may name only COUPON_RECEIVED and COUPON_REDEEMED, not CLICK",
                assertThrows(IllegalArgumentException.class,
                        () -> InteractionSources.couponsFromTouchpoints(touchpoints, weights)).getMessage());
    }
}
