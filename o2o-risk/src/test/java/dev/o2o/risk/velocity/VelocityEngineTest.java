package dev.o2o.risk.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.EventType;
import dev.o2o.risk.Field;
import dev.o2o.risk.Reason;
import dev.o2o.risk.RiskDecision;
import dev.o2o.risk.RiskEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VelocityEngineTest {
    static final Instant T0 = Instant.parse("2026-07-15T10:00:00Z");

    static VelocityEngine engine(String rules) {
        return VelocityEngine.parse(rules, CustomerResolver.none(), VelocityConfig.defaults());
    }

    static RiskEvent redemption(long millis, String who) {
        return RiskEvent.of(EventType.COUPON_REDEMPTION, T0.plusMillis(millis), who);
    }

    static double figure(RiskDecision d, String code) {
        return d.reasons().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow().value();
    }

    @Test
    void windowsAreExactAtTheirEdges() {
        VelocityEngine e = engine("BURST: count of coupon_redemption by identifier over 10s review 2 deny 3");
        assertEquals(Action.ALLOW, e.evaluate(redemption(0, "a")).action());
        RiskDecision second = e.evaluate(redemption(5_000, "a"));
        assertEquals(Action.REVIEW, second.action());
        assertEquals("BURST", second.verdict().reason());
        assertEquals(2, figure(second, "BURST"));
        // 9.999 s: all three in (t-10s, t]
        RiskDecision third = e.evaluate(redemption(9_999, "a"));
        assertEquals(Action.DENY, third.action());
        Reason r = third.reasons().get(0);
        assertEquals(3, r.value());
        assertEquals(3, r.threshold());
        assertTrue(r.exact());
        assertEquals("count by identifier over PT10S is 3, deny threshold 3", r.detail());
        // at exactly 10 s the event at 0 has left the window (t - 10 s is excluded): 5, 9.999, 10
        assertEquals(3, figure(e.evaluate(redemption(10_000, "a")), "BURST"));
        // at 15 s the event at 5 s leaves too: 9.999, 10, 15
        assertEquals(3, figure(e.evaluate(redemption(15_000, "a")), "BURST"));
        // at 19.999 s: 10, 15, 19.999 (9.999 is exactly 10 s back and excluded)
        assertEquals(3, figure(e.evaluate(redemption(19_999, "a")), "BURST"));
        // another key is counted apart; another event type is not counted
        assertEquals(Action.ALLOW, e.evaluate(redemption(19_999, "b")).action());
        assertEquals(Action.ALLOW, e.evaluate(RiskEvent.of(EventType.POINTS_EARN, T0.plusMillis(19_999), "a")).action());
    }

    /** Every figure equals a brute-force count over all events so far in (e - W, e], events out of order included. */
    @Test
    void figuresMatchBruteForceWithEventsOutOfOrder() {
        VelocityEngine e = VelocityEngine.parse("""
                N: count of coupon_redemption by device over 30s review 1
                S: sum of coupon_redemption by device over 45s review 1
                D: distinct identifier of coupon_redemption by device over 60s review 1
                """, CustomerResolver.none(), new VelocityConfig(Duration.ofMillis(1), 10_000, Duration.ofMinutes(2)));
        Random rnd = new Random(7);
        List<RiskEvent> seen = new ArrayList<>();
        long clock = 0;
        for (int i = 0; i < 3000; i++) {
            clock += rnd.nextInt(400);
            // a quarter of the events arrive up to 20 s late
            long at = rnd.nextInt(4) == 0 ? Math.max(0, clock - rnd.nextInt(20_000)) : clock;
            RiskEvent ev = redemption(at, "u" + rnd.nextInt(12)).withDevice("d" + rnd.nextInt(3)).withAmount(rnd.nextInt(1000));
            seen.add(ev);
            RiskDecision d = e.evaluate(ev);
            long n = 0;
            long s = 0;
            Set<String> ids = new HashSet<>();
            for (RiskEvent x : seen) {
                if (!x.device().equals(ev.device())) {
                    continue;
                }
                long back = Duration.between(x.at(), ev.at()).toMillis();
                if (back >= 0 && back < 30_000) {
                    n++;
                }
                if (back >= 0 && back < 45_000) {
                    s += x.amount();
                }
                if (back >= 0 && back < 60_000) {
                    ids.add(x.identifier());
                }
            }
            assertEquals(n, figure(d, "N"), "event " + i);
            assertEquals(s, figure(d, "S"), "event " + i);
            assertEquals(ids.size(), figure(d, "D"), "event " + i);
            assertTrue(d.reasons().stream().allMatch(Reason::exact));
        }
    }

    /**
     * Reasons are shared between events with the same rule, action, figure and exactness: every
     * one, first built or shared, has the figures and text of its own event, past the shared range too.
     */
    @Test
    void reasonsOfRepeatedFiguresCarryTheirOwnFiguresAndTexts() {
        VelocityEngine e = VelocityEngine.parse("""
                N: count of coupon_redemption by identifier over 1h review 2 deny 4
                S: sum of coupon_redemption by identifier over 1h review 100
                """, CustomerResolver.none(), new VelocityConfig(Duration.ofMillis(1), 1_000, Duration.ZERO));
        for (String who : List.of("a", "b")) {
            for (int n = 1; n <= 80; n++) {
                RiskDecision d = e.evaluate(redemption(n * 1_000L, who).withAmount(10));
                if (n < 2) {
                    assertEquals(RiskDecision.allow(), d);
                    continue;
                }
                boolean deny = n >= 4;
                Reason r = d.reasons().get(0);
                assertEquals(deny ? Action.DENY : Action.REVIEW, d.action(), who + " " + n);
                assertEquals("N", r.code());
                assertEquals(n, r.value());
                assertEquals(deny ? 4 : 2, r.threshold());
                assertTrue(r.exact());
                assertEquals("count by identifier over PT1H is " + n + (deny ? ", deny threshold 4" : ", review threshold 2"),
                        r.detail(), who + " " + n);
                if (n >= 10) {
                    // the sum rule's REVIEW comes after the count's DENY, as RiskDecision.of sorts them
                    assertEquals(List.of("N", "S"), d.reasons().stream().map(Reason::code).toList());
                    assertEquals(RiskDecision.of(d.reasons()), d);
                    assertEquals("sum by identifier over PT1H is " + 10 * n + ", review threshold 100",
                            d.reasons().get(1).detail());
                }
            }
        }
        // a figure decided exactly before (10, at 10 s), now late (beyond zero lateness), so not exact: its own reason
        RiskDecision late = e.evaluate(redemption(9_999, "b").withAmount(10));
        Reason r = late.reasons().get(0);
        assertEquals(10, r.value());
        assertFalse(r.exact());
        assertEquals("count by identifier over PT1H is at most 10, deny threshold 4", r.detail());
    }

    /** A REVIEW reason before a DENY one: the decision puts the DENY first, as {@link RiskDecision#of} does. */
    @Test
    void aDenyAfterAReviewComesFirst() {
        VelocityEngine e = engine("""
                R: count of coupon_redemption by identifier over 1h review 1
                D: count of coupon_redemption by identifier over 1h deny 2
                """);
        e.evaluate(redemption(0, "a"));
        RiskDecision d = e.evaluate(redemption(1, "a"));
        assertEquals(Action.DENY, d.action());
        assertEquals(List.of("D", "R"), d.reasons().stream().map(Reason::code).toList());
    }

    @Test
    void aCoarserResolutionHasExactEdgesAtThatResolution() {
        VelocityEngine e = VelocityEngine.parse("N: count by store over 10s review 1", CustomerResolver.none(),
                new VelocityConfig(Duration.ofSeconds(1), 64, Duration.ZERO));
        RiskEvent base = redemption(0, "a").atStore("s1", "c1");
        e.evaluate(base.withAmount(0));
        // 10.9 s is in bucket 10: buckets (0, 10] exclude bucket 0
        assertEquals(1, figure(e.evaluate(redemption(10_900, "a").atStore("s1", "c1")), "N"));
        // 9.9 s arrives late (beyond zero lateness): counted, figure flagged as not exact
        RiskDecision late = e.evaluate(redemption(9_900, "a").atStore("s1", "c1"));
        assertFalse(late.reasons().get(0).exact());
    }

    @Test
    void resolvedCustomersCountTheirIdentifiersTogether() {
        IdentityGraph graph = IdentityGraph.create();
        graph.addLink(IdentityLink.of(Identifier.phone("13800000001"), Identifier.phone("13800000002"), T0, "test"));
        VelocityEngine e = VelocityEngine.parse("""
                FARM: count of coupon_redemption by customer over 1d deny 2
                PER_ID: count of coupon_redemption by identifier over 1d deny 2
                """, CustomerResolver.of(graph, IdentifierType.PHONE), VelocityConfig.defaults());
        assertEquals(Action.ALLOW, e.evaluate(redemption(0, "13800000001")).action());
        RiskDecision d = e.evaluate(redemption(1000, "13800000002"));
        assertEquals(Action.DENY, d.action());
        assertEquals(List.of("FARM"), d.reasons().stream().map(Reason::code).toList());
        assertEquals(Action.ALLOW, e.evaluate(redemption(2000, "13800000003")).action());
    }

    @Test
    void distinctCountsOfTheResolvedCustomerAndMissingFieldsAreSkipped() {
        VelocityEngine e = engine("DEVICE_ACCOUNTS: distinct identifier of sign_up,coupon_redemption by device over 24h review 2 deny 3");
        RiskEvent noDevice = redemption(0, "a");
        assertEquals(RiskDecision.allow(), e.evaluate(noDevice));
        assertEquals(0, e.activeKeys());
        assertEquals(Action.ALLOW, e.evaluate(redemption(0, "a").withDevice("d")).action());
        assertEquals(Action.ALLOW, e.evaluate(redemption(1, "a").withDevice("d")).action());
        assertEquals(Action.REVIEW, e.evaluate(redemption(2, "b").withDevice("d")).action());
        RiskDecision d = e.evaluate(RiskEvent.of(EventType.SIGN_UP, T0.plusMillis(3), "c").withDevice("d"));
        assertEquals(Action.DENY, d.action());
        assertEquals(3, figure(d, "DEVICE_ACCOUNTS"));
    }

    @Test
    void aKeyWithMoreEntriesThanKeptFoldsAndSaysItsFiguresAreBounds() {
        VelocityEngine e = VelocityEngine.parse("N: count by identifier over 1h review 1", CustomerResolver.none(),
                new VelocityConfig(Duration.ofMillis(1), 4, Duration.ofMinutes(1)));
        RiskDecision last = null;
        for (int i = 0; i < 10; i++) {
            last = e.evaluate(redemption(i * 1000L, "a"));
        }
        // folding moves counts forward, never drops them: the bound is still 10
        assertEquals(10, figure(last, "N"));
        assertFalse(last.reasons().get(0).exact());
        assertTrue(last.reasons().get(0).detail().contains("at most 10"), last.reasons().get(0).detail());
    }

    @Test
    void aSumPastTheRangeOfALongStaysAtTheLargestLongAsABoundUntilItsWindowEmpties() {
        VelocityEngine e = engine("S: sum of coupon_redemption by identifier over 1h review 1000 deny 2000");
        long half = Long.MAX_VALUE / 2 + 1;
        assertEquals(half, figure(e.evaluate(redemption(0, "a").withAmount(half)), "S"));
        // half + half is one more than the largest long: it must not wrap round to a negative figure
        RiskDecision second = e.evaluate(redemption(1_000, "a").withAmount(half));
        assertEquals(Action.DENY, second.action());
        Reason r = second.reasons().get(0);
        assertEquals(Long.MAX_VALUE, r.value());
        assertFalse(r.exact());
        assertTrue(r.detail().contains("at most 9223372036854775807"), r.detail());
        // the window can no longer say which part left: a bound until it is empty
        RiskDecision third = e.evaluate(redemption(3_600_500, "a").withAmount(5));
        assertEquals(Long.MAX_VALUE, figure(third, "S"));
        assertFalse(third.reasons().get(0).exact());
        // empty again after the last of those left (an hour after 3,600.5 s): exact figures
        e.evaluate(redemption(7_300_000, "a").withAmount(1_500));
        RiskDecision exact = e.evaluate(redemption(7_300_001, "a").withAmount(600));
        assertEquals(2_100, figure(exact, "S"));
        assertTrue(exact.reasons().get(0).exact());
        // another key is not touched
        assertEquals(Action.ALLOW, e.evaluate(redemption(7_300_002, "b").withAmount(999)).action());
    }

    @Test
    void idleKeysAreEvictedAndStartAgainFromZero() {
        VelocityEngine e = VelocityEngine.parse("""
                A: count by identifier over 10s review 2
                B: count by device over 1m review 2
                """, CustomerResolver.none(), new VelocityConfig(Duration.ofMillis(1), 64, Duration.ofSeconds(5)));
        e.evaluate(redemption(0, "a").withDevice("d"));
        e.evaluate(redemption(50_000, "b"));
        assertEquals(3, e.activeKeys());
        // at 65 s: the newest of a and d (0 s) is 60 s + 5 s back; b's is not
        assertEquals(2, e.evictIdle(T0.plusSeconds(65)));
        assertEquals(1, e.activeKeys());
        assertEquals(Action.ALLOW, e.evaluate(redemption(66_000, "a").withDevice("d")).action());
    }

    @Test
    void aLatenessOrResolutionTooLongToCountIsRefusedByTheConfiguration() {
        // once: whole-second buckets rounded this lateness up past the largest long, to a negative
        // figure that evicted every entry as it came, so that no rule ever fired
        Duration lateness = Duration.ofMillis(Long.MAX_VALUE - 1);
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> new VelocityConfig(Duration.ofSeconds(1), 8, lateness));
        assertEquals("maxLateness must be at most 106751 days: " + lateness, late.getMessage());
        // once an ArithmeticException ('long overflow') from the check of whole milliseconds
        Duration coarse = Duration.ofDays(200_000);
        IllegalArgumentException resolution = assertThrows(IllegalArgumentException.class,
                () -> new VelocityConfig(coarse, 8, Duration.ZERO));
        assertEquals("resolution must be at most 106751 days: " + coarse, resolution.getMessage());
        // the longest lateness still decides
        VelocityEngine e = VelocityEngine.parse("B: count of coupon_redemption by identifier over 1h deny 2",
                CustomerResolver.none(), new VelocityConfig(Duration.ofSeconds(1), 8, Duration.ofDays(106_751)));
        assertEquals(Action.ALLOW, e.evaluate(redemption(0, "a")).action());
        assertEquals(Action.DENY, e.evaluate(redemption(1_000, "a")).action());
    }

    @Test
    void evictingAtAnInstantAWindowCannotBeCountedAtIsRefusedByName() {
        VelocityEngine e = engine("B: count by identifier over 1h deny 2");
        e.evaluate(redemption(0, "a"));
        // once an ArithmeticException ('long overflow') from inside the engine
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class, () -> e.evictIdle(Instant.MAX));
        assertEquals("now must lie in the years 0000 to 9999: " + Instant.MAX, far.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.evictIdle(Instant.MIN));
        assertEquals(1, e.activeKeys());
        assertEquals(1, e.evictIdle(Instant.parse("9999-12-31T23:59:59.999Z")));
    }

    @Test
    void aWordGivenTwiceInARuleIsRefusedRatherThanTheFirstSilentlyDropped() {
        assertMessage("rule 'W: count by device over 1h deny 3 deny 5': 'deny' is given twice",
                "W: count by device over 1h deny 3 deny 5");
        assertMessage("rule 'W: count by device over 1h by store deny 3': 'by' is given twice",
                "W: count by device over 1h by store deny 3");
        assertMessage("rule 'W: count of sign_up by device of referral over 1h deny 3': 'of' is given twice",
                "W: count of sign_up by device of referral over 1h deny 3");
        assertMessage("rule 'W: count by device over 1h OVER 2h deny 3': 'over' is given twice",
                "W: count by device over 1h OVER 2h deny 3");
        assertEquals(5, VelocityRule.parse("W: count by device over 1h review 3 deny 5").deny().getAsDouble());
    }

    @Test
    void badRulesAreRefusedWithTheFieldAndValue() {
        assertMessage("window of rule W must be positive: PT0S", "W: count by device over 0s deny 3");
        assertMessage("window of rule W must be positive: PT-1H", "W: count by device over -PT1H deny 3");
        assertMessage("deny threshold 2.0 of rule W is below its review threshold 5.0", "W: count by device over 1h review 5 deny 2");
        assertMessage("unknown key type 'phone' (known: [identifier, customer, device, store, clerk, coupon])",
                "W: count by phone over 1h deny 2");
        assertMessage("review threshold of rule W must be a positive finite number: 0.0", "W: count by device over 1h review 0");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> new VelocityRule("W",
                Set.of(EventType.SIGN_UP), Field.DEVICE, Measure.COUNT, Optional.empty(), Duration.ofHours(1),
                OptionalDouble.of(Double.NaN), OptionalDouble.empty()));
        assertEquals("review threshold of rule W must be a positive finite number: NaN", nan.getMessage());
        IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class, () -> new VelocityRule("W",
                Set.of(EventType.SIGN_UP), Field.DEVICE, Measure.COUNT, Optional.empty(), Duration.ofHours(1),
                OptionalDouble.empty(), OptionalDouble.of(Double.POSITIVE_INFINITY)));
        assertEquals("deny threshold of rule W must be a positive finite number: Infinity", infinite.getMessage());
        assertMessage("rule W needs a review or a deny threshold", "W: count by device over 1h");
        assertMessage("rule 'W: sum by device over 1h deny x': deny threshold 'x' is not a decimal number (like 5 or 2.5)", "W: sum by device over 1h deny x");
        assertMessage("rule 'W: median by device over 1h deny 2': unknown measure 'median' (count, sum, distinct)",
                "W: median by device over 1h deny 2");
        assertMessage("unknown event type 'refund' (known: [coupon_redemption, store_verification, coupon_claim, points_earn, "
                + "points_redeem, points_adjust, points_reverse, sign_up, referral])", "W: count of refund by device over 1h deny 2");
        assertMessage("rule W counts distinct DEVICE by DEVICE: always 1; pick another field", "W: distinct device by device over 1h deny 2");
        assertMessage("'W: count by device over soon deny 2': window 'soon' is not a duration (like 90s, 10m, 24h, 7d or PT1H)",
                "W: count by device over soon deny 2");
        assertMessage("rule 'W: count over 1h deny 2' needs 'by KEY'", "W: count over 1h deny 2");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> engine("A: count by device over 1h deny 2\nA: count by store over 1h deny 2"));
        assertEquals("rule code A is used twice", twice.getMessage());
        IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
                () -> engine("# comment\nA: count by device over 1h deny 2\nB: count by device over 0s deny 2"));
        assertEquals("line 3: window of rule B must be positive: PT0S", line.getMessage());
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class, () -> VelocityEngine.parse(
                "A: count by device over 1500ms deny 2", CustomerResolver.none(),
                new VelocityConfig(Duration.ofSeconds(1), 8, Duration.ZERO)));
        assertEquals("window PT1.5S of rule A must be a whole multiple of the resolution PT1S", grid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VelocityConfig(Duration.ZERO, 8, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new VelocityConfig(Duration.ofMillis(1), 1, Duration.ZERO));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> redemption(0, "a").withAmount(-1));
        assertEquals("amount of a COUPON_REDEMPTION event must not be negative: -1", negative.getMessage());
        // an instant a window cannot be counted at (once an ArithmeticException from inside the engine)
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> RiskEvent.of(EventType.COUPON_REDEMPTION, Instant.MAX, "a"));
        assertEquals("at of a COUPON_REDEMPTION event must lie in the years 0000 to 9999: " + Instant.MAX, far.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RiskEvent.of(EventType.SIGN_UP, Instant.parse("-0001-12-31T23:59:59Z"), "a"));
        assertThrows(IllegalArgumentException.class, () -> RiskEvent.of(EventType.SIGN_UP, Instant.parse("+10000-01-01T00:00:00Z"), "a"));
        RiskEvent.of(EventType.SIGN_UP, Instant.parse("0000-01-01T00:00:00Z"), "a");
        RiskEvent.of(EventType.SIGN_UP, Instant.parse("9999-12-31T23:59:59.999Z"), "a");
    }

    private static void assertMessage(String expected, String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VelocityRule.parse(rule));
        assertEquals(expected, e.getMessage());
    }

    /** Eight threads on shared keys: nothing lost, every count seen once (figures of some serial order). */
    @Test
    void concurrentEventsAreAllCounted() throws Exception {
        VelocityEngine e = VelocityEngine.parse("""
                N: count by device over 1d review 1
                S: sum by store over 1d review 1
                """, CustomerResolver.none(), new VelocityConfig(Duration.ofMillis(1), 100_000, Duration.ofDays(1)));
        int threads = 8;
        int perThread = 5000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Double>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                List<Double> counts = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    // one instant for all: the figure of each event is the number counted before it, plus one
                    RiskEvent ev = redemption(0, "u" + id).withDevice("shared")
                            .atStore("s" + (i % 2), "c").withAmount(3);
                    counts.add(figure(e.evaluate(ev), "N"));
                }
                return counts;
            }));
        }
        Set<Double> all = new HashSet<>();
        for (Future<List<Double>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        // every count from 1 to the total was seen exactly once: no update lost or doubled
        assertEquals(threads * perThread, all.size());
        assertEquals(threads * perThread, all.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
        RiskDecision last = e.evaluate(redemption(1, "z").withDevice("shared").atStore("s0", "c").withAmount(3));
        assertEquals(threads * perThread + 1, figure(last, "N"));
        assertEquals(3 * (threads * perThread / 2 + 1), figure(last, "S"));
    }

    /**
     * Threads on keys of their own share the rule's reasons, built and read without a lock: every
     * reason each thread gets has its own event's figure, action and text.
     */
    @Test
    void reasonsSharedBetweenThreadsCarryEachEventsFigures() throws Exception {
        VelocityEngine e = engine("N: count of coupon_redemption by identifier over 1d review 1 deny 40");
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                int checked = 0;
                for (int round = 0; round < 50; round++) {
                    String who = "u" + id + "-" + round;
                    for (int n = 1; n <= 60; n++) { // under the 64 entries kept, so every figure is exact
                        Reason r = e.evaluate(redemption(n, who)).reasons().get(0);
                        boolean deny = n >= 40;
                        assertEquals(n, r.value());
                        assertEquals(deny ? Action.DENY : Action.REVIEW, r.action());
                        assertEquals("count by identifier over PT24H is " + n
                                + (deny ? ", deny threshold 40" : ", review threshold 1"), r.detail());
                        checked++;
                    }
                }
                return checked;
            }));
        }
        int checked = 0;
        for (Future<Integer> f : futures) {
            checked += f.get();
        }
        pool.shutdown();
        assertEquals(threads * 50 * 60, checked);
    }

    /**
     * Eviction racing with events on the same keys: an event never lands in a key already dropped
     * (its windows are released, so that would throw) and a key's figures start again at 1 only in
     * a new state, so the events with figure 1 are at most the states dropped plus those left.
     */
    @Test
    void eventsRacingWithEvictionAreCountedOnlyIntoLiveKeys() throws Exception {
        VelocityEngine e = VelocityEngine.parse("N: count by device over 1s review 1", CustomerResolver.none(),
                new VelocityConfig(Duration.ofMillis(1), 64, Duration.ZERO));
        // every event is at T0 and eviction looks from T0 + 1001 ms: it drops every key it finds
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong dropped = new AtomicLong();
        Thread evictor = new Thread(() -> {
            while (!done.get()) {
                dropped.addAndGet(e.evictIdle(T0.plusMillis(1001)));
            }
        });
        evictor.start();
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                long[] histogram = new long[threads * perThread + 2];
                for (int i = 0; i < perThread; i++) {
                    histogram[(int) figure(e.evaluate(redemption(0, "u" + id).withDevice("d" + (i % 3))), "N")]++;
                }
                return histogram;
            }));
        }
        long[] histogram = new long[threads * perThread + 2];
        for (Future<long[]> f : futures) {
            long[] h = f.get();
            for (int j = 0; j < h.length; j++) {
                histogram[j] += h[j];
            }
        }
        pool.shutdown();
        done.set(true);
        evictor.join();
        assertEquals(0, histogram[0]);
        assertEquals(threads * perThread, Arrays.stream(histogram).sum());
        assertTrue(dropped.get() > 0, "the evictor dropped nothing: the race was not exercised");
        assertTrue(histogram[1] <= dropped.get() + e.activeKeys(),
                histogram[1] + " events counted first in a state, but only " + dropped.get() + " dropped and "
                        + e.activeKeys() + " left");
        // within each state the figures are 1, 2, ... n: no figure is seen more often than a smaller one
        for (int j = 2; j < histogram.length; j++) {
            assertTrue(histogram[j] <= histogram[j - 1], "figure " + j + " seen more often than " + (j - 1));
        }
    }
}
