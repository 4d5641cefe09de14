package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.test.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierPolicyTest {

    static final List<Tier> TIERS = List.of(new Tier("base", 0, BigDecimal.ONE),
            new Tier("silver", 1_000, new BigDecimal("1.2")), new Tier("gold", 5_000, new BigDecimal("1.5")),
            new Tier("platinum", 20_000, new BigDecimal("2")));
    static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    @Test
    void upgradesAtOnceWhenAThresholdIsCrossed() {
        TierPolicy p = TierPolicy.byPoints(TIERS);
        assertTrue(p.upgrade("m", "base", 999, T0).isEmpty());
        TierChange c = p.upgrade("m", "base", 5_200, T0).orElseThrow();
        assertEquals("gold", c.to());
        assertEquals(TierChange.Reason.THRESHOLD_REACHED, c.reason());
        assertEquals("5200 points in the window reach the threshold 5000 points of gold", c.explanation());
        assertTrue(p.upgrade("m", "gold", 100, T0).isEmpty(), "no downgrade outside a review");
    }

    @Test
    void tiersFollowEarnedPointsNotTheBalance() {
        // Open Loyalty #131: spending points must not cost the tier
        TestClock clock = new TestClock(T0);
        PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), clock);
        ledger.post(Posting.earn(CustomerKey.of("m"), 6_000, "o1", Optional.empty()));
        ledger.post(Posting.redeem(CustomerKey.of("m"), 5_900, "cart:1"));
        TierPolicy p = TierPolicy.byPoints(TIERS);
        Instant now = clock.instant().plusSeconds(1);
        long q = ledger.qualifyingPoints(CustomerKey.of("m"), p.windowStart(now, ZoneOffset.UTC), now);
        assertEquals(6_000, q);
        assertEquals("gold", p.upgrade("m", "base", q, now).orElseThrow().to());
    }

    @Test
    void reviewDowngradesOneTierOrToTheSupportedTier() {
        List<QualifyingActivity> activity = List.of(
                new QualifyingActivity(T0, 21_000, 0),
                new QualifyingActivity(T0.plus(Duration.ofDays(200)), 1_500, 0));
        TierPolicy oneTier = TierPolicy.byPoints(TIERS);
        Instant review = Instant.parse("2027-01-10T00:00:01Z"); // T0 drops out: [review - 12 months, review)
        long q = oneTier.qualifyingValue(activity, review, ZoneOffset.UTC);
        assertEquals(1_500, q);
        assertEquals(22_500, oneTier.qualifyingValue(activity, review.minusSeconds(1), ZoneOffset.UTC));
        TierChange down = oneTier.review("m", "platinum", q, review).orElseThrow();
        assertEquals("gold", down.to());
        assertEquals(TierChange.Reason.REVIEW_DOWNGRADE, down.reason());
        assertEquals("1500 points in the window are below the threshold 20000 points of platinum; down one tier",
                down.explanation());
        TierPolicy toSupported = new TierPolicy(TIERS, TierPolicy.Basis.POINTS, Period.ofMonths(12),
                TierPolicy.Downgrade.TO_SUPPORTED);
        assertEquals("silver", toSupported.review("m", "platinum", q, review).orElseThrow().to());
        assertTrue(toSupported.review("m", "silver", q, review).isEmpty());
        assertEquals("gold", toSupported.review("m", "silver", 5_000, review).orElseThrow().to());
    }

    @Test
    void spendBasisCountsMinorUnitsInTheWindow() {
        TierPolicy p = new TierPolicy(List.of(new Tier("base", 0, BigDecimal.ONE),
                new Tier("vip", 1_000_00, new BigDecimal("1.1"))), TierPolicy.Basis.SPEND, Period.ofMonths(6),
                TierPolicy.Downgrade.ONE_TIER);
        List<QualifyingActivity> a = List.of(new QualifyingActivity(T0, 0, 600_00),
                new QualifyingActivity(T0.plus(Duration.ofDays(10)), 0, 500_00),
                new QualifyingActivity(T0.plus(Duration.ofDays(20)), 0, -200_00));
        assertEquals(900_00, p.qualifyingValue(a, T0.plus(Duration.ofDays(30)), ZoneOffset.UTC));
        assertEquals("base", p.supportedBy(900_00).id());
        assertEquals("vip", p.upgrade("m", "base", p.qualifyingValue(a, T0.plus(Duration.ofDays(15)), ZoneOffset.UTC),
                T0.plus(Duration.ofDays(15))).orElseThrow().to());
    }

    @Test
    void theWindowIsCountedInTheMembersTimeZone() {
        TierPolicy year = TierPolicy.byPoints(TIERS);
        ZoneId shanghai = Member.of(dev.o2o.core.CustomerKey.of("m"), ZoneId.of("Asia/Shanghai")).zone();
        // 2024-02-28T20:00Z is 29 February 04:00 in Shanghai; twelve months earlier there is 28 February
        // 2023 04:00 local (20:00Z on the 27th), while in UTC it is 28 February 2023 20:00Z
        Instant asOf = Instant.parse("2024-02-28T20:00:00Z");
        assertEquals(Instant.parse("2023-02-27T20:00:00Z"), year.windowStart(asOf, shanghai));
        assertEquals(Instant.parse("2023-02-28T20:00:00Z"), year.windowStart(asOf, ZoneOffset.UTC));
        // earned on 28 February 2023 at 18:00 in Shanghai: inside the member's window, outside a UTC one
        List<QualifyingActivity> activity = List.of(
                new QualifyingActivity(Instant.parse("2023-02-28T10:00:00Z"), 1_200, 0),
                new QualifyingActivity(Instant.parse("2024-01-05T10:00:00Z"), 300, 0));
        assertEquals(1_500, year.qualifyingValue(activity, asOf, shanghai));
        assertEquals(300, year.qualifyingValue(activity, asOf, ZoneOffset.UTC));
        assertEquals("silver", year.upgrade("m", "base", year.qualifyingValue(activity, asOf, shanghai), asOf)
                .orElseThrow().to());

        // across a daylight saving change: 1 July 12:00 in Los Angeles (UTC-7) less six months is
        // 1 January 12:00 local (UTC-8), an hour later than the same subtraction in UTC
        TierPolicy half = new TierPolicy(TIERS, TierPolicy.Basis.POINTS, Period.ofMonths(6),
                TierPolicy.Downgrade.ONE_TIER);
        ZoneId la = ZoneId.of("America/Los_Angeles");
        Instant july = Instant.parse("2026-07-01T19:00:00Z");
        assertEquals(Instant.parse("2026-01-01T20:00:00Z"), half.windowStart(july, la));
        assertEquals(Instant.parse("2026-01-01T19:00:00Z"), half.windowStart(july, ZoneOffset.UTC));
        List<QualifyingActivity> newYear = List.of(new QualifyingActivity(Instant.parse("2026-01-01T19:30:00Z"),
                1_000, 0));
        assertEquals(0, half.qualifyingValue(newYear, july, la));
        assertEquals(1_000, half.qualifyingValue(newYear, july, ZoneOffset.UTC));
        assertThrows(NullPointerException.class, () -> half.windowStart(july, null));
    }

    @Test
    void rejectsInconsistentTiers() {
        assertThrows(IllegalArgumentException.class, () -> TierPolicy.byPoints(List.of(new Tier("a", 10,
                BigDecimal.ONE))));
        assertThrows(IllegalArgumentException.class, () -> TierPolicy.byPoints(List.of(new Tier("a", 0,
                BigDecimal.ONE), new Tier("b", 0, BigDecimal.ONE))));
        assertThrows(IllegalArgumentException.class, () -> new Tier("x", 0, new BigDecimal("0.9")));
        assertThrows(IllegalArgumentException.class, () -> TierPolicy.byPoints(TIERS).tier("diamond"));
    }
}
