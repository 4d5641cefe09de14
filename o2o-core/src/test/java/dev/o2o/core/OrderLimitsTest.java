package dev.o2o.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 14 items 1 and 10: the numeric limits of orders and of amounts read from text. */
class OrderLimitsTest {

    static final Currency CNY = Currency.getInstance("CNY");

    static Order order(List<OrderLine> lines) {
        return Order.completed("o1", CustomerKey.of("c1"), Channel.online("app"), Optional.empty(),
                Instant.parse("2024-05-01T10:00:00Z"), lines);
    }

    // units() used to overflow: two lines of 1.5 billion units gave a negative count
    @Test
    void unitsCannotOverflow() {
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
                () -> new OrderLine("a", "b", 1_500_000_000, Money.of("0.01", "CNY")));
        assertEquals("quantity of sku 'a' must be at most 1000000: 1500000000", q.getMessage());
        OrderLine most = new OrderLine("a", "b", OrderLine.MAX_QUANTITY, Money.zero(CNY));
        assertEquals(Order.MAX_LINES * OrderLine.MAX_QUANTITY,
                order(Collections.nCopies(Order.MAX_LINES, most)).units());
        assertTrue((long) Order.MAX_LINES * OrderLine.MAX_QUANTITY <= Integer.MAX_VALUE);
        IllegalArgumentException lines = assertThrows(IllegalArgumentException.class,
                () -> order(Collections.nCopies(Order.MAX_LINES + 1, most)));
        assertEquals("order 'o1' has 2001 lines, more than 2000", lines.getMessage());
    }

    @Test
    void pricesAndTotalsStayBelowTenToTheTwelfth() {
        Money big = new Money(new BigDecimal("1e12"), CNY);
        assertThrows(IllegalArgumentException.class, () -> new OrderLine("a", "b", 1, big));
        Money half = Money.of("500000000000.00", "CNY");
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class,
                () -> order(List.of(new OrderLine("a", "b", 2, half))));
        assertTrue(total.getMessage().startsWith("total of order 'o1' must be below 10^12"), total.getMessage());
        assertEquals("999999999999.99 CNY", order(List.of(new OrderLine("a", "b", 1,
                Money.of("999999999999.99", "CNY")))).total().toString());
    }

    @Test
    void parsingIsBoundedBeforeBigDecimalBuildsAnything() {
        assertEquals(Money.of("12.50", "CNY"), Money.parse(" 12.5 ", CNY));
        assertEquals(Money.of("1250.00", "CNY"), Money.parse("1.25E+3", CNY));
        assertEquals(Money.of("-3", "CNY"), Money.parse("-3", CNY));
        assertEquals(Money.zero(CNY), Money.parse("0e999", CNY));
        for (String bad : new String[] {"1e999999999", "1e100000000", "1e-100000000", "1E+2147483647"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(bad, CNY));
            assertEquals("has an exponent out of range: '" + bad + "'", e.getMessage());
            IllegalArgumentException of = assertThrows(IllegalArgumentException.class, () -> Money.of(bad, "CNY"));
            assertEquals("amount has an exponent out of range: '" + bad + "'", of.getMessage());
        }
        assertEquals("is too large (the limit is below 10^12): '1e12'",
                assertThrows(IllegalArgumentException.class, () -> Money.parse("1e12", CNY)).getMessage());
        assertEquals("has more fraction digits than CNY allows: '0.001'",
                assertThrows(IllegalArgumentException.class, () -> Money.parse("0.001", CNY)).getMessage());
        assertEquals("is not a decimal number: '12,5'",
                assertThrows(IllegalArgumentException.class, () -> Money.parse("12,5", CNY)).getMessage());
        assertEquals("is not a decimal number: 'NaN'",
                assertThrows(IllegalArgumentException.class, () -> Money.parse("NaN", CNY)).getMessage());
        assertEquals("is not a decimal number: '1e'",
                assertThrows(IllegalArgumentException.class, () -> Money.parse("1e", CNY)).getMessage());
        assertEquals("is not a decimal number: '.'",
                assertThrows(IllegalArgumentException.class, () -> Money.parse(".", CNY)).getMessage());
        assertEquals("is not a decimal number: '١٢'", // Arabic-Indic digits, which BigDecimal would take
                assertThrows(IllegalArgumentException.class, () -> Money.parse("١٢", CNY)).getMessage());
    }

    // a BigDecimal built elsewhere with a huge scale used to produce a 100 MB message
    @Test
    void messagesAboutHugeDecimalsStayShort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Money(new BigDecimal("1e-100000000"), CNY));
        assertTrue(e.getMessage().startsWith("amount 1E-100000000 has more than 2 fraction digits"), e.getMessage());
        // rescaling 1E+100000000 to two places alone would build a 100-million-digit number
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> new Money(new BigDecimal("1e100000000"), CNY));
        assertEquals("amount 1E+100000000 has more than 30 digits before the point", huge.getMessage());
    }
}
