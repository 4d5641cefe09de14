package dev.o2o.predict.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetingTest {

    @Test
    void ranksByNetIncrementalMarginAndRespectsTheBudget() {
        List<Targeting.Offer> offers = List.of(new Targeting.Offer("5 off", Money.of("5.00", "EUR"), Money.of("40.00", "EUR")),
                new Targeting.Offer("10 off", Money.of("10.00", "EUR"), Money.of("40.00", "EUR")));
        double[][] effects = {
            {0.10, 0.20}, // nets -1.00, -2.00: nobody
            {0.30, 0.40}, // 7.00, 6.00 -> offer 0, 7.00
            {0.20, 0.50}, // 3.00, 10.00 -> offer 1, 10.00
            {0.25, 0.30}, // 5.00, 2.00 -> offer 0, 5.00
            {0.126, 0.0}, // 0.04 (5.04 - 5) -> offer 0, 0.04
        };
        Targeting.Plan plan = Targeting.plan(effects, offers, Money.of("20.00", "EUR"));
        // rank: c2 (10.00, costs 10), c1 (7.00, 5), c3 (5.00, 5: budget then spent), c4 (0.04, 5: no budget left)
        assertEquals(3, plan.assignments().size());
        assertEquals(2, plan.assignments().get(0).customer());
        assertEquals(1, plan.assignments().get(0).offer());
        assertEquals(Money.of("10.00", "EUR"), plan.assignments().get(0).expectedNet());
        assertEquals(1, plan.assignments().get(1).customer());
        assertEquals(3, plan.assignments().get(2).customer());
        assertEquals(Money.of("20.00", "EUR"), plan.spent());
        assertEquals(Money.of("22.00", "EUR"), plan.expectedNet());
        // a budget too small for the top offer passes it over for cheaper ones
        Targeting.Plan small = Targeting.plan(effects, offers, Money.of("6.00", "EUR"));
        assertEquals(1, small.assignments().size());
        assertEquals(1, small.assignments().get(0).customer());
        assertThrows(IllegalArgumentException.class, () -> Targeting.plan(effects, offers, Money.of("6.00", "USD")));
        assertThrows(IllegalArgumentException.class, () -> Targeting.plan(new double[][] {{Double.NaN, 0}}, offers,
                Money.of("6.00", "EUR")));
    }
}
