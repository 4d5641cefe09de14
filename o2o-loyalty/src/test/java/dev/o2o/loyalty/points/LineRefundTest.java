package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.test.TestClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: a refund of some lines takes back the points those lines earned, as the rule set
 * computed them; returning an excluded gift box must not take back the latte's points.
 */
class LineRefundTest {

    static final Instant WED = Instant.parse("2026-05-06T02:00:00Z"); // a Wednesday
    static final Money YUAN = Money.of("1.00", "CNY");

    private final TestClock clock = new TestClock(WED);
    private final PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), clock);
    private final RuleSet rules = RuleSet.builder()
            .add(EarningRule.pointsPerAmount("spend", 1, YUAN, RoundingMode.FLOOR, Money.zero(YUAN.currency()),
                    Set.of(), Set.of("gift")))
            .add(EarningRule.memberDay("wednesday", DayOfWeek.WEDNESDAY, new BigDecimal("2")))
            .add(EarningRule.firstPurchase("first", 100))
            .build();
    private final Member member = Member.of(CustomerKey.of("m1"), ZoneOffset.UTC);

    private final Order order = Order.completed("o-1", member.key(), Channel.offline("pos"), Optional.of("s1"), WED,
            List.of(new OrderLine("latte", "coffee", 2, Money.of("15.00", "CNY")),
                    new OrderLine("giftbox", "gift", 1, Money.of("100.00", "CNY"))));

    @Test
    void returningTheExcludedGiftBoxTakesBackNothingAndTheLatteTakesBackItsOwnPoints() {
        Evaluation ev = rules.evaluate(member, new EarningEvent.Purchase(order), EarningHistory.empty());
        // 30 base and 30 member-day extra on the latte, nothing on the gift box, 100 for the first purchase
        assertEquals(160, ev.total());
        LinePoints lines = ev.linePoints();
        assertEquals(new LinePoints(List.of(60L, 0L), List.of(2, 1), 100), lines);
        Posting.Earn earn = ev.toEarn(CustomerKey.of("m1"), Optional.empty(), Optional.empty()).orElseThrow();
        ledger.post(earn);

        // the old, proportional form would take back floor(160 * 100.00 / 130.00) = 123 points for the gift box
        assertEquals(123, 160L * 100_00 / 130_00);
        assertEquals(Optional.empty(), lines.reversal(CustomerKey.of("m1"), earn.key(), "refund:giftbox", List.of(0, 1)));
        assertEquals(160, ledger.balance(CustomerKey.of("m1")).total());

        // one of the two lattes: half the latte's points
        Posting.Reverse oneLatte = lines.reversal(CustomerKey.of("m1"), earn.key(), "refund:latte-1", List.of(1, 1)).orElseThrow();
        assertEquals(-30, ledger.post(oneLatte).points());
        // the second latte: every line is back, so the first-purchase bonus goes too
        Posting.Reverse rest = lines.reversal(CustomerKey.of("m1"), earn.key(), "refund:latte-2", List.of(2, 1)).orElseThrow();
        assertEquals(-130, ledger.post(rest).points());
        assertEquals(0, ledger.balance(CustomerKey.of("m1")).total());
        assertEquals(0, ledger.qualifyingPoints(CustomerKey.of("m1"), WED, WED.plusSeconds(1)));
        assertTrue(ledger.check(CustomerKey.of("m1")).holds());
    }

    @Test
    void capsCutLinePointsInProportionAndBadRefundsAreRefused() {
        RuleSet capped = RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, YUAN), Caps.perDay(65))
                .build();
        Evaluation ev = capped.evaluate(member, new EarningEvent.Purchase(order), EarningHistory.empty());
        // 130 earned on 30.00 + 100.00, cut to 65: 15 and 50
        assertEquals(65, ev.total());
        assertEquals(List.of(15L, 50L), ev.linePoints().points());
        assertEquals(0, ev.linePoints().orderPoints());
        LinePoints lines = ev.linePoints();
        IdempotencyKey key = IdempotencyKey.of(EntryType.EARN, "order:o-1");
        assertThrows(IllegalArgumentException.class, () -> lines.reversal(CustomerKey.of("m1"), key, "r", List.of(3, 0)));
        assertThrows(IllegalArgumentException.class, () -> lines.reversal(CustomerKey.of("m1"), key, "r", List.of(1)));
        // events without lines keep everything with the event
        Evaluation scan = RuleSet.builder().add(EarningRule.qrScan("qr", 5)).build()
                .evaluate(member, new EarningEvent.QrScan("P", "s1", WED), EarningHistory.empty());
        assertEquals(new LinePoints(List.of(), List.of(), 5), scan.linePoints());
    }
}
