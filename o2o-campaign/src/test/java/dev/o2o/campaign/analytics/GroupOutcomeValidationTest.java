package dev.o2o.campaign.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Sums no group of customers can have are refused: the sum of squares is at least revenue^2 /
 * customers. Such sums (a partition's statistics mis-merged, or built by hand) were accepted, and
 * Incrementality then took the group's revenue variance as 0 (its formula clamps a negative
 * variance), reporting a revenue interval narrower than the data allow.
 */
class GroupOutcomeValidationTest {

    @Test
    void sumOfSquaresBelowWhatTheRevenueNeedsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroupOutcome(2, 1, new BigDecimal("10"), BigDecimal.ZERO));
        assertEquals("revenueSquares 0 is below revenue^2 / customers (revenue 10, customers 2): no group has such sums",
                e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new GroupOutcome(0, 0, BigDecimal.ZERO, BigDecimal.ONE));
        assertEquals("revenueSquares 1 is not 0 for a group of no customers", none.getMessage());
    }

    @Test
    void sumsOfRealGroupsStillPass() {
        GroupOutcome g = GroupOutcome.empty().add(true, new BigDecimal("10.50")).add(false, BigDecimal.ZERO)
                .add(true, new BigDecimal("-3.25"));
        assertEquals(new BigDecimal("7.25"), g.revenue());
        assertEquals(g, new GroupOutcome(3, 2, g.revenue(), g.revenueSquares()));
        // all customers equal: the sum of squares is exactly revenue^2 / customers
        assertEquals(2, new GroupOutcome(2, 2, new BigDecimal("10"), new BigDecimal("50")).customers());
    }
}
