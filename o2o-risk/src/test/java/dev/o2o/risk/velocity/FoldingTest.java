package dev.o2o.risk.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.EventType;
import dev.o2o.risk.Reason;
import dev.o2o.risk.RiskDecision;
import dev.o2o.risk.RiskEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Folding (a rule of a key over its bound of entries) keeps every figure an upper bound of the exact
 * one and a tight one: at most the exact figure over the window stretched back by
 * {@code 2W / (cap - 1 - e)} buckets, {@code e} the entries within the lateness (see
 * {@code KeyWindows.pairToMerge} for the argument). Checked against brute force over every event.
 */
class FoldingTest {
    private static final Instant T0 = Instant.parse("2026-07-15T00:00:00Z");

    private static Reason reason(RiskDecision d, String code) {
        return d.reasons().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    /**
     * The busy store of the fault: an event of 2,000 every 10 s for 48 h under 1 h count and sum
     * windows at the default 64 entries. Before the fix the sum reached 720,000 after 1 h, 7.2 M after
     * 10 h and 17.3 M after 24 h. Exact: 360 events and 720,000 once the window is full.
     */
    @Test
    void aBusyKeyAtTheCapStaysWithinItsBoundFor48Hours() {
        VelocityEngine e = VelocityEngine.parse("""
                N: count by store over 1h review 1
                S: sum by store over 1h review 1
                """, CustomerResolver.none(), VelocityConfig.defaults());
        long window = 3_600_000;
        // one minute of lateness holds the entries of the last 50 s besides the newest: e = 6, 2W/(64 - 1 - 6)
        long stretch = (2 * window + 56) / 57;
        long every = 10_000;
        boolean folded = false;
        for (long i = 0; i < 48 * 360; i++) {
            long t = i * every;
            RiskDecision d = e.evaluate(RiskEvent.of(EventType.COUPON_REDEMPTION, T0.plusMillis(t), "u" + i)
                    .atStore("busy", "c").withAmount(2000));
            long exact = eventsIn(t - window, t, every);
            long bound = eventsIn(t - window - stretch, t, every);
            Reason n = reason(d, "N");
            Reason s = reason(d, "S");
            String where = "event " + i + " at " + Duration.ofMillis(t);
            assertTrue(n.value() >= exact && n.value() <= bound, where + ": count " + n.value()
                    + " outside [" + exact + ", " + bound + "]");
            assertTrue(s.value() >= 2000 * exact && s.value() <= 2000 * bound, where + ": sum " + s.value()
                    + " outside [" + 2000 * exact + ", " + 2000 * bound + "]");
            folded |= !n.exact();
            if (!n.exact()) {
                assertTrue(n.detail().contains("at most"), n.detail());
            }
        }
        assertTrue(folded, "the key never reached its bound");
    }

    /** The number of events of a stream with one event every {@code every} ms from 0, in {@code (from, to]}. */
    private static long eventsIn(long from, long to, long every) {
        long first = from < 0 ? 0 : from / every + 1;
        return Math.max(0, to / every - first + 1);
    }

    /**
     * A clerk verifying 90 different customers an hour, at the default 64 entries: the distinct
     * figure is at least 90 once the window is full (before the fix it was at most 64, so a threshold
     * of 80 could never fire) and says "at most".
     */
    @Test
    void aClerkWithMoreDistinctCustomersThanEntriesKeptIsNeverUnderCounted() {
        VelocityEngine e = VelocityEngine.parse(
                "CLERK: distinct identifier of store_verification by clerk over 1h review 80",
                CustomerResolver.none(), VelocityConfig.defaults());
        long every = 40_000; // 90 an hour
        int fired = 0;
        for (long i = 0; i < 6 * 90; i++) {
            long t = i * every;
            RiskDecision d = e.evaluate(RiskEvent.of(EventType.STORE_VERIFICATION, T0.plusMillis(t), "cust" + (i % 150))
                    .atStore("s", "clerk"));
            long exact = eventsIn(t - 3_600_000, t, every); // 150 customers in turn: all distinct within an hour
            if (exact >= 80) {
                assertFalse(d.reasons().isEmpty(), "event " + i + ": the threshold of 80 did not fire, " + exact + " customers");
                Reason r = reason(d, "CLERK");
                assertTrue(r.value() >= exact, "event " + i + ": " + r.value() + " < " + exact);
                assertEquals(Action.REVIEW, r.action());
                if (!r.exact()) {
                    assertTrue(r.detail().contains("at most " + (long) r.value()), r.detail());
                }
                fired++;
            } else {
                assertTrue(d.reasons().isEmpty() || reason(d, "CLERK").value() >= exact);
            }
            if (exact >= 90) {
                assertTrue(reason(d, "CLERK").value() >= 90);
            }
        }
        assertTrue(fired > 400, "fired " + fired);
    }

    /**
     * A regular who redeems every 90 minutes for two weeks, always on the same device: 112 events in
     * each 7-day window, more than the 64 entries kept. Every figure of the distinct rules stays 1
     * and exact, so "distinct identifiers per device" never fires on one person. Before repeats of a
     * value were dropped, the device's entries (one per event) folded into anonymous ones that each
     * counted as several identifiers: the figure passed 2 within the first week.
     */
    @Test
    void aRegularOnOneDeviceIsOneIdentifierNotMany() {
        VelocityEngine e = VelocityEngine.parse("""
                SEEN: distinct identifier of coupon_redemption by device over 7d review 1
                MANY: distinct identifier of coupon_redemption by device over 7d review 2
                DEVICES: distinct device of coupon_redemption by identifier over 7d review 1
                """, CustomerResolver.none(), VelocityConfig.defaults());
        for (int i = 0; i < 14 * 16; i++) {
            RiskDecision d = e.evaluate(RiskEvent.of(EventType.COUPON_REDEMPTION, T0.plus(Duration.ofMinutes(90L * i)), "regular")
                    .withDevice("phone-1"));
            String where = "event " + i;
            assertEquals(2, d.reasons().size(), where + ": " + d.reasons());
            for (String code : new String[] {"SEEN", "DEVICES"}) {
                Reason r = reason(d, code);
                assertEquals(1, r.value(), where + " " + code);
                assertTrue(r.exact(), where + " " + code + ": " + r.detail());
            }
        }
    }

    private record Event(long bucket, long amount, long value) { }

    private enum Stream { STEADY, BURSTY, LATE }

    /**
     * Random steady, bursty and late (within the lateness) streams into a sum, a count and a distinct
     * rule at bounds of 16 to 64 entries, against brute force over every event, for in-order queries
     * and for each late event's own query: sums and counts within [exact, exact over the stretched
     * window], distinct figures at least exact, and the distinct running figure equal to recounting
     * the entries.
     */
    @Test
    void randomStreamsStayWithinTheirBounds() {
        boolean[] distinct = {false, false, true};
        long window = 200;
        int lateness = 4; // buckets; at most this many entries per sum or count rule within the lateness
        Random rnd = new Random(42);
        long checked = 0;
        for (Stream kind : Stream.values()) {
            for (int cap : new int[] {16, 32, 64}) {
                long stretch = (2 * window + cap - lateness - 2) / (cap - 1 - lateness);
                KeyWindows w = new KeyWindows(distinct);
                List<Event> events = new ArrayList<>();
                long newest = 0;
                long clock = 0;
                boolean folded = false;
                for (int step = 0; step < 6_000; step++) {
                    clock += switch (kind) {
                        case STEADY -> 1;
                        case BURSTY -> rnd.nextInt(20) == 0 ? rnd.nextInt(40) : rnd.nextInt(3) == 0 ? 0 : 1; // pauses, then runs
                        case LATE -> rnd.nextInt(3);
                    };
                    long bucket = kind == Stream.LATE && rnd.nextBoolean() ? clock - rnd.nextInt(lateness + 1) : clock;
                    bucket = Math.max(bucket, newest - lateness);
                    newest = Math.max(newest, bucket);
                    // at most three values per bucket, so a distinct rule's entries within the lateness stay under the bound
                    Event ev = new Event(bucket, 1 + rnd.nextInt(100), 2 * (bucket % 97 * 3 + rnd.nextInt(3)));
                    events.add(ev);
                    long horizon = newest - window - lateness;
                    long settled = newest - lateness;
                    w.evictAndAdd(0, horizon, settled, bucket, ev.amount(), cap);
                    w.evictAndAdd(1, horizon, settled, bucket, 1, cap);
                    w.evictAndAdd(2, horizon, settled, bucket, ev.value(), cap);
                    folded |= w.folded(0) && w.folded(2);
                    long keep = newest - window - stretch - lateness;
                    if (step % 100 == 0) {
                        events.removeIf(x -> x.bucket() <= keep);
                    }
                    for (long t : bucket < newest ? new long[] {newest, bucket} : new long[] {newest}) {
                        String where = kind + " cap " + cap + " step " + step + " query at " + t + " newest " + newest;
                        long sum = 0;
                        long count = 0;
                        long sumBound = 0;
                        long countBound = 0;
                        Set<Long> values = new HashSet<>();
                        for (Event x : events) {
                            if (x.bucket() <= t && x.bucket() > t - window - stretch) {
                                sumBound += x.amount();
                                countBound++;
                                if (x.bucket() > t - window) {
                                    sum += x.amount();
                                    count++;
                                    values.add(x.value());
                                }
                            }
                        }
                        long s = w.sum(0, t, window);
                        long n = w.sum(1, t, window);
                        long d = w.distinct(2, t, window);
                        assertTrue(s >= sum && s <= sumBound, where + ": sum " + s + " outside [" + sum + ", " + sumBound + "]");
                        assertTrue(n >= count && n <= countBound, where + ": count " + n + " outside [" + count + ", " + countBound + "]");
                        assertTrue(d >= values.size(), where + ": distinct " + d + " < " + values.size());
                        if (t == newest) {
                            assertEquals(w.distinctBySorting(2, t, window), d, where);
                        }
                        checked++;
                    }
                }
                assertTrue(folded, kind + " cap " + cap + " never folded");
            }
        }
        assertTrue(checked > 50_000);
    }
}
