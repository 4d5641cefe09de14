package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.test.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: one window convention, {@code [from, to)}, for the ledger's qualifying points and
 * the tier policy, tested at both edges.
 */
class QualifyingWindowTest {

    static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    private final TierPolicy policy = new TierPolicy(List.of(new Tier("base", 0, BigDecimal.ONE),
            new Tier("gold", 100, BigDecimal.ONE)), TierPolicy.Basis.POINTS, Period.ofMonths(12),
            TierPolicy.Downgrade.ONE_TIER);

    @Test
    void theTierWindowIncludesItsStartAndExcludesItsEnd() {
        assertEquals(START, policy.windowStart(AS_OF, ZoneOffset.UTC));
        List<QualifyingActivity> activity = List.of(
                new QualifyingActivity(START.minusNanos(1), 1, 0),
                new QualifyingActivity(START, 10, 0),
                new QualifyingActivity(AS_OF.minusNanos(1), 100, 0),
                new QualifyingActivity(AS_OF, 1_000, 0));
        assertEquals(110, policy.qualifyingValue(activity, AS_OF, ZoneOffset.UTC));
    }

    @Test
    void theLedgerAndTheTierPolicyCountTheSameEntries() {
        TestClock clock = new TestClock(START.minusNanos(1));
        PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), clock);
        long[] points = {1, 10, 100, 1_000};
        Instant[] at = {START.minusNanos(1), START, AS_OF.minusNanos(1), AS_OF};
        List<QualifyingActivity> activity = new java.util.ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            clock.set(at[i]);
            ledger.post(Posting.earn(CustomerKey.of("m"), points[i], "o" + i, Optional.empty()));
            activity.add(new QualifyingActivity(at[i], points[i], 0));
        }
        clock.advance(Duration.ofDays(1));
        Instant from = policy.windowStart(AS_OF, ZoneOffset.UTC);
        assertEquals(110, ledger.qualifyingPoints(CustomerKey.of("m"), from, AS_OF));
        assertEquals(ledger.qualifyingPoints(CustomerKey.of("m"), from, AS_OF), policy.qualifyingValue(activity, AS_OF, ZoneOffset.UTC));
        // consecutive windows split the entries without counting one twice
        assertEquals(1_111, ledger.qualifyingPoints(CustomerKey.of("m"), START.minusSeconds(1), START)
                + ledger.qualifyingPoints(CustomerKey.of("m"), START, AS_OF) + ledger.qualifyingPoints(CustomerKey.of("m"), AS_OF, AS_OF.plusSeconds(1)));
    }
}
