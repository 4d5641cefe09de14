package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    static final Money ONE_YUAN = Money.of("1.00", "CNY");

    static RuleSet standard() {
        return RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, ONE_YUAN))
                .add(EarningRule.birthdayMonthMultiplier("birthday", new BigDecimal("2")))
                .add(EarningRule.memberDay("wednesday", DayOfWeek.WEDNESDAY, new BigDecimal("1.5")))
                .add(EarningRule.firstPurchase("first", 100))
                .build();
    }

    @Test
    void explainsEveryAward() {
        Member m = EarningRulesTest.member().withBirthday(MonthDay.of(3, 1));
        Evaluation ev = standard().evaluate(m, EarningRulesTest.purchase("30.00", "7.50"), EarningHistory.empty());
        assertEquals(37 + 37 + 18, ev.total());
        assertEquals(3, ev.awards().size());
        assertEquals("92 points for order:o1: 37 (spend: 1 point per 1.00 CNY on 37.50 CNY)"
                + " + 37 (birthday: x2 for birthday month on 37 base points)"
                + " + 18 (wednesday: x1.5 for member day WEDNESDAY on 37 base points)", ev.explain());
        Posting.Earn earn = ev.toEarn(CustomerKey.of("c1"), Optional.empty(), Optional.empty()).orElseThrow();
        assertEquals(92, earn.points());
        assertEquals(IdempotencyKey.of(EntryType.EARN, "order:o1"), earn.key());
    }

    @Test
    void prioritiesOrderRulesAndStopEndsTheEvaluation() {
        RuleSet set = RuleSet.builder()
                .add(EarningRule.birthdayMonthMultiplier("birthday", new BigDecimal("2")), 5, false, Caps.none())
                .add(EarningRule.pointsPerAmount("spend", 1, ONE_YUAN), 10, false, Caps.none())
                .add(EarningRule.firstPurchase("first", 100), 20, true, Caps.none())
                .build();
        Member m = EarningRulesTest.member().withBirthday(MonthDay.of(3, 1));
        // higher first: spend (10) runs before birthday (5), so the multiplier sees the base
        assertEquals(20, set.evaluate(m, EarningRulesTest.purchase("10.00"), EarningHistory.empty()).total());
        // first purchase (20) runs first, awards and stops
        Evaluation first = set.evaluate(m.withPurchases(0), EarningRulesTest.purchase("10.00"),
                EarningHistory.empty());
        assertEquals(100, first.total());
        assertEquals(1, first.awards().size());
        assertThrows(IllegalArgumentException.class, () -> RuleSet.builder()
                .add(EarningRule.referral("r", 1)).add(EarningRule.referral("r", 2)));
        assertThrows(IllegalStateException.class, () -> RuleSet.builder().caps(Caps.none()).caps(Caps.none()));
    }

    @Test
    void capsPerDayPerMonthAndPerRuleCutAwards() {
        RuleSet set = RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, ONE_YUAN), Caps.perDay(100).andPerMonth(250))
                .add(EarningRule.referral("ref", 50), Caps.inTotal(120))
                .build();
        Member m = EarningRulesTest.member();
        MemberHistory h = new MemberHistory();
        Evaluation a = set.evaluate(m, EarningRulesTest.purchase("80.00"), h);
        assertEquals(80, a.total());
        h.record(a);
        Evaluation b = set.evaluate(m, EarningRulesTest.purchase("80.00"), h);
        assertEquals(20, b.total());
        assertEquals("20 points for order:o1: 20 (spend: 1 point per 1.00 CNY on 80.00 CNY;"
                + " cut from 80 by the rule daily cap of 100)", b.explain());
        h.record(b);
        assertEquals(0, set.evaluate(m, EarningRulesTest.purchase("5.00"), h).total());
        // next days of the same month (Shanghai time): the monthly cap of 250 bites on the third day
        for (int day = 12; day <= 13; day++) {
            Instant t = Instant.parse("2026-03-" + day + "T04:00:00Z");
            Evaluation ev = set.evaluate(m, new EarningEvent.Purchase(EarningRulesTest.order(t, "app", null,
                    EarningRulesTest.line("a", "food", 1, "100.00"))), h);
            h.record(ev);
            assertEquals(day == 12 ? 100 : 50, ev.total(), "day " + day);
        }
        // April is a new month in Shanghai even though it is still March 31st in UTC
        Instant april = Instant.parse("2026-03-31T16:30:00Z");
        assertEquals(100, set.evaluate(m, new EarningEvent.Purchase(EarningRulesTest.order(april, "app", null,
                EarningRulesTest.line("a", "food", 1, "100.00"))), h).total());
        // the referral rule may award 120 in total: 50, 50, 20, 0
        long[] expected = {50, 50, 20, 0};
        for (int i = 0; i < expected.length; i++) {
            Evaluation ev = set.evaluate(m, new EarningEvent.Referral("r" + i, CustomerKey.of("n" + i),
                    Instant.parse("2026-03-11T04:00:00Z")), h);
            h.record(ev);
            assertEquals(expected[i], ev.total(), "referral " + i);
        }
    }

    @Test
    void overallCapsCoverAllRulesTogether() {
        RuleSet set = RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, ONE_YUAN))
                .add(EarningRule.firstPurchase("first", 100))
                .caps(Caps.perDay(150))
                .build();
        Evaluation ev = set.evaluate(EarningRulesTest.member().withPurchases(0), EarningRulesTest.purchase("80.00"),
                EarningHistory.empty());
        assertEquals(150, ev.total());
        assertEquals(70, ev.awards().get(1).points());
        assertEquals("first purchase; cut from 100 by the overall daily cap of 150", ev.awards().get(1).reason());
    }

    @Test
    void tenRuleSetForOnePurchase() {
        Evaluation ev = tenRules().evaluate(EarningRulesTest.member().withBirthday(MonthDay.of(3, 9))
                        .withTier("gold", new BigDecimal("1.5")).withPurchases(0),
                new EarningEvent.Purchase(EarningRulesTest.order(EarningRulesTest.WED, "app", "s1",
                        EarningRulesTest.line("a", "coffee", 2, "18.00"), EarningRulesTest.line("b", "food", 1,
                                "23.50"))), EarningHistory.empty());
        // base 59; birthday +59; wednesday +29; channel app x1.2 +11; store s1 x1.1 +5; tier +29;
        // coffee 1 per yuan on 36.00 = 36; first purchase 200; referral and QR do not apply
        assertEquals(59 + 59 + 29 + 11 + 5 + 29 + 36 + 200, ev.total());
        assertEquals(8, ev.awards().size());
    }

    static RuleSet tenRules() {
        return RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, ONE_YUAN))
                .add(EarningRule.birthdayMonthMultiplier("birthday", new BigDecimal("2")))
                .add(EarningRule.memberDay("wednesday", DayOfWeek.WEDNESDAY, new BigDecimal("1.5")))
                .add(EarningRule.channelMultiplier("app", "app", new BigDecimal("1.2")))
                .add(EarningRule.storeMultiplier("store", "s1", new BigDecimal("1.1")))
                .add(EarningRule.tierMultiplier("tier"))
                .add(EarningRule.categoryBonus("coffee", "coffee", 1, ONE_YUAN))
                .add(EarningRule.firstPurchase("first", 200))
                .add(EarningRule.referral("referral", 300))
                .add(EarningRule.qrScan("qr", 5), Caps.perDay(20))
                .build();
    }

    @Test
    void aRuleSetAndAHistoryAreSafeToShareAcrossThreads() throws Exception {
        RuleSet set = RuleSet.builder()
                .add(EarningRule.pointsPerAmount("spend", 1, ONE_YUAN), Caps.perDay(1_000_000))
                .build();
        MemberHistory h = new MemberHistory();
        Member m = Member.of(CustomerKey.of("c"), ZoneId.of("UTC"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        Evaluation ev = set.evaluate(m, EarningRulesTest.purchase("3.00"), h);
                        if (ev.total() != 3) {
                            throw new AssertionError(ev.explain());
                        }
                        h.record(ev);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8 * 500 * 3, h.earnedTotal("spend"));
        assertEquals(8 * 500 * 3, h.earnedTotal(EarningHistory.ALL_RULES));
    }
}
