package dev.o2o.segmentation.clv;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderClvTest {

    private static final Channel WEB = Channel.online("web");

    private static Order order(String id, String customer, String instant, String amount, String currency) {
        return Order.completed(id, CustomerKey.of(customer), WEB, Optional.empty(), Instant.parse(instant),
                List.of(new OrderLine("item", "music", 1, Money.of(amount, currency))));
    }

    /** The raw CDNOW sample as orders: one order per transaction, on its day at noon UTC. */
    private static List<Order> cdnowOrders() throws IOException {
        List<Order> orders = new ArrayList<>();
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        int n = 0;
        for (String line : Files.readAllLines(Cdnow.file("CDNOW_sample.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] t = line.trim().split("\\s+");
            Instant at = LocalDate.parse(t[2], f).atTime(12, 0).toInstant(ZoneOffset.UTC);
            orders.add(Order.completed("t" + n++, CustomerKey.of(String.format("%04d", Integer.parseInt(t[1]))), WEB,
                    Optional.empty(), at, List.of(new OrderLine("cds", "music", 1, Money.of(t[4], "USD")))));
        }
        return orders;
    }

    @Test
    void fromCdnowOrdersToThePublishedFitsAndCustomerOne() throws IOException {
        OrderClv.Forecast f = OrderClv.forecast(cdnowOrders(), ZoneOffset.UTC, LocalDate.of(1997, 9, 30), 7, 39);
        assertEquals(2357, f.customers().size());
        assertTrue(f.tooNew().isEmpty());
        // Fader, Hardie & Lee 2005: r 0.243, alpha 4.414, a 0.793, b 2.426
        BgNbd bg = f.purchases().model();
        assertEquals(0.243, bg.r(), 0.001);
        assertEquals(4.414, bg.alpha(), 0.005);
        assertEquals(0.793, bg.a(), 0.001);
        assertEquals(2.426, bg.b(), 0.002);
        // Fader & Hardie's Gamma-Gamma on the 946 repeat customers: p 6.25, q 3.74, v 15.44
        GammaGamma gg = f.spend().model();
        assertEquals(6.25, gg.p(), 6.25 * 0.01);
        assertEquals(3.74, gg.q(), 3.74 * 0.01);
        assertEquals(15.44, gg.v(), 15.44 * 0.01);
        OrderClv.Prediction one = f.customers().get(CustomerKey.of("0001"));
        assertEquals(2, one.history().summary().frequency());
        assertEquals(30.43, one.history().summary().recency(), 0.005);
        assertEquals(38.86, one.history().summary().age(), 0.005);
        assertEquals(1.226, one.expectedPurchases(), 0.001, "the published 39-week forecast of customer 1");
        assertEquals(one.expectedPurchases() * one.expectedSpend(), one.expectedRevenue(), 1e-12);
        assertEquals(bg.probabilityAlive(one.history().summary()), one.probabilityAlive(), 0);
    }

    @Test
    void summariesByHand() {
        List<Order> orders = List.of(
                order("1", "ann", "2026-01-01T09:00:00Z", "10.00", "EUR"),
                order("2", "ann", "2026-01-15T09:00:00Z", "20.00", "EUR"),
                order("3", "ann", "2026-01-15T18:00:00Z", "5.00", "EUR"),    // same day: one purchase of 25
                order("4", "ann", "2026-01-29T09:00:00Z", "35.00", "EUR"),
                order("5", "ann", "2026-03-01T09:00:00Z", "99.00", "EUR"),   // after the calibration end
                order("6", "bob", "2026-01-08T09:00:00Z", "12.00", "EUR"),
                order("7", "cid", "2026-02-12T09:00:00Z", "12.00", "EUR"));  // first purchase at the end
        OrderClv.Summaries s = OrderClv.summarize(orders, ZoneOffset.UTC, LocalDate.of(2026, 2, 12), 7);
        assertEquals(List.of(CustomerKey.of("ann"), CustomerKey.of("bob")), List.copyOf(s.customers().keySet()));
        assertEquals(List.of(CustomerKey.of("cid")), List.copyOf(s.tooNew()));
        OrderClv.History ann = s.customers().get(CustomerKey.of("ann"));
        assertEquals(new CustomerSummary(2, 4, 6), ann.summary());
        assertEquals(30.0, ann.meanRepeatValue().getAsDouble(), 1e-12);
        assertEquals(new CustomerSummary(0, 0, 5), s.customers().get(CustomerKey.of("bob")).summary());
        assertTrue(s.customers().get(CustomerKey.of("bob")).meanRepeatValue().isEmpty());
        assertEquals("EUR", s.currency().orElseThrow().getCurrencyCode());
        assertEquals(2, s.calibrationData().size());

        List<Order> mixed = new ArrayList<>(orders);
        mixed.add(order("8", "dan", "2026-01-02T09:00:00Z", "3.00", "USD"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrderClv.summarize(mixed, ZoneOffset.UTC, LocalDate.of(2026, 2, 12), 7));
        assertEquals("order 8: currency USD differs from EUR of the earlier purchases", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OrderClv.forecast(orders, ZoneOffset.UTC, LocalDate.of(2026, 2, 12), 7, 0));
    }

    @Test
    void aRepeatCustomerWithoutSpendIsNamed() {
        // free repeat purchases (a 100% coupon) leave a mean repeat value of 0, which the spend model cannot take;
        // the error named "customer at index 0" of a list the caller never sees
        List<Order> orders = List.of(
                order("1", "ann", "2026-01-01T09:00:00Z", "10.00", "EUR"),
                order("2", "ann", "2026-01-15T09:00:00Z", "0.00", "EUR"),
                order("3", "bob", "2026-01-08T09:00:00Z", "12.00", "EUR"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrderClv.forecast(orders, ZoneOffset.UTC, LocalDate.of(2026, 2, 12), 7, 39));
        assertTrue(e.getMessage().contains("ann") && e.getMessage().contains("mean repeat value 0.0"), e.getMessage());
    }
}
