package dev.o2o.risk.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.risk.CustomerResolver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Windows too long to count are refused by the rule, naming the rule and the window. */
class VelocityRuleTest {

    private static String message(String rule) {
        return assertThrows(IllegalArgumentException.class, () -> VelocityRule.parse(rule)).getMessage();
    }

    @Test
    void windowsBeyondWhatALongCountsAreRefusedByName() {
        assertEquals("'W: count by device over 99999999999999999999d deny 3': window '99999999999999999999d' is too"
                + " long (at most 106751 days)", message("W: count by device over 99999999999999999999d deny 3"));
        assertEquals("'W: count by device over 9999999999999999d deny 3': window '9999999999999999d' is too long"
                + " (at most 106751 days)", message("W: count by device over 9999999999999999d deny 3"));
        assertEquals("window of rule W is too long: PT87600000H (at most 106751 days)",
                message("W: count by device over 3650000d deny 3"));
        assertEquals("window of rule W is too long: PT833333333H20M (at most 106751 days)",
                message("W: count by device over 3000000000000s deny 3"));
    }

    @Test
    void theLongestWindowIsCountedByTheEngine() {
        VelocityRule longest = VelocityRule.parse("W: count by device over 106751d deny 3");
        assertEquals(Duration.ofDays(106_751), longest.window());
        assertEquals(1, VelocityEngine.parse("W: count by device over 106751d deny 3", CustomerResolver.none(),
                VelocityConfig.defaults()).rules().size());
    }
}
