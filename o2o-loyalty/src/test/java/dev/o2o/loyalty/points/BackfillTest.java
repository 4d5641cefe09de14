package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.test.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: a posting may carry its own instant (back-fills, replays), validated against the
 * clock: at most {@link BackfillLimits#DEFAULT_MAX_SKEW} after it, at most
 * {@link BackfillLimits#DEFAULT_HORIZON} before it.
 */
class BackfillTest {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), clock);

    @Test
    void aBackFilledEarningTakesItsOwnInstant() {
        Instant lastMonth = NOW.minus(Duration.ofDays(30));
        PostingResult r = ledger.post(Posting.earn(CustomerKey.of("m"), 100, "order:1", Optional.empty()).at(lastMonth));
        assertEquals(PostingResult.Status.POSTED, r.status());
        assertEquals(lastMonth, r.entry().orElseThrow().instant());
        assertEquals(100, ledger.qualifyingPoints(CustomerKey.of("m"), lastMonth, lastMonth.plusSeconds(1)));
        assertEquals(0, ledger.qualifyingPoints(CustomerKey.of("m"), NOW.minusSeconds(1), NOW.plusSeconds(1)));
        assertEquals(100, ledger.balance(CustomerKey.of("m")).available());
        // a replay of the key at another instant repeats the first outcome
        assertEquals(PostingResult.Status.REPLAYED,
                ledger.post(Posting.earn(CustomerKey.of("m"), 100, "order:1", Optional.empty()).at(NOW)).status());
        assertEquals(lastMonth, ledger.store().entries(CustomerKey.of("m")).get(0).instant());
        assertTrue(ledger.check(CustomerKey.of("m")).holds());
    }

    @Test
    void theEdgesOfTheSkewAndTheHorizonAreAcceptedAndBeyondThemRefused() {
        Instant skewEdge = NOW.plus(BackfillLimits.DEFAULT_MAX_SKEW);
        Instant horizonEdge = NOW.minus(BackfillLimits.DEFAULT_HORIZON);
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(Posting.earn(CustomerKey.of("m"), 1, "o:skew", Optional.empty()).at(skewEdge)).status());
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(Posting.earn(CustomerKey.of("m"), 1, "o:horizon", Optional.empty()).at(horizonEdge)).status());
        IllegalArgumentException future = assertThrows(IllegalArgumentException.class,
                () -> ledger.post(Posting.earn(CustomerKey.of("m"), 1, "o:future", Optional.empty()).at(skewEdge.plusNanos(1))));
        assertTrue(future.getMessage().contains("postedAt " + skewEdge.plusNanos(1)), future.getMessage());
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class,
                () -> ledger.postAll(List.of(Posting.redeem(CustomerKey.of("m"), 1, "cart:1"),
                        Posting.earn(CustomerKey.of("m"), 1, "o:old", Optional.empty()).at(horizonEdge.minusNanos(1)))));
        assertTrue(old.getMessage().contains("back-fill horizon"), old.getMessage());
        // the batch was refused as a whole before any transaction
        assertEquals(2, ledger.balance(CustomerKey.of("m")).total());
        // a ledger with a longer horizon takes the old posting
        PointsLedger lenient = PointsLedger.create(ledger.store(), clock,
                new BackfillLimits(Duration.ZERO, Duration.ofDays(400)));
        assertEquals(PostingResult.Status.POSTED,
                lenient.post(Posting.earn(CustomerKey.of("m"), 1, "o:old", Optional.empty()).at(horizonEdge.minusNanos(1))).status());
        assertThrows(IllegalArgumentException.class,
                () -> lenient.post(Posting.earn(CustomerKey.of("m"), 1, "o:late", Optional.empty()).at(NOW.plusNanos(1))));
    }

    @Test
    void aBackFilledRedemptionSeesOnlyLotsSpendableAtItsInstantAndAReversalCannotPrecedeItsOriginal() {
        Instant lastWeek = NOW.minus(Duration.ofDays(7));
        ledger.post(Posting.earn(CustomerKey.of("m"), 50, "order:today", Optional.empty()));
        // the points earned today were not there last week
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS,
                ledger.post(Posting.redeem(CustomerKey.of("m"), 10, "cart:old").at(lastWeek)).status());
        Posting.Earn earn = Posting.earn(CustomerKey.of("m"), 40, "order:old", Optional.empty()).at(lastWeek);
        ledger.post(earn);
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(Posting.redeem(CustomerKey.of("m"), 10, "cart:old2").at(lastWeek.plusSeconds(60))).status());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ledger.post(Posting.reverse(CustomerKey.of("m"), earn.key(), "refund:early").at(lastWeek.minusSeconds(1))));
        assertTrue(e.getMessage().contains("precede"), e.getMessage());
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(Posting.reverse(CustomerKey.of("m"), earn.key(), "refund:ok").at(lastWeek.plusSeconds(120))).status());
        // 50 + 40 - 10, less the 40 reversed (30 left in its own lot, 10 from today's)
        assertEquals(40, ledger.balance(CustomerKey.of("m")).total());
        assertTrue(ledger.check(CustomerKey.of("m")).holds());
    }
}
