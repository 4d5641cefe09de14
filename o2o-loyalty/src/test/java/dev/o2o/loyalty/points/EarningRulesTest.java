package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EarningRulesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Money ONE_YUAN = Money.of("1.00", "CNY");
    static final Instant WED = Instant.parse("2026-03-11T04:00:00Z"); // Wednesday, noon in Shanghai

    static Member member() {
        return Member.of(CustomerKey.of("c1"), SHANGHAI).withPurchases(3);
    }

    static Order order(Instant at, String channel, String store, OrderLine... lines) {
        return Order.completed("o1", CustomerKey.of("c1"), Channel.online(channel), Optional.ofNullable(store), at,
                List.of(lines));
    }

    static OrderLine line(String sku, String category, int qty, String price) {
        return new OrderLine(sku, category, qty, Money.of(price, "CNY"));
    }

    static EarningEvent.Purchase purchase(String... prices) {
        OrderLine[] lines = new OrderLine[prices.length];
        for (int i = 0; i < prices.length; i++) {
            lines[i] = line("sku" + i, "food", 1, prices[i]);
        }
        return new EarningEvent.Purchase(order(WED, "app", "s1", lines));
    }

    static List<PointsAward> eval(EarningRule rule, Member m, EarningEvent e, long base) {
        EarningContext c = EarningContext.of(m, e, EarningHistory.empty());
        return rule.evaluate(new EarningContext(m, e, EarningHistory.empty(), c.localDate(), base));
    }

    static long points(List<PointsAward> awards) {
        return awards.stream().mapToLong(PointsAward::points).sum();
    }

    @Test
    void pointsPerAmountRoundsAsConfigured() {
        EarningEvent e = purchase("37.90");
        assertEquals(37, points(eval(EarningRule.pointsPerAmount("spend", 1, ONE_YUAN), member(), e, 0)));
        EarningRule halfUp = EarningRule.pointsPerAmount("spend", 1, ONE_YUAN, RoundingMode.HALF_UP,
                Money.zero(ONE_YUAN.currency()), Set.of(), Set.of());
        assertEquals(38, points(eval(halfUp, member(), e, 0)));
        // 3 points per 10 yuan on 37.90: 11.37 -> 11
        EarningRule perTen = EarningRule.pointsPerAmount("spend", 3, Money.of("10.00", "CNY"));
        List<PointsAward> a = eval(perTen, member(), e, 0);
        assertEquals(11, points(a));
        assertEquals(PointsAward.Kind.BASE, a.get(0).kind());
        assertEquals("3 points per 10.00 CNY on 37.90 CNY", a.get(0).reason());
    }

    @Test
    void pointsPerAmountHonoursMinimumOrderAndExclusions() {
        EarningRule rule = EarningRule.pointsPerAmount("spend", 1, ONE_YUAN, RoundingMode.FLOOR,
                Money.of("50.00", "CNY"), Set.of("gift-card"), Set.of("tobacco"));
        EarningEvent small = purchase("49.99");
        List<PointsAward> none = eval(rule, member(), small, 0);
        assertEquals(0, points(none));
        assertTrue(none.get(0).reason().contains("below the minimum 50.00 CNY"), none.get(0).reason());
        EarningEvent mixed = new EarningEvent.Purchase(order(WED, "app", null, line("a", "food", 2, "20.00"),
                line("gift-card", "cards", 1, "100.00"), line("cig", "tobacco", 1, "30.00")));
        List<PointsAward> a = eval(rule, member(), mixed, 0);
        assertEquals(40, points(a));
        assertEquals("1 point per 1.00 CNY on 40.00 CNY (130.00 CNY excluded)", a.get(0).reason());
        EarningEvent usd = new EarningEvent.Purchase(Order.completed("o2", CustomerKey.of("c1"),
                Channel.online("app"), Optional.empty(), WED, List.of(new OrderLine("a", "food", 1,
                        Money.of("80.00", "USD")))));
        assertEquals(0, points(eval(rule, member(), usd, 0)));
        assertThrows(IllegalArgumentException.class, () -> EarningRule.pointsPerAmount("x", 0, ONE_YUAN));
    }

    @Test
    void multipliersAddExtraPointsOnTheBase() {
        EarningEvent e = purchase("10.00");
        EarningRule channel = EarningRule.channelMultiplier("app-x2", "app", new BigDecimal("2"));
        List<PointsAward> a = eval(channel, member(), e, 37);
        assertEquals(37, points(a));
        assertEquals(PointsAward.Kind.BONUS, a.get(0).kind());
        assertEquals("x2 for channel app on 37 base points", a.get(0).reason());
        assertEquals(0, points(eval(EarningRule.channelMultiplier("mp", "mini-program", new BigDecimal("2")),
                member(), e, 37)));
        // 1.5x on 37 = 18 extra (rounded down)
        assertEquals(18, points(eval(EarningRule.storeMultiplier("s1", "s1", new BigDecimal("1.5")), member(), e,
                37)));
        assertEquals(0, points(eval(EarningRule.storeMultiplier("s2", "s2", new BigDecimal("1.5")), member(), e, 37)));
        assertTrue(eval(channel, member(), e, 0).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> EarningRule.channelMultiplier("bad", "app", new BigDecimal("0.5")));
    }

    @Test
    void birthdayMonthIsJudgedInTheMembersZone() {
        EarningRule rule = EarningRule.birthdayMonthMultiplier("bday", new BigDecimal("2"));
        Member born = member().withBirthday(MonthDay.of(4, 15));
        // 2026-03-31T17:00Z is already April 1st 01:00 in Shanghai, still March 31st in New York
        Instant t = Instant.parse("2026-03-31T17:00:00Z");
        EarningEvent e = new EarningEvent.Purchase(order(t, "app", null, line("a", "food", 1, "10.00")));
        assertEquals(10, points(eval(rule, born, e, 10)));
        Member inNewYork = new Member(born.key(), ZoneId.of("America/New_York"), born.birthday(), "base",
                BigDecimal.ONE, Set.of(), 0);
        assertEquals(0, points(eval(rule, inNewYork, e, 10)));
        // the first instant of May in Shanghai is no longer the birthday month
        Instant may = Instant.parse("2026-04-30T16:00:00Z");
        EarningEvent e2 = new EarningEvent.Purchase(order(may, "app", null, line("a", "food", 1, "10.00")));
        assertEquals(0, points(eval(rule, born, e2, 10)));
        assertEquals(10, points(eval(rule, born, new EarningEvent.Purchase(order(may.minusNanos(1), "app", null,
                line("a", "food", 1, "10.00"))), 10)));
        assertEquals(0, points(eval(rule, member(), e, 10)));
    }

    @Test
    void memberDaysByWeekdayOrDateInTheMembersZone() {
        EarningEvent wed = purchase("10.00");
        assertEquals(20, points(eval(EarningRule.memberDay("wed", DayOfWeek.WEDNESDAY, new BigDecimal("3")),
                member(), wed, 10)));
        assertEquals(0, points(eval(EarningRule.memberDay("thu", DayOfWeek.THURSDAY, new BigDecimal("3")),
                member(), wed, 10)));
        // 2026-03-10T20:00Z is the 11th in Shanghai
        EarningEvent late = new EarningEvent.Purchase(order(Instant.parse("2026-03-10T20:00:00Z"), "app", null,
                line("a", "food", 1, "10.00")));
        assertEquals(10, points(eval(EarningRule.memberDayOfMonth("d11", 11, new BigDecimal("2")), member(), late,
                10)));
        assertThrows(IllegalArgumentException.class,
                () -> EarningRule.memberDayOfMonth("d31", 31, new BigDecimal("2")));
    }

    @Test
    void tierMultiplierUsesTheMembersTier() {
        Member gold = member().withTier("gold", new BigDecimal("1.25"));
        List<PointsAward> a = eval(EarningRule.tierMultiplier("tier"), gold, purchase("1.00"), 41);
        assertEquals(10, points(a)); // floor(41 * 0.25)
        assertEquals("x1.25 for tier gold on 41 base points", a.get(0).reason());
        assertTrue(eval(EarningRule.tierMultiplier("tier"), member(), purchase("1.00"), 41).isEmpty());
    }

    @Test
    void categoryBonusAndFirstPurchase() {
        EarningEvent e = new EarningEvent.Purchase(order(WED, "app", null, line("a", "coffee", 3, "12.00"),
                line("b", "food", 1, "20.00")));
        assertEquals(72, points(eval(EarningRule.categoryBonus("coffee", "coffee", 2, ONE_YUAN), member(), e, 0)));
        assertTrue(eval(EarningRule.categoryBonus("tea", "tea", 2, ONE_YUAN), member(), e, 0).isEmpty());
        EarningRule first = EarningRule.firstPurchase("first", 500);
        assertEquals(500, points(eval(first, member().withPurchases(0), e, 0)));
        assertTrue(eval(first, member(), e, 0).isEmpty());
    }

    @Test
    void qrScanEarnsOncePerCode() {
        EarningRule rule = EarningRule.qrScan("qr", 5);
        EarningEvent scan = new EarningEvent.QrScan("QR-123", "s1", WED);
        MemberHistory history = new MemberHistory();
        RuleSet set = RuleSet.builder().add(rule).build();
        Evaluation first = set.evaluate(member(), scan, history);
        assertEquals(5, first.total());
        history.record(first);
        Evaluation again = set.evaluate(member(), scan, history);
        assertEquals(0, again.total());
        assertEquals("0 points for qr:QR-123: 0 (qr: QR code QR-123 has already earned points)", again.explain());
        assertEquals(5, set.evaluate(member(), new EarningEvent.QrScan("QR-124", "s1", WED), history).total());
        assertTrue(eval(rule, member(), purchase("1.00"), 0).isEmpty());
    }

    @Test
    void geoCheckInWithinTheRadiusOfTheNearestStore() {
        Store bund = new Store("bund", "Bund", GeoPoint.of(31.2400, 121.4900));
        Store jingan = new Store("jingan", "Jing'an", GeoPoint.of(31.2230, 121.4450));
        EarningRule rule = EarningRule.geoCheckIn("geo", List.of(bund, jingan), 200, 10);
        // about 111 m north of the Bund store (0.001 degree of latitude)
        List<PointsAward> near = eval(rule, member(), new EarningEvent.CheckIn("ci1", GeoPoint.of(31.2410, 121.4900),
                WED), 0);
        assertEquals(10, points(near));
        assertEquals("checked in 111 m from store bund", near.get(0).reason());
        List<PointsAward> far = eval(rule, member(), new EarningEvent.CheckIn("ci2", GeoPoint.of(31.2430, 121.4900),
                WED), 0);
        assertEquals(0, points(far));
        assertEquals("no store within 200 m (nearest bund at 334 m)", far.get(0).reason());
        assertThrows(IllegalArgumentException.class, () -> EarningRule.geoCheckIn("g", List.of(bund), 0, 1));
    }

    @Test
    void referralAndCustomRules() {
        EarningEvent ref = new EarningEvent.Referral("r1", CustomerKey.of("c2"), WED);
        assertEquals(200, points(eval(EarningRule.referral("ref", 200), member(), ref, 0)));
        assertTrue(eval(EarningRule.referral("ref", 200), member(), purchase("1.00"), 0).isEmpty());
        EarningRule vip = EarningRule.when(c -> c.member().tags().contains("vip"), EarningRule.referral("ref", 300));
        assertTrue(eval(vip, member(), ref, 0).isEmpty());
        assertEquals(300, points(eval(vip, member().withTags(Set.of("vip")), ref, 0)));
    }
}
