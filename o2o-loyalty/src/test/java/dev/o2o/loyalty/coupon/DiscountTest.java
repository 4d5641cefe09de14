package dev.o2o.loyalty.coupon;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DiscountTest {

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
