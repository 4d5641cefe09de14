package dev.o2o.loyalty.coupon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static dev.o2o.loyalty.coupon.Fixtures.CNY;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscountTest {

    @Test
    void parsesThresholdAndRate() {
        assertEquals(new Discount.Threshold(cny("150"), cny("20")), Discount.parseTianchi("150:20", CNY));
        assertEquals(new Discount.Rate(new BigDecimal("0.95")), Discount.parseTianchi("0.95", CNY));
        assertEquals(Discount.Kind.THRESHOLD, Discount.parseTianchi(" 30:5 ", CNY).kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "150:20:00 | more than one ':'",
            "20:30     | must be less than spend",
            "20:20     | must be less than spend",
            "1.5       | strictly between 0 and 1",
            "1         | strictly between 0 and 1",
            "0         | strictly between 0 and 1",
            "''        | empty",
            "abc       | not a plain decimal",
            ":5        | spend is missing",
            "-5:1      | not a plain decimal",
            "10.001:1  | fraction digits",
    })
    void rejectsMalformedWithReason(String notation, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Discount.parseTianchi(notation, CNY));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void valuesValidateTheirFields() {
        assertThrows(IllegalArgumentException.class, () -> new Discount.Threshold(cny("10"), cny("10")));
        assertThrows(IllegalArgumentException.class, () -> new Discount.Rate(BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> new Discount.FixedAmount(cny("0")));
        assertThrows(IllegalArgumentException.class, () -> new Discount.FixedPrice("sku", cny("-1")));
        assertThrows(IllegalArgumentException.class, () -> new Discount.FreeGift("sku", 0));
        assertThrows(IllegalArgumentException.class, () -> new Discount.FreeGift(" sku", 1));
    }
}
