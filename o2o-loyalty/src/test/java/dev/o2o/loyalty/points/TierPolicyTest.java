package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
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
        ledger.post(Posting.earn("m", 6_000, "o1", Optional.empty()));
        ledger.post(Posting.redeem("m", 5_900, "cart:1"));
        TierPolicy p = TierPolicy.byPoints(TIERS);
        Instant now = clock.instant().plusSeconds(1);
        long q = ledger.qualifyingPoints("m", p.windowStart(now), now);
        assertEquals(6_000, q);
        assertEquals("gold", p.upgrade("m", "base", q, now).orElseThrow().to());
    }

    @Test
    void reviewDowngradesOneTierOrToTheSupportedTier() {
        List<QualifyingActivity> activity = List.of(
                new QualifyingActivity(T0, 21_000, 0),
                new QualifyingActivity(T0.plus(Duration.ofDays(200)), 1_500, 0));
        TierPolicy oneTier = TierPolicy.byPoints(TIERS);
        Instant review = Instant.parse("2027-01-10T00:00:00Z"); // T0 drops out: (review - 12 months, review]
        long q = oneTier.qualifyingValue(activity, review);
        assertEquals(1_500, q);
        assertEquals(22_500, oneTier.qualifyingValue(activity, review.minusSeconds(1)));
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
        assertEquals(900_00, p.qualifyingValue(a, T0.plus(Duration.ofDays(30))));
        assertEquals("base", p.supportedBy(900_00).id());
        assertEquals("vip", p.upgrade("m", "base", p.qualifyingValue(a, T0.plus(Duration.ofDays(15))),
                T0.plus(Duration.ofDays(15))).orElseThrow().to());
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
