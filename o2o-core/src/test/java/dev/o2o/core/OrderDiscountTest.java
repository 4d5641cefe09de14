package dev.o2o.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 23: orders carry line and order discounts and the amount paid, consistent to the minor unit. */
class OrderDiscountTest {

    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
    static final CustomerKey C = CustomerKey.of("c1");

    static Money cny(String a) {
        return Money.of(a, "CNY");
    }

    @Test
    void paidIsTheTotalLessLineAndOrderDiscountsSpreadOverTheLines() {
        OrderLine latte = new OrderLine("latte", "coffee", 2, cny("32.00")).withDiscount(cny("6.40"));
        OrderLine cake = new OrderLine("cake", "bakery", 1, cny("28.00"));
        Order o = Order.completed("o1", C, Channel.offline("pos"), Optional.of("s1"), T, List.of(latte, cake),
                cny("10.00"));
        assertEquals(cny("92.00"), o.total());
        assertEquals(cny("75.60"), o.paid());
        assertEquals(cny("16.40"), o.discounts());
        // 10.00 shared by 57.60 : 28.00 -> 6.73 and 3.27 (largest remainder)
        assertEquals(List.of(cny("50.87"), cny("24.73")), o.paidByLine());
        assertEquals(o.paid(), o.paidByLine().get(0).plus(o.paidByLine().get(1)));
        assertEquals(cny("75.60"), o.netTotal());
    }

    @Test
    void theOldFormsStillBuildOrdersThatPayTheirTotal() {
        Order o = Order.completed("o2", C, Channel.online("app"), Optional.empty(), T,
                List.of(new OrderLine("tea", "drinks", 3, cny("10.00"))));
        assertEquals(o.total(), o.paid());
        assertTrue(o.orderDiscount().isZero());
        Order refunded = new Order("o2", C, Channel.online("app"), Optional.empty(), T, o.lines(),
                OrderStatus.REFUNDED, cny("30.00"));
        assertEquals(cny("0.00"), refunded.netTotal());
    }

    @Test
    void inconsistentAmountsAreRefusedNamingThem() {
        List<OrderLine> lines = List.of(new OrderLine("tea", "drinks", 1, cny("10.00")).withDiscount(cny("1.00")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Order("o3", C,
                Channel.online("app"), Optional.empty(), T, lines, OrderStatus.COMPLETED, cny("0"), cny("2.00"),
                cny("8.00")));
        assertEquals("paid 8.00 CNY of order 'o3' must be the total 10.00 CNY less line discounts 1.00 CNY less the"
                + " order discount 2.00 CNY: 7.00 CNY", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OrderLine("tea", "drinks", 1, cny("10.00"))
                .withDiscount(cny("10.01")));
        assertThrows(IllegalArgumentException.class, () -> new OrderLine("tea", "drinks", 1, cny("10.00"))
                .withDiscount(Money.of("1", "USD")));
        assertThrows(IllegalArgumentException.class, () -> Order.completed("o4", C, Channel.online("app"),
                Optional.empty(), T, lines, cny("9.01")));
        // refunds are bounded by what was paid, not by the list total
        assertThrows(IllegalArgumentException.class, () -> new Order("o5", C, Channel.online("app"),
                Optional.empty(), T, lines, OrderStatus.PARTIALLY_REFUNDED, cny("9.50"), cny("0"), cny("9.00")));
        assertEquals(cny("9.00"), new Order("o5", C, Channel.online("app"), Optional.empty(), T, lines,
                OrderStatus.REFUNDED, cny("9.00"), cny("0"), cny("9.00")).refunded());
    }
}
