package dev.o2o.testkit.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.loyalty.points.Caps;
import dev.o2o.loyalty.points.EarningEvent;
import dev.o2o.loyalty.points.EarningHistory;
import dev.o2o.loyalty.points.EarningRule;
import dev.o2o.loyalty.points.Evaluation;
import dev.o2o.loyalty.points.Member;
import dev.o2o.loyalty.points.MemberStore;
import dev.o2o.loyalty.points.RuleSet;
import dev.o2o.testkit.customer.SameMoment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MemberStore} must meet: members round-trip, evaluations are recorded
 * once per key, caps and "a QR code earns once" (per member for a shared code, for everyone for a
 * one-time code) hold after a restart (the store reopened over the same data), merges add the
 * histories (a code both keys claimed stays claimed once), and 8 threads recording at once lose
 * nothing.
 *
 * <p>Extend it: {@link #newStore()} returns a fresh, empty store; {@link #reopen(MemberStore)} a new
 * instance over the same data, by default the same instance. JUnit makes one instance per test.
 */
public abstract class MemberStoreConformanceTest {

    /** The instant the kit's events happen at (11:00 in Shanghai). */
    protected static final Instant T0 = Instant.parse("2026-04-10T03:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final CustomerKey ANN = CustomerKey.of("ann");
    private static final CustomerKey BEN = CustomerKey.of("ben");
    private static final RuleSet RULES = RuleSet.builder()
            .add(EarningRule.pointsPerAmount("spend", 1, Money.of("1.00", "CNY")))
            .add(EarningRule.qrScan("qr", 5))
            .caps(Caps.perDay(100))
            .build();

    /** The store under test. */
    protected MemberStore store;

    /** Subclasses say how to make a store. */
    protected MemberStoreConformanceTest() {
    }

    /** A fresh, empty store. */
    protected abstract MemberStore newStore();

    /** A new instance over the data of {@code store}, as after a restart; the same instance if it keeps nothing. */
    protected MemberStore reopen(MemberStore store) {
        return store;
    }

    /** Makes the store. */
    @BeforeEach
    public void setUp() {
        store = newStore();
    }

    private static EarningEvent order(String id, CustomerKey who, String amount) {
        return new EarningEvent.Purchase(Order.completed(id, who, Channel.offline("pos"), Optional.of("s1"), T0,
                List.of(new OrderLine("sku", "cat", 1, Money.of(amount, "CNY")))));
    }

    private Evaluation earn(MemberStore s, CustomerKey who, String key, EarningEvent event) {
        Evaluation ev = RULES.evaluate(Member.of(who, SHANGHAI), event, s.history(who));
        s.record(who, key, ev);
        return ev;
    }

    @Test
    public void membersRoundTrip() {
        Member m = Member.of(ANN, SHANGHAI).withBirthday(MonthDay.of(2, 29)).withTier("gold", new BigDecimal("1.50"))
                .withTags(Set.of("vip", "a,b", "100%")).withPurchases(17);
        store.save(m);
        assertEquals(Optional.of(m), reopen(store).member(ANN));
        store.save(m.withPurchases(18));
        assertEquals(18, store.member(ANN).orElseThrow().purchases());
        assertEquals(Optional.empty(), store.member(BEN));
    }

    @Test
    public void anEvaluationIsRecordedOncePerKey() {
        Evaluation ev = RULES.evaluate(Member.of(ANN, SHANGHAI), order("o1", ANN, "30.00"), store.history(ANN));
        assertTrue(store.record(ANN, "o1", ev));
        assertFalse(store.record(ANN, "o1", ev));
        EarningHistory h = store.history(ANN);
        LocalDate day = LocalDate.of(2026, 4, 10);
        assertEquals(30, h.earned("spend", day, day));
        assertEquals(30, h.earned(EarningHistory.ALL_RULES, day.minusDays(3), day));
        assertEquals(0, h.earned("spend", day.plusDays(1), day.plusDays(2)));
        assertEquals(30, h.earnedTotal("spend"));
        assertEquals(0, store.history(BEN).earnedTotal("spend"));
    }

    @Test
    public void aDailyCapStillHoldsAfterARestart() {
        assertEquals(80, earn(store, ANN, "o1", order("o1", ANN, "80.00")).total());

        MemberStore restarted = reopen(store);

        assertEquals(20, earn(restarted, ANN, "o2", order("o2", ANN, "50.00")).total());
        assertEquals(0, earn(restarted, ANN, "o3", order("o3", ANN, "10.00")).total());
        assertEquals(100, restarted.history(ANN).earnedTotal(EarningHistory.ALL_RULES));
    }

    private static EarningEvent poster(String code) {
        return new EarningEvent.QrScan(code, "s1", T0);
    }

    private static EarningEvent receipt(String code) {
        return EarningEvent.QrScan.oneTime(code, "s1", T0);
    }

    @Test
    public void aSharedCodeEarnsOncePerMemberAndForEachMember() {
        assertEquals(5, earn(store, ANN, "scan-1", poster("QR-1")).total());
        assertEquals(0, earn(store, ANN, "scan-2", poster("QR-1")).total());

        assertTrue(store.history(ANN).codeClaimed("QR-1"));
        assertFalse(store.history(BEN).codeClaimed("QR-1"));
        assertEquals(5, earn(store, BEN, "scan-3", poster("QR-1")).total());
        assertEquals(0, earn(store, BEN, "scan-4", poster("QR-1")).total());
        assertEquals(5, store.history(ANN).earnedTotal("qr"));
        assertEquals(5, store.history(BEN).earnedTotal("qr"));
        assertFalse(store.history(BEN).codeClaimed("QR-2"));
    }

    @Test
    public void aOneTimeCodeEarnsForOneMemberOnly() {
        assertEquals(5, earn(store, ANN, "scan-1", receipt("R-1")).total());

        assertTrue(store.history(BEN).codeClaimed("R-1"));
        assertEquals(0, earn(store, BEN, "scan-2", receipt("R-1")).total());
        assertEquals(0, earn(store, ANN, "scan-3", receipt("R-1")).total());
        assertEquals(0, store.history(BEN).earnedTotal("qr"));
    }

    @Test
    public void claimsSurviveARestart() {
        assertEquals(5, earn(store, ANN, "scan-1", poster("QR-1")).total());
        assertEquals(5, earn(store, ANN, "scan-2", receipt("R-1")).total());

        MemberStore restarted = reopen(store);

        assertTrue(restarted.history(ANN).codeClaimed("QR-1"));
        assertEquals(0, earn(restarted, ANN, "scan-3", poster("QR-1")).total());
        assertEquals(5, earn(restarted, BEN, "scan-4", poster("QR-1")).total());
        assertEquals(0, earn(restarted, BEN, "scan-5", receipt("R-1")).total());
        assertEquals(0, earn(reopen(restarted), BEN, "scan-6", poster("QR-1")).total());
    }

    @Test
    public void aMergeOfTwoKeysThatClaimedTheSameCodeKeepsOneClaim() {
        CustomerKey cat = CustomerKey.of("cat");
        earn(store, ANN, "scan-1", poster("QR-1"));
        earn(store, BEN, "scan-2", poster("QR-1"));
        earn(store, ANN, "scan-3", poster("QR-2"));
        earn(store, ANN, "scan-4", receipt("R-1"));

        var change = store.asCustomerData().merge(new CustomerMerge("m1", ANN, BEN));

        assertTrue(change.count("rows") > 0);
        MemberStore after = reopen(store);
        assertTrue(after.history(BEN).codeClaimed("QR-1"));
        assertTrue(after.history(BEN).codeClaimed("QR-2"));
        assertFalse(after.history(ANN).codeClaimed("QR-1"));
        assertEquals(0, earn(after, BEN, "scan-5", poster("QR-1")).total());
        assertEquals(0, earn(after, BEN, "scan-6", poster("QR-2")).total());
        assertEquals(5, earn(after, cat, "scan-7", poster("QR-1")).total());
        assertEquals(0, earn(after, cat, "scan-8", receipt("R-1")).total());
        assertEquals(0, after.asCustomerData().merge(new CustomerMerge("m1", ANN, BEN)).count("rows"));
    }

    @Test
    public void reassigningAddsHistoriesSoCapsCountTheMergedMemberOnce() {
        earn(store, ANN, "o1", order("o1", ANN, "60.00"));
        earn(store, BEN, "o2", order("o2", BEN, "30.00"));
        store.save(Member.of(ANN, SHANGHAI).withBirthday(MonthDay.of(7, 1)).withPurchases(3));
        store.save(Member.of(BEN, SHANGHAI).withTier("silver", new BigDecimal("1.2")).withPurchases(2));

        var change = store.asCustomerData().merge(new CustomerMerge("m1", ANN, BEN));

        assertTrue(change.count("rows") > 0);
        assertEquals(90, store.history(BEN).earnedTotal(EarningHistory.ALL_RULES));
        assertEquals(0, store.history(ANN).earnedTotal(EarningHistory.ALL_RULES));
        Member merged = store.member(BEN).orElseThrow();
        assertEquals("silver", merged.tier());
        assertEquals(5, merged.purchases());
        assertEquals(Optional.of(MonthDay.of(7, 1)), merged.birthday());
        assertEquals(Optional.empty(), store.member(ANN));
        assertEquals(10, earn(store, BEN, "o3", order("o3", BEN, "50.00")).total());
        assertEquals(0, store.asCustomerData().merge(new CustomerMerge("m1", ANN, BEN)).count("rows"));
    }

    @Test
    public void erasureKeepsCountersUnderThePseudonymAndDropsTheBirthday() {
        earn(store, ANN, "o1", order("o1", ANN, "60.00"));
        earn(store, ANN, "scan-1", poster("QR-1"));
        store.save(Member.of(ANN, SHANGHAI).withBirthday(MonthDay.of(7, 1)).withTags(Set.of("vip")).withPurchases(3));
        CustomerKey pseudonym = CustomerKey.of("erased-1f");

        store.asCustomerData().erase(ANN, pseudonym);

        assertEquals(Optional.empty(), store.member(ANN));
        assertEquals(0, store.history(ANN).earnedTotal(EarningHistory.ALL_RULES));
        Member kept = store.member(pseudonym).orElseThrow();
        assertEquals(Optional.empty(), kept.birthday());
        assertEquals(Set.of(), kept.tags());
        assertEquals(3, kept.purchases());
        assertEquals(65, store.history(pseudonym).earnedTotal(EarningHistory.ALL_RULES));
        assertTrue(store.history(pseudonym).codeClaimed("QR-1"));
        assertFalse(store.history(ANN).codeClaimed("QR-1"));
    }

    @Test
    public void eightThreadsRecordingAtOnceLoseNothingAndRecordAKeyOnce() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Integer> recorded = SameMoment.run(8, () -> {
            int t = next.getAndIncrement();
            int mine = 0;
            for (int i = 0; i < 20; i++) {
                // every thread also records key "shared-i": one of them wins each
                String key = i % 2 == 0 ? "t" + t + "-" + i : "shared-" + i;
                Evaluation ev = RULES.evaluate(Member.of(ANN, SHANGHAI), order(key, ANN, "1.00"), EarningHistory.empty());
                if (store.record(ANN, key, ev)) {
                    mine++;
                }
            }
            return mine;
        });
        int total = recorded.stream().mapToInt(Integer::intValue).sum();
        assertEquals(8 * 10 + 10, total);
        assertEquals(total, store.history(ANN).earnedTotal("spend"));
    }
}
