package dev.o2o.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void quotesShortValuesWholeAndCapsLongOnes() {
        assertEquals("'abc'", Messages.quote("abc"));
        assertEquals("'" + "a".repeat(40) + "'", Messages.quote("a".repeat(40)));
        assertEquals("'" + "a".repeat(40) + "…' (41 characters)", Messages.quote("a".repeat(41)));
        // a surrogate pair is never cut in half
        String s = "a".repeat(39) + "😀" + "b";
        assertEquals("'" + "a".repeat(39) + "…' (42 characters)", Messages.quote(s));
    }

    @Test
    void decimalsArePlainWhileShort() {
        assertEquals("12.50", Messages.decimal(new BigDecimal("12.50")));
        assertEquals("1E-100000000", Messages.decimal(new BigDecimal("1e-100000000")));
        assertEquals("1E+100000000", Messages.decimal(new BigDecimal("1e100000000")));
        assertEquals("'" + "1".repeat(40) + "…' (1000 characters)", Messages.decimal(new BigDecimal("1".repeat(1000))));
    }
}
