package dev.o2o.risk.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.EventType;
import dev.o2o.risk.Field;
import dev.o2o.risk.RiskDecision;
import dev.o2o.risk.RiskEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule text that cannot be read or counted as written is refused, naming the rule and the offending word. */
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

    @Test
    void aThresholdThatIsNotAPlainDecimalNumberIsRefusedByName() {
        // once: Double.parseDouble read 5d and 5F as 5, 0x10p0 as 16 and +5 as 5
        for (String t : List.of("5d", "5F", "0x10p0", "+5", "5.", ".5", "1e3", "NaN", "Infinity")) {
            assertEquals("rule 'W: count by device over 1h deny " + t + "': deny threshold '" + t
                    + "' is not a decimal number (like 5 or 2.5)", message("W: count by device over 1h deny " + t));
        }
        assertEquals("rule 'W: count by device over 1h review 0x2 deny 5': review threshold '0x2' is not a decimal"
                + " number (like 5 or 2.5)", message("W: count by device over 1h review 0x2 deny 5"));
        VelocityRule ok = VelocityRule.parse("W: count by device over 1h review 2.5 deny 007");
        assertEquals(2.5, ok.review().getAsDouble());
        assertEquals(7, ok.deny().getAsDouble());
    }

    @Test
    void anEmptyOrRepeatedEventTypeInAListIsRefusedRatherThanSkipped() {
        // once: a trailing comma was dropped by String.split, and the rule counted coupon_redemption alone
        assertEquals("rule 'W: count of coupon_redemption, by device over 1h deny 3': an event type is empty in"
                + " 'coupon_redemption,'", message("W: count of coupon_redemption, by device over 1h deny 3"));
        assertEquals("rule 'W: count of sign_up,,referral by device over 1h deny 3': an event type is empty in"
                + " 'sign_up,,referral'", message("W: count of sign_up,,referral by device over 1h deny 3"));
        assertEquals("rule 'W: count of ,sign_up by device over 1h deny 3': an event type is empty in ',sign_up'",
                message("W: count of ,sign_up by device over 1h deny 3"));
        assertEquals("rule 'W: count of sign_up,SIGN_UP by device over 1h deny 3': event type 'SIGN_UP' is given"
                + " twice in 'sign_up,SIGN_UP'", message("W: count of sign_up,SIGN_UP by device over 1h deny 3"));
        assertEquals(Set.of(EventType.SIGN_UP, EventType.REFERRAL),
                VelocityRule.parse("W: count of sign_up,referral by device over 1h deny 3").on());
    }

    @Test
    void aThresholdAboveTheLargestFigureIsRefusedByName() {
        // figures are longs: such a threshold never triggered, and fmt printed it as 9223372036854775807
        assertEquals("rule 'W: sum by device over 1h deny 9223372036854775808': deny threshold"
                + " '9223372036854775808' is above the largest figure 9223372036854775807",
                message("W: sum by device over 1h deny 9223372036854775808"));
        assertEquals("rule 'W: sum by device over 1h review 10000000000000000000.5': review threshold"
                + " '10000000000000000000.5' is above the largest figure 9223372036854775807",
                message("W: sum by device over 1h review 10000000000000000000.5"));
        IllegalArgumentException built = assertThrows(IllegalArgumentException.class, () -> new VelocityRule("W",
                Set.of(EventType.COUPON_REDEMPTION), Field.DEVICE, Measure.SUM, Optional.empty(), Duration.ofHours(1),
                OptionalDouble.empty(), OptionalDouble.of(1e19)));
        assertEquals("deny threshold of rule W is above the largest figure 9223372036854775807: 1.0E19",
                built.getMessage());
        // the largest figure itself is a threshold a saturated sum reaches, and is printed as it was written
        VelocityEngine e = VelocityEngine.parse("W: sum by device over 1h deny 9223372036854775807",
                CustomerResolver.none(), VelocityConfig.defaults());
        RiskDecision d = e.evaluate(RiskEvent.of(EventType.COUPON_REDEMPTION, Instant.parse("2026-07-15T10:00:00Z"), "a")
                .withDevice("d1").withAmount(Long.MAX_VALUE));
        assertEquals(Action.DENY, d.action());
        assertEquals("sum by device over PT1H is at most 9223372036854775807, deny threshold 9223372036854775807",
                d.reasons().get(0).detail());
    }
}
