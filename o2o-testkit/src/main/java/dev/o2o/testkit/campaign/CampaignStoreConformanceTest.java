package dev.o2o.testkit.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.campaign.Action;
import dev.o2o.campaign.Campaign;
import dev.o2o.campaign.CampaignEngine;
import dev.o2o.campaign.CampaignEvent;
import dev.o2o.campaign.CampaignStore;
import dev.o2o.campaign.CustomerView;
import dev.o2o.campaign.Decisions;
import dev.o2o.campaign.EventPredicate;
import dev.o2o.campaign.Invite;
import dev.o2o.campaign.MissionProgress;
import dev.o2o.campaign.MissionStep;
import dev.o2o.campaign.PlannedAction;
import dev.o2o.campaign.ReferralLink;
import dev.o2o.campaign.Reservation;
import dev.o2o.campaign.Reservation.Outcome;
import dev.o2o.campaign.Trigger;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CampaignStore} must meet: event de-duplication, exact
 * reservations (cool-down, frequency cap either side of the instant, daily contact limit,
 * budget, global cap), first-wins action results, optimistic mission saves, invites and
 * referral links; and exactness under concurrency: 16 threads firing events for the same
 * customers never exceed a cap or a budget.
 *
 * <p>Extend it and implement {@link #newStore()}; each test asks for a fresh, empty store.
 * Not thread-safe itself; the tests start their own threads.
 */
public abstract class CampaignStoreConformanceTest {

    /** An instant every test starts from. */
    protected static final Instant T0 = Instant.parse("2026-06-01T04:00:00Z");
    private static final int THREADS = 16;

    /** A fresh, empty store. */
    protected abstract CampaignStore newStore();

    private static CustomerKey c(String k) {
        return CustomerKey.of(k);
    }

    private static Reservation res(String customer, String trigger, Instant at, int cap, Duration window, Duration coolDown,
                                   int daily, long cost, long budget, long globalCap) {
        return new Reservation(c(customer), "camp", trigger, at, cap, window, coolDown, "2026-06-01", daily, cost, budget,
                globalCap);
    }

    private static Reservation plain(String customer, String trigger, Instant at) {
        return res(customer, trigger, at, 0, Duration.ZERO, Duration.ZERO, 0, 0, -1, -1);
    }

    @Test
    public void eventsAreClaimedOnceAndTheirDecisionsKept() {
        CampaignStore s = newStore();
        assertTrue(s.claimEvent("e1"));
        assertFalse(s.claimEvent("e1"));
        assertTrue(s.claimEvent("e2"));
        assertEquals(Optional.empty(), s.decision("e1"));
        PlannedAction a = new PlannedAction("e1/t/0", c("a"), "camp", "t",
                new Action.IssueCoupon("tpl", Optional.of("s1"), Optional.of(Money.of("5.00", "CNY"))));
        PlannedAction b = new PlannedAction("e1/t/1", c("a"), "camp", "t", Action.awardPoints(10, Money.of("0.10", "CNY")));
        PlannedAction n = new PlannedAction("e1/t/2", c("a"), "camp", "t", Action.notify("push", "tab\there, back\\slash, line\nfeed"));
        PlannedAction m = new PlannedAction("e1/t/3", c("a"), "camp", "t", Action.enrol("tour"));
        PlannedAction noCost = new PlannedAction("e1/t/4", c("a"), "camp", "t",
                new Action.IssueCoupon("tpl:2", Optional.empty(), Optional.empty()));
        s.saveDecision("e1", List.of(a, b, n, m, noCost));
        s.saveDecision("e2", List.of());
        assertEquals(List.of(a, b, n, m, noCost), s.decision("e1").orElseThrow());
        assertEquals(List.of(), s.decision("e2").orElseThrow());
    }

    @Test
    public void coolDownAndFrequencyCapCountFiresOnEitherSideOfTheInstant() {
        CampaignStore s = newStore();
        Duration day = Duration.ofDays(1);
        assertEquals(Outcome.RESERVED, s.reserve(res("a", "t", T0, 2, Duration.ofDays(7), Duration.ofHours(1), 0, 0, -1, -1)));
        assertEquals(Outcome.COOL_DOWN, s.reserve(res("a", "t", T0.plusSeconds(3599), 2, Duration.ofDays(7), Duration.ofHours(1), 0, 0, -1, -1)));
        assertEquals(Outcome.COOL_DOWN, s.reserve(res("a", "t", T0.minusSeconds(60), 2, Duration.ofDays(7), Duration.ofHours(1), 0, 0, -1, -1)));
        assertEquals(Outcome.RESERVED, s.reserve(res("a", "t", T0.plus(day), 2, Duration.ofDays(7), Duration.ofHours(1), 0, 0, -1, -1)));
        assertEquals(Outcome.FREQUENCY_CAP, s.reserve(res("a", "t", T0.plus(day.multipliedBy(2)), 2, Duration.ofDays(7), Duration.ZERO, 0, 0, -1, -1)));
        // late: five days before the first fire is within 7 days of both
        assertEquals(Outcome.FREQUENCY_CAP, s.reserve(res("a", "t", T0.minus(day.multipliedBy(5)), 2, Duration.ofDays(7), Duration.ZERO, 0, 0, -1, -1)));
        // exactly one window after the last fire: the window is open at its far end
        assertEquals(Outcome.RESERVED, s.reserve(res("a", "t", T0.plus(day.multipliedBy(8)), 2, Duration.ofDays(7), Duration.ZERO, 0, 0, -1, -1)));
        // other triggers and customers have their own counts
        assertEquals(Outcome.RESERVED, s.reserve(res("a", "u", T0, 1, Duration.ofDays(7), Duration.ofHours(1), 0, 0, -1, -1)));
        assertEquals(Outcome.RESERVED, s.reserve(res("b", "t", T0, 1, Duration.ofDays(7), Duration.ofHours(1), 0, 0, -1, -1)));
        assertEquals(5, s.fires("camp"));
    }

    @Test
    public void dailyLimitBudgetAndGlobalCap() {
        CampaignStore s = newStore();
        assertEquals(Outcome.RESERVED, s.reserve(res("a", "t1", T0, 0, Duration.ZERO, Duration.ZERO, 2, 300, 1000, 4)));
        assertEquals(Outcome.RESERVED, s.reserve(res("a", "t2", T0, 0, Duration.ZERO, Duration.ZERO, 2, 300, 1000, 4)));
        assertEquals(Outcome.DAILY_CONTACT_LIMIT, s.reserve(res("a", "t3", T0, 0, Duration.ZERO, Duration.ZERO, 2, 300, 1000, 4)));
        assertEquals(Outcome.RESERVED, s.reserve(res("b", "t1", T0, 0, Duration.ZERO, Duration.ZERO, 2, 300, 1000, 4)));
        assertEquals(Outcome.BUDGET, s.reserve(res("c", "t1", T0, 0, Duration.ZERO, Duration.ZERO, 2, 101, 1000, 4)));
        assertEquals(Outcome.RESERVED, s.reserve(res("c", "t1", T0, 0, Duration.ZERO, Duration.ZERO, 2, 100, 1000, 4)));
        assertEquals(Outcome.GLOBAL_CAP, s.reserve(res("d", "t1", T0, 0, Duration.ZERO, Duration.ZERO, 2, 0, 1000, 4)));
        assertEquals(4, s.fires("camp"));
        assertEquals(1000, s.spentMinor("camp"));
        assertEquals(0, s.fires("other"));
        assertEquals(0, s.spentMinor("other"));
        // a refused reservation moved nothing: the daily count of "a" is still 2
        assertEquals(Outcome.DAILY_CONTACT_LIMIT, s.reserve(plainWithDaily("a", 2)));
        assertEquals(Outcome.RESERVED, s.reserve(plainWithDaily("a", 3)));
    }

    private static Reservation plainWithDaily(String customer, int daily) {
        return res(customer, "tx", T0, 0, Duration.ZERO, Duration.ZERO, daily, 0, -1, -1);
    }

    private static Reservation inCampaign(String campaign, String customer, String trigger, Instant at, int cap,
                                          Duration coolDown, int daily, long cost, long budget, long globalCap) {
        return new Reservation(c(customer), campaign, trigger, at, cap, Duration.ofDays(7), coolDown, "2026-06-01", daily,
                cost, budget, globalCap);
    }

    private static PlannedAction coupon(String key, String customer) {
        return new PlannedAction(key, c(customer), "camp", "t", Action.issueCoupon("tpl", Money.of("1.00", "CNY")));
    }

    @Test
    public void reserveAndDecideJudgesInOrderAndSavesTheDecisionOfItsOutcomes() {
        CampaignStore s = newStore();
        assertTrue(s.claimEvent("e1"));
        assertEquals(Outcome.RESERVED, s.reserve(inCampaign("camp", "a", "t0", T0.minusSeconds(600), 0, Duration.ofHours(1), 3, 0,
                -1, -1)));
        // "a" has 1 contact today; daily limit 3; "tight" has budget 5
        List<Reservation> batch = List.of(
                inCampaign("camp", "a", "t0", T0, 0, Duration.ofHours(1), 3, 0, -1, -1),        // cool-down from the fire above
                inCampaign("camp", "a", "t1", T0, 1, Duration.ZERO, 3, 0, -1, -1),              // reserved (contact 2)
                inCampaign("camp", "a", "t1", T0.plusSeconds(1), 1, Duration.ZERO, 3, 0, -1, -1), // cap 1: sees the fire just made
                inCampaign("tight", "a", "t2", T0, 0, Duration.ZERO, 3, 6, 5, -1),              // over budget: no contact used
                inCampaign("tight", "a", "t3", T0, 0, Duration.ZERO, 3, 5, 5, -1),              // reserved (contact 3)
                inCampaign("camp", "a", "t4", T0, 0, Duration.ZERO, 3, 0, -1, -1),              // daily limit
                inCampaign("capped", "b", "t5", T0, 0, Duration.ZERO, 3, 0, -1, 0));            // global cap 0
        List<List<Outcome>> seen = new ArrayList<>();
        List<Outcome> outcomes = s.reserveAndDecide("e1", batch, o -> {
            seen.add(o);
            List<PlannedAction> out = new ArrayList<>();
            for (int i = 0; i < o.size(); i++) {
                if (o.get(i) == Outcome.RESERVED) {
                    out.add(coupon("e1/" + i, "a"));
                }
            }
            return out;
        });
        assertEquals(List.of(Outcome.COOL_DOWN, Outcome.RESERVED, Outcome.FREQUENCY_CAP, Outcome.BUDGET, Outcome.RESERVED,
                Outcome.DAILY_CONTACT_LIMIT, Outcome.GLOBAL_CAP), outcomes);
        assertTrue(seen.stream().allMatch(outcomes::equals), "the decision is made from the returned outcomes");
        assertEquals(List.of(coupon("e1/1", "a"), coupon("e1/4", "a")), s.decision("e1").orElseThrow());
        assertEquals(2, s.fires("camp"));
        assertEquals(1, s.fires("tight"));
        assertEquals(5, s.spentMinor("tight"));
        assertEquals(0, s.fires("capped"));
        // the batch's fires count for later calls: t1 is capped, and "a" has used its 3 contacts
        assertEquals(Outcome.FREQUENCY_CAP, s.reserve(inCampaign("camp", "a", "t1", T0.plusSeconds(60), 1, Duration.ZERO, 0, 0,
                -1, -1)));
        assertEquals(Outcome.DAILY_CONTACT_LIMIT, s.reserve(inCampaign("camp", "a", "t9", T0, 0, Duration.ZERO, 3, 0, -1, -1)));
        assertEquals(Outcome.RESERVED, s.reserve(inCampaign("camp", "a", "t9", T0, 0, Duration.ZERO, 4, 0, -1, -1)));
        // nothing to reserve still saves the decision
        assertTrue(s.claimEvent("e2"));
        assertEquals(List.of(), s.reserveAndDecide("e2", List.of(), o -> List.of(coupon("e2/m", "a"))));
        assertEquals(List.of(coupon("e2/m", "a")), s.decision("e2").orElseThrow());
    }

    @Test
    public void claimAndDecideClaimsOnceAndAReplayReservesNothing() {
        CampaignStore s = newStore();
        List<Reservation> batch = List.of(inCampaign("camp", "a", "t1", T0, 1, Duration.ZERO, 0, 5, 100, -1));
        Optional<List<Outcome>> first = s.claimAndDecide("e1", batch, o -> List.of(coupon("e1/0", "a")));
        assertEquals(Optional.of(List.of(Outcome.RESERVED)), first);
        assertFalse(s.claimEvent("e1"));
        assertEquals(List.of(coupon("e1/0", "a")), s.decision("e1").orElseThrow());
        // the replay: no new fire even with a fresh trigger, the first decision kept
        List<Reservation> other = List.of(inCampaign("camp", "a", "t2", T0, 1, Duration.ZERO, 0, 5, 100, -1));
        assertEquals(Optional.empty(), s.claimAndDecide("e1", other, o -> List.of(coupon("e1/x", "a"))));
        assertEquals(List.of(coupon("e1/0", "a")), s.decision("e1").orElseThrow());
        assertEquals(1, s.fires("camp"));
        assertEquals(5, s.spentMinor("camp"));
        assertEquals(Outcome.RESERVED, s.reserve(inCampaign("camp", "a", "t2", T0, 1, Duration.ZERO, 0, 5, 100, -1)));
        // an id claimed by claimEvent is seen before too
        assertTrue(s.claimEvent("e2"));
        assertEquals(Optional.empty(), s.claimAndDecide("e2", List.of(), o -> List.of()));
    }

    @Test
    public void sixteenThreadsDecidingEventsOverSeveralCampaignsInAnyOrderKeepEveryBudgetAndCap() throws Exception {
        CampaignStore s = newStore();
        String[] campaigns = {"c0", "c1", "c2"};
        // each event of customer i % 10 asks for one fire in every campaign, campaigns in a rotating order;
        // cap 2 per trigger and customer allows 20 fires per campaign, the budgets 10, 15 and 40 (cost 1)
        long[] budgets = {10, 15, 40};
        long[] expected = {10, 15, 20};
        List<List<Outcome>> all = onSixteenThreads(600, i -> {
            String customer = "cust-" + (i % 10);
            String eventId = "ev-" + i;
            s.claimEvent(eventId);
            List<Reservation> batch = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                int ci = (i + k) % 3;
                batch.add(inCampaign(campaigns[ci], customer, "t" + ci, T0.plusSeconds(i), 2, Duration.ZERO, 0, 1,
                        budgets[ci], -1));
            }
            return s.reserveAndDecide(eventId, batch, o -> List.of());
        });
        long reserved = all.stream().flatMap(List::stream).filter(o -> o == Outcome.RESERVED).count();
        assertEquals(45, reserved);
        for (int ci = 0; ci < 3; ci++) {
            assertEquals(expected[ci], s.fires(campaigns[ci]), campaigns[ci]);
            assertEquals(expected[ci], s.spentMinor(campaigns[ci]), campaigns[ci]);
        }
    }

    @Test
    public void actionResultsAreFirstWins() {
        CampaignStore s = newStore();
        assertEquals(Optional.empty(), s.result("k"));
        assertTrue(s.recordResult("k", "CODE-1"));
        assertFalse(s.recordResult("k", "CODE-2"));
        assertEquals(Optional.of("CODE-1"), s.result("k"));
    }

    /**
     * An action key and a result are held exactly by every store, or refused by every store before
     * anything is written: a key of at most 800 characters, and no NUL or unpaired surrogate in
     * either (PostgreSQL cannot store NUL and turns a lone surrogate into '?'). The in-memory store
     * took them all; tabs and line breaks are text and kept.
     */
    @Test
    public void actionKeysAndResultsNoStoreCanHoldAreRefusedByEveryStore() {
        CampaignStore s = newStore();
        String tooLong = "k".repeat(801);
        assertEquals("actionKey is longer than 800 characters: 'kk****kk' (801 chars)",
                assertThrows(IllegalArgumentException.class, () -> s.recordResult(tooLong, "done")).getMessage());
        assertEquals(Optional.empty(), s.result(tooLong));
        assertEquals("actionKey must not contain NUL (at index 4): 'e1****00' (8 chars)",
                assertThrows(IllegalArgumentException.class, () -> s.recordResult("e1/t\0/00", "done")).getMessage());
        assertEquals("result must not contain NUL (at index 4): '****' (7 chars)",
                assertThrows(IllegalArgumentException.class, () -> s.recordResult("k1", "CODE\0-1")).getMessage());
        assertEquals("result is not well-formed Unicode (unpaired surrogate U+D800 at index 5): '****' (6 chars)",
                assertThrows(IllegalArgumentException.class, () -> s.recordResult("k1", "CODE-\uD800")).getMessage());
        assertEquals(Optional.empty(), s.result("k1"));
        String longest = "k".repeat(800);
        assertTrue(s.recordResult(longest, "done"));
        assertEquals(Optional.of("done"), s.result(longest));
        assertTrue(s.recordResult("k1", "line 1\n\tline 2 \uD83D\uDE00"));
        assertEquals(Optional.of("line 1\n\tline 2 \uD83D\uDE00"), s.result("k1"));
    }

    @Test
    public void missionSavesAreOptimistic() {
        CampaignStore s = newStore();
        MissionProgress v1 = new MissionProgress(c("a"), "tour", T0, List.of(), Optional.empty(), 1);
        assertTrue(s.saveMission(v1));
        assertFalse(s.saveMission(v1));
        MissionStep step = new MissionStep("c1", MissionStep.Kind.CHECK_IN, "s1", T0.plusSeconds(5), 0);
        MissionStep order = new MissionStep("o1", MissionStep.Kind.ONLINE_ORDER, "", T0.plusSeconds(9), 12_345);
        MissionProgress v2 = new MissionProgress(c("a"), "tour", T0, List.of(step, order), Optional.of(T0.plusSeconds(9)), 2);
        assertFalse(s.saveMission(new MissionProgress(c("a"), "tour", T0, List.of(), Optional.empty(), 3)));
        assertTrue(s.saveMission(v2));
        assertEquals(Optional.of(v2), s.mission(c("a"), "tour"));
        MissionProgress other = new MissionProgress(c("a"), "spend", T0, List.of(), Optional.empty(), 1);
        assertTrue(s.saveMission(other));
        assertEquals(List.of(other, v2), s.missions(c("a")));
        assertEquals(List.of(), s.missions(c("b")));
        assertEquals(Optional.empty(), s.mission(c("b"), "tour"));
    }

    @Test
    public void invitesAndReferrals() {
        CampaignStore s = newStore();
        Invite alice = new Invite("CODE1", "p", c("alice"), T0);
        assertTrue(s.saveInvite(alice));
        assertFalse(s.saveInvite(new Invite("CODE1", "p", c("bob"), T0)));
        assertFalse(s.saveInvite(new Invite("CODE2", "p", c("alice"), T0)));
        assertTrue(s.saveInvite(new Invite("CODE3", "q", c("alice"), T0)));
        assertEquals(Optional.of(alice), s.invite("CODE1"));
        assertEquals(Optional.of(alice), s.inviteOf("p", c("alice")));
        assertEquals(List.of(alice), s.invites("p"));
        ReferralLink carol = new ReferralLink("p", "CODE1", c("alice"), c("carol"), T0, Optional.empty(), Optional.empty());
        ReferralLink dave = new ReferralLink("p", "CODE1", c("alice"), c("dave"), T0.plusSeconds(1), Optional.empty(), Optional.empty());
        assertTrue(s.saveReferral(carol));
        assertFalse(s.saveReferral(new ReferralLink("p", "CODE9", c("bob"), c("carol"), T0, Optional.empty(), Optional.empty())));
        assertTrue(s.saveReferral(dave));
        assertEquals(List.of(carol, dave), s.referrals("p"));
        assertTrue(s.markConverted("p", c("carol"), "o1", T0.plusSeconds(60)));
        assertFalse(s.markConverted("p", c("carol"), "o2", T0.plusSeconds(61)));
        assertFalse(s.markConverted("p", c("nobody"), "o3", T0));
        ReferralLink converted = s.referral("p", c("carol")).orElseThrow();
        assertEquals(Optional.of("o1"), converted.firstOrderId());
        assertEquals(Optional.of(T0.plusSeconds(60)), converted.convertedAt());
        assertEquals(Optional.empty(), s.referral("q", c("carol")));
    }

    /**
     * A claim is saved unconverted; {@link CampaignStore#markConverted} converts it. The in-memory
     * store kept a converted link as given, the JDBC store refused it (naming nothing); both now
     * refuse it, whether or not the invitee has a claim, and keep nothing.
     */
    @Test
    public void aConvertedLinkIsNotSavedAsAClaim() {
        CampaignStore s = newStore();
        ReferralLink converted = new ReferralLink("p", "CODE1", c("alice"), c("carol"), T0, Optional.of("o1"),
                Optional.of(T0.plusSeconds(60)));
        String message = "referral link in programme 'p' must not be converted yet (first order 'o1' at "
                + T0.plusSeconds(60) + "): save the claim, then markConverted";
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> s.saveReferral(converted)).getMessage());
        assertEquals(Optional.empty(), s.referral("p", c("carol")));
        assertEquals(List.of(), s.referrals("p"));
        ReferralLink claim = new ReferralLink("p", "CODE1", c("alice"), c("carol"), T0, Optional.empty(), Optional.empty());
        assertTrue(s.saveReferral(claim));
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> s.saveReferral(converted)).getMessage());
        assertEquals(List.of(claim), s.referrals("p"));
    }

    /** Runs {@code tasks} on 16 threads released together and returns their results. */
    private static <T> List<T> onSixteenThreads(int tasks, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(n);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void sixteenThreadsNeverExceedACapOrABudget() throws Exception {
        CampaignStore s = newStore();
        // 8 customers x cap 3 = 24 fires allowed by the caps; the budget allows 20 (cost 5 of 100)
        List<Outcome> outcomes = onSixteenThreads(800, i -> s.reserve(res("cust-" + (i % 8), "t", T0.plusSeconds(i % 50),
                3, Duration.ofDays(1), Duration.ZERO, 0, 5, 100, -1)));
        long reserved = outcomes.stream().filter(o -> o == Outcome.RESERVED).count();
        assertEquals(20, reserved);
        assertEquals(20, s.fires("camp"));
        assertEquals(100, s.spentMinor("camp"));
        // without a budget every customer gets exactly its cap, not one more
        CampaignStore capped = newStore();
        List<Outcome> capOutcomes = onSixteenThreads(800, i -> capped.reserve(res("cust-" + (i % 8), "t", T0.plusSeconds(i % 50),
                3, Duration.ofDays(1), Duration.ZERO, 0, 5, -1, -1)));
        int[] perCustomer = new int[8];
        for (int i = 0; i < capOutcomes.size(); i++) {
            if (capOutcomes.get(i) == Outcome.RESERVED) {
                perCustomer[i % 8]++;
            }
        }
        assertEquals("[3, 3, 3, 3, 3, 3, 3, 3]", Arrays.toString(perCustomer));
        assertEquals(24, capped.fires("camp"));
        CampaignStore daily = newStore();
        List<Outcome> perDay = onSixteenThreads(640, i -> daily.reserve(res("cust-" + (i % 4), "t" + (i % 20), T0, 0,
                Duration.ZERO, Duration.ZERO, 5, 0, -1, 12)));
        assertEquals(12, perDay.stream().filter(o -> o == Outcome.RESERVED).count());
        assertEquals(12, daily.fires("camp"));
    }

    @Test
    public void sixteenThreadsFiringEventsThroughTheEngineKeepEveryCustomersCapAndTheBudget() throws Exception {
        CampaignStore s = newStore();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        CampaignEngine engine = CampaignEngine.builder(s, clock)
                .directory(k -> Optional.of(new CustomerView(k, ZoneOffset.UTC, Set.of(), Set.of())))
                .couponTemplates(Set.of("tpl"))
                .maxContactsPerDay(10)
                .campaign(Campaign.of("camp").withBudget(Money.of("70.00", "CNY")))
                .trigger(Trigger.builder("t", "camp").when(EventPredicate.checkIn()).frequencyCap(2, Duration.ofDays(30))
                        .action(Action.issueCoupon("tpl", Money.of("2.00", "CNY"))).build())
                .build();
        int customers = 25; // caps allow 50 fires, the budget 35
        // every event twice, from different threads: replays must not act either
        List<Decisions> decisions = onSixteenThreads(2_000, i -> engine.evaluate(
                CampaignEvent.checkIn("ev-" + (i % 1_000), CustomerKey.of("c" + (i % customers)), T0.plusSeconds(i % 1_000), "s1")));
        Map<CustomerKey, Integer> perCustomer = new HashMap<>();
        Set<String> keys = ConcurrentHashMap.newKeySet();
        AtomicInteger fresh = new AtomicInteger();
        for (Decisions d : decisions) {
            if (d.replay()) {
                continue;
            }
            for (PlannedAction a : d.actions()) {
                fresh.incrementAndGet();
                assertTrue(keys.add(a.key()), a.key());
                perCustomer.merge(a.customer(), 1, Integer::sum);
            }
        }
        assertEquals(35, fresh.get());
        assertEquals(35, s.fires("camp"));
        assertEquals(7_000, s.spentMinor("camp"));
        perCustomer.values().forEach(n -> assertTrue(n <= 2, "cap of 2 exceeded: " + n));
        assertEquals(1_000, decisions.stream().filter(d -> !d.replay()).count());
    }

    @Test
    public void sixteenThreadsClaimEachEventAndResultOnceAndSaveMissionsWithoutLoss() throws Exception {
        CampaignStore s = newStore();
        List<Boolean> claims = onSixteenThreads(1_600, i -> s.claimEvent("e" + (i % 100)));
        assertEquals(100, claims.stream().filter(b -> b).count());
        List<Boolean> results = onSixteenThreads(1_600, i -> s.recordResult("k" + (i % 100), "r" + i));
        assertEquals(100, results.stream().filter(b -> b).count());
        assertTrue(s.saveMission(new MissionProgress(c("a"), "m", T0, List.of(), Optional.empty(), 1)));
        onSixteenThreads(160, i -> {
            while (true) {
                MissionProgress p = s.mission(c("a"), "m").orElseThrow();
                List<MissionStep> steps = new ArrayList<>(p.steps());
                steps.add(new MissionStep("x" + i, MissionStep.Kind.CHECK_IN, "s" + i, T0, 0));
                if (s.saveMission(new MissionProgress(p.customer(), p.missionId(), p.enrolledAt(), steps, Optional.empty(),
                        p.version() + 1))) {
                    return true;
                }
            }
        });
        MissionProgress last = s.mission(c("a"), "m").orElseThrow();
        assertEquals(161, last.version());
        assertEquals(160, last.steps().stream().map(MissionStep::ref).distinct().count());
    }
}
