package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 23: spend rules earn on what was paid by default, or on the list amount when asked. */
class PaidBaseTest {

    static final Instant T = Instant.parse("2026-05-05T02:00:00Z");
    static final Money YUAN = Money.of("1.00", "CNY");

    private final Member member = Member.of(CustomerKey.of("m1"), ZoneOffset.UTC);
    // 2 x 32.00 less 6.40 on the line, 28.00, less 10.00 on the order: 75.60 paid (50.87 + 24.73)
    private final Order order = Order.completed("o-1", member.key(), Channel.offline("pos"), Optional.of("s1"), T,
            List.of(new OrderLine("latte", "coffee", 2, Money.of("32.00", "CNY")).withDiscount(Money.of("6.40", "CNY")),
                    new OrderLine("cake", "bakery", 1, Money.of("28.00", "CNY"))),
            Money.of("10.00", "CNY"));

    private Evaluation evaluate(EarningRule rule) {
        return RuleSet.builder().add(rule).build().evaluate(member, new EarningEvent.Purchase(order),
                EarningHistory.empty());
    }

    @Test
    void theDefaultBaseIsWhatWasPaid() {
        Evaluation paid = evaluate(EarningRule.pointsPerAmount("spend", 1, YUAN));
        assertEquals(75, paid.total());
        assertEquals(List.of(50L, 25L), paid.linePoints().points());
        assertEquals("75 points for order:o-1: 75 (spend: 1 point per 1.00 CNY on 75.60 CNY paid)", paid.explain());
        assertEquals(75, evaluate(EarningRule.pointsPerAmount("spend", 1, YUAN, SpendBase.PAID)).total());
    }

    @Test
    void theListBaseEarnsOnListPrices() {
        Evaluation list = evaluate(EarningRule.pointsPerAmount("spend", 1, YUAN, SpendBase.LIST));
        assertEquals(92, list.total());
        assertEquals(List.of(64L, 28L), list.linePoints().points());
        assertEquals(50, evaluate(EarningRule.categoryBonus("coffee", "coffee", 1, YUAN)).total());
        assertEquals(64, evaluate(EarningRule.categoryBonus("coffee", "coffee", 1, YUAN, SpendBase.LIST)).total());
    }
}
