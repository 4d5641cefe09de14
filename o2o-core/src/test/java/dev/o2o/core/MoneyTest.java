package dev.o2o.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void normalisesScaleAndRefusesImplicitRounding() {
        assertEquals(new BigDecimal("10.50"), new Money(new BigDecimal("10.5"), CNY).amount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Money(new BigDecimal("10.505"), CNY));
        assertTrue(e.getMessage().contains("10.505"), e.getMessage());
        assertEquals(new BigDecimal("100"), new Money(new BigDecimal("100.00"), JPY).amount());
    }

    @Test
    void roundsHalfEvenByDefaultAndAsAskedOtherwise() {
        assertEquals(new BigDecimal("0.12"), Money.of(new BigDecimal("0.125"), CNY).amount());
        assertEquals(new BigDecimal("0.14"), Money.of(new BigDecimal("0.135"), CNY).amount());
        assertEquals(new BigDecimal("0.13"), Money.of(new BigDecimal("0.125"), CNY, RoundingMode.HALF_UP).amount());
        assertEquals(new BigDecimal("3.33"), Money.of("10", "CNY").times(new BigDecimal("0.333"), RoundingMode.HALF_EVEN).amount());
    }

    @Test
    void arithmeticRefusesMixedCurrencies() {
        Money a = Money.of("1.00", "CNY");
        Money b = Money.of("1.00", "USD");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.plus(b));
        assertEquals("currency mismatch: CNY and USD", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.compareTo(b));
        assertEquals(Money.of("2.50", "CNY"), a.plus(Money.of("1.5", "CNY")));
        assertEquals(Money.of("-0.50", "CNY"), a.minus(Money.of("1.5", "CNY")));
        assertEquals(Money.of("3.00", "CNY"), a.times(3));
    }

    @Test
    void parsingErrorsNameTheValue() {
        assertEquals("amount is not a decimal number: '12,5'",
                assertThrows(IllegalArgumentException.class, () -> Money.of("12,5", "CNY")).getMessage());
        assertEquals("unknown ISO 4217 currency code: 'RMB'",
                assertThrows(IllegalArgumentException.class, () -> Money.of("1", "RMB")).getMessage());
    }

    @Test
    void allocateSumsExactlyByLargestRemainder() {
        List<Money> parts = Money.of("10.00", "CNY").allocate(List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE));
        assertEquals(List.of(Money.of("3.34", "CNY"), Money.of("3.33", "CNY"), Money.of("3.33", "CNY")), parts);
        List<Money> weighted = Money.of("20.00", "CNY").allocate(
                List.of(new BigDecimal("59.90"), new BigDecimal("30.10"), new BigDecimal("10.00")));
        // exact shares 11.98, 6.02, 2.00
        assertEquals(List.of(Money.of("11.98", "CNY"), Money.of("6.02", "CNY"), Money.of("2.00", "CNY")), weighted);
        List<Money> neg = Money.of("-0.05", "CNY").allocate(List.of(BigDecimal.ONE, BigDecimal.ONE));
        assertEquals(List.of(Money.of("-0.03", "CNY"), Money.of("-0.02", "CNY")), neg);
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", "CNY").allocate(List.of(BigDecimal.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", "CNY").allocate(List.of(BigDecimal.ONE.negate())));
    }

    @Test
    void minorUnitsRoundTrip() {
        assertEquals(1234, Money.of("12.34", "CNY").minorUnits());
        assertEquals(Money.of("12.34", "CNY"), Money.ofMinor(1234, CNY));
        assertEquals("12.34 CNY", Money.ofMinor(1234, CNY).toString());
    }

    @Test
    void minorUnitsOfAnAmountBeyondALongNamesTheAmount() {
        // amounts above TEXT_LIMIT up to Long.MAX_VALUE minor units are still exact
        assertEquals(Long.MAX_VALUE, new Money(new BigDecimal("92233720368547758.07"), CNY).minorUnits());
        assertEquals(-1_000_000_000_000_000_000L, new Money(new BigDecimal("-1E18"), JPY).minorUnits());
        for (String amount : List.of("92233720368547758.08", "-1E20", "9E29")) {
            Money big = new Money(new BigDecimal(amount), CNY);
            ArithmeticException e = assertThrows(ArithmeticException.class, big::minorUnits);
            assertTrue(e.getMessage().contains(big.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("minor units"), e.getMessage());
            ArithmeticException a = assertThrows(ArithmeticException.class,
                    () -> big.allocate(List.of(BigDecimal.ONE, BigDecimal.ONE)));
            assertEquals(e.getMessage(), a.getMessage());
        }
    }

    @Test
    void requireBelowLimitHoldsTheTextLimitInMajorUnitsNamingTheField() {
        for (Currency c : List.of(CNY, JPY, Currency.getInstance("BHD"))) {
            Money largest = Money.of(Money.TEXT_LIMIT, c).minus(Money.ofMinor(1, c));
            assertEquals(largest, Money.requireBelowLimit(largest, "price"));
            assertEquals(largest.negate(), Money.requireBelowLimit(largest.negate(), "price"));
            assertThrows(IllegalArgumentException.class, () -> Money.requireBelowLimit(Money.of(Money.TEXT_LIMIT, c), "price"));
            assertThrows(IllegalArgumentException.class,
                    () -> Money.requireBelowLimit(Money.of(Money.TEXT_LIMIT.negate(), c), "price"));
        }
        IllegalArgumentException at = assertThrows(IllegalArgumentException.class,
                () -> Money.requireBelowLimit(Money.of(Money.TEXT_LIMIT, CNY), "budget"));
        assertEquals("budget is out of range: 1000000000000.00 CNY; must be below 10^12", at.getMessage());
        // a long value is quoted with four significant digits
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> Money.requireBelowLimit(Money.of(new BigDecimal("-123456789e21"), CNY), "budget"));
        assertEquals("budget is out of range: -1.235E+29 CNY; must be below 10^12", huge.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Money.requireBelowLimit(null, "budget"));
        assertEquals("budget", npe.getMessage());
        // the text door holds the same limit
        assertThrows(IllegalArgumentException.class, () -> Money.of(Money.TEXT_LIMIT.toPlainString(), "JPY"));
        assertEquals(Money.of("999999999999", "JPY"), Money.requireBelowLimit(Money.of("999999999999", "JPY"), "x"));
    }
}
