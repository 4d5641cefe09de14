package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.test.TestClock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Points of a posting are bounded: a value near {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE} (a unit
 * mistake, an unchecked field of a request) used to overflow the arithmetic of the ledger rather than be
 * refused with a message naming it.
 */
class PostingLimitsTest {

    static final Instant T0 = Instant.parse("2026-05-06T02:00:00Z");
    static final CustomerKey A = CustomerKey.of("a");
    static final long MAX = Posting.MAX_POINTS;

    final LedgerStore store = LedgerStore.inMemory();
    final PointsLedger ledger = PointsLedger.create(store, new TestClock(T0));

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aNegativeAdjustmentOfLongMinValueIsRefusedNotPostedAsNothing() {
        // -Long.MIN_VALUE is Long.MIN_VALUE: the ledger took it as "take nothing" and posted an empty entry
        assertEquals("points of adjustment '****' (3 chars) must be within -" + MAX + ".."
                        + MAX + ": " + Long.MIN_VALUE,
                refused(() -> ledger.post(new Posting.Adjust(A, Long.MIN_VALUE, "t-1", Optional.empty(), "fix"))));
        assertEquals(0, store.entries(A).size());
    }

    @Test
    void hugeEarningsAndRedemptionsAreRefused() {
        // two earnings of Long.MAX_VALUE / 2 + 1 made the balance overflow into a negative number
        long half = Long.MAX_VALUE / 2 + 1;
        assertEquals("points must be within 1.." + MAX + ": " + half,
                refused(() -> Posting.earn(A, half, "o1", Optional.empty())));
        assertEquals("points must be within 1.." + MAX + ": " + Long.MAX_VALUE,
                refused(() -> Posting.redeem(A, Long.MAX_VALUE, "r1")));
        assertEquals("points of adjustment '****' (3 chars) must be within -" + MAX + ".."
                        + MAX + ": " + Long.MAX_VALUE,
                refused(() -> new Posting.Adjust(A, Long.MAX_VALUE, "a-1", Optional.empty(), "fix")));
        // the largest allowed earning posts, and so do many of them without overflow
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(Posting.earn(A, MAX, "o2", Optional.empty())).status());
        assertEquals(MAX, ledger.balance(A).total());
    }
}
