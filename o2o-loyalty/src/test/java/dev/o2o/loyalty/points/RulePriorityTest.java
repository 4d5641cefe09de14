package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 23: one priority rule in o2o, higher first, for earning rules as for coupons and triggers. */
class RulePriorityTest {

    @Test
    void theHigherPriorityRuleRunsFirstAndItsStopEndsTheEvaluation() {
        EarningRule low = EarningRule.referral("low", 1);
        EarningRule high = EarningRule.referral("high", 50);
        RuleSet rules = RuleSet.builder()
                .add(low, 1, false, Caps.none())
                .add(high, 10, true, Caps.none())
                .build();
        assertEquals(List.of("high", "low"), rules.entries().stream().map(e -> e.rule().id()).toList());
        Evaluation ev = rules.evaluate(Member.of(CustomerKey.of("m"), ZoneOffset.UTC),
                new EarningEvent.Referral("r1", CustomerKey.of("n"), Instant.parse("2026-01-01T00:00:00Z")),
                EarningHistory.empty());
        assertEquals(50, ev.total());
    }

    @Test
    void rulesAddedWithoutAPriorityRunInTheOrderAdded() {
        RuleSet rules = RuleSet.builder()
                .add(EarningRule.referral("first", 1))
                .add(EarningRule.referral("second", 2))
                .add(EarningRule.referral("third", 3))
                .build();
        assertEquals(List.of("first", "second", "third"), rules.entries().stream().map(e -> e.rule().id()).toList());
    }
}
