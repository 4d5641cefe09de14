package dev.o2o.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DomainTest {

    @Test
    void haversineMatchesKnownDistances() {
        // Beijing Tiananmen to Shanghai People's Square: about 1,067 km
        GeoPoint beijing = GeoPoint.of(39.9087, 116.3975);
        GeoPoint shanghai = GeoPoint.of(31.2304, 121.4737);
        assertEquals(1_067_000, beijing.distanceMetres(shanghai), 3_000);
        // one degree of latitude on the mean sphere
        assertEquals(Math.PI * GeoPoint.EARTH_RADIUS_METRES / 180, GeoPoint.of(0, 0).distanceMetres(GeoPoint.of(1, 0)), 1e-6);
        assertEquals(Math.PI * GeoPoint.EARTH_RADIUS_METRES, GeoPoint.of(0, 0).distanceMetres(GeoPoint.of(0, 180)), 1e-3);
        assertTrue(beijing.isWithin(GeoPoint.of(39.9100, 116.3975), 200));
    }

    @Test
    void geoPointValidatesRanges() {
        assertEquals("latitude must be within -90..90 degrees: 91.0",
                assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(91, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(0, -180.5));
        assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(Double.NaN, 0));
    }

    @Test
    void registryInternsDenselyAndRejectsConflicts() {
        ChannelRegistry registry = new ChannelRegistry();
        assertEquals(0, registry.register(Channel.online("app")));
        assertEquals(1, registry.register(Channel.offline("store")));
        assertEquals(0, registry.register(Channel.online("app")));
        assertEquals(1, registry.indexOf("store").getAsInt());
        assertTrue(registry.indexOf("web").isEmpty());
        assertEquals(Channel.offline("store"), registry.get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.register(Channel.offline("app")));
        assertTrue(e.getMessage().startsWith("channel id 'app' is already registered"), e.getMessage());
    }

    @Test
    void registryIsSafeUnderConcurrentRegistration() throws Exception {
        ChannelRegistry registry = new ChannelRegistry();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<int[]>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    int[] idx = new int[200];
                    for (int i = 0; i < 200; i++) {
                        idx[i] = registry.register(Channel.online("c" + i));
                    }
                    return idx;
                }));
            }
            int[] first = futures.get(0).get();
            for (Future<int[]> f : futures) {
                assertTrue(java.util.Arrays.equals(first, f.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, registry.size());
        for (int i = 0; i < 200; i++) {
            assertEquals(i, registry.indexOf(registry.get(i).id()).getAsInt());
        }
    }

    @Test
    void orderTotalsAndStatusConsistency() {
        CustomerKey c = CustomerKey.of("c1");
        List<OrderLine> lines = List.of(
                new OrderLine("sku-1", "coffee", 2, Money.of("18.50", "CNY")),
                new OrderLine("sku-2", "bakery", 1, Money.of("12.00", "CNY")));
        Order order = Order.completed("o1", c, Channel.offline("store"), Optional.of("s1"), Instant.EPOCH, lines);
        assertEquals(Money.of("49.00", "CNY"), order.total());
        assertEquals(3, order.units());
        Order partial = new Order("o2", c, Channel.online("app"), Optional.empty(), Instant.EPOCH, lines,
                OrderStatus.PARTIALLY_REFUNDED, Money.of("12.00", "CNY"));
        assertEquals(Money.of("37.00", "CNY"), partial.netTotal());
        assertThrows(IllegalArgumentException.class, () -> new Order("o3", c, Channel.online("app"), Optional.empty(),
                Instant.EPOCH, lines, OrderStatus.REFUNDED, Money.of("12.00", "CNY")));
        assertThrows(IllegalArgumentException.class, () -> new Order("o4", c, Channel.online("app"), Optional.empty(),
                Instant.EPOCH, lines, OrderStatus.COMPLETED, Money.of("1.00", "USD")));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> Order.completed("o5", c,
                Channel.online("app"), Optional.empty(), Instant.EPOCH,
                List.of(lines.get(0), new OrderLine("x", "y", 1, Money.of("1", "USD")))));
        assertEquals("order 'o5' mixes currencies CNY and USD", mixed.getMessage());
        assertEquals("quantity of sku 'x' must be at least 1: 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new OrderLine("x", "y", 0, Money.of("1", "CNY"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Order.completed("o6", c, Channel.online("app"),
                Optional.empty(), Instant.EPOCH, List.of()));
    }

    @Test
    void identifiersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> CustomerKey.of(" "));
        assertThrows(IllegalArgumentException.class, () -> CustomerKey.of(" a"));
        assertThrows(NullPointerException.class, () -> CustomerKey.of(null));
        assertThrows(IllegalArgumentException.class, () -> Channel.online("a\tb"));
        Touchpoint t = Touchpoint.of(CustomerKey.of("c"), Channel.online("app"), Instant.EPOCH, TouchpointType.CLICK)
                .withCampaign("spring").withStore("s1");
        assertEquals(Optional.of("spring"), t.campaign());
        assertEquals(Optional.of("s1"), t.storeId());
    }
}
