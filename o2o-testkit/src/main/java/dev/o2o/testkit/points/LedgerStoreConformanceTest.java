package dev.o2o.testkit.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.loyalty.points.Balance;
import dev.o2o.loyalty.points.DuplicateKeyException;
import dev.o2o.loyalty.points.EntryDraft;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.loyalty.points.ExpiryRun;
import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.InvariantCheck;
import dev.o2o.loyalty.points.LedgerEntry;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.LinePoints;
import dev.o2o.loyalty.points.Lot;
import dev.o2o.loyalty.points.LotMovement;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of {@link LedgerStore}: the behaviour every store must show under
 * {@link PointsLedger}, including idempotency, remembered rejections, a key's one outcome store-wide
 * (also when two accounts race for it), the limits on ids and notes, failed transactions that leave
 * nothing behind, expiry, reversals, and an 8-thread run whose invariants are checked exactly.
 *
 * <p>To check a store of your own, extend this class in your tests (JUnit 5) and return a fresh,
 * empty store from {@link #newStore()}; o2o runs it on its in-memory store, H2 and PostgreSQL:
 * <pre>{@code
 * class MyLedgerStoreTest extends LedgerStoreConformanceTest {
 *     @Override
 *     protected LedgerStore newStore() {
 *         return new MyLedgerStore(...);
 *     }
 * }
 * }</pre>
 *
 * <p>Each test gets its own store, ledger and clock (starting at {@link #T0}); an instance is used by
 * one test at a time, as JUnit does.
 */
public abstract class LedgerStoreConformanceTest {

    /** The instant every test starts at. */
    protected static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    /** The clock of {@link #ledger}, moved by the tests. */
    protected TestClock clock;
    /** The store under test, fresh for each test. */
    protected LedgerStore store;
    /** A ledger over {@link #store}. */
    protected PointsLedger ledger;

    /** Subclasses supply the store. */
    protected LedgerStoreConformanceTest() {
    }

    /** A new empty store; called once per test. */
    protected abstract LedgerStore newStore();

    /** Operations per thread in the concurrency test (JDBC stores are slower). */
    protected int opsPerThread() {
        return 2_000;
    }

    /** Creates the store, the clock and the ledger of one test. */
    @BeforeEach
    protected void setUp() {
        clock = new TestClock(T0);
        store = newStore();
        ledger = PointsLedger.create(store, clock);
    }

    static Optional<Instant> at(Instant t) {
        return Optional.of(t);
    }

    PostingResult earn(String account, long points, String ref, Instant expiresAt) {
        return ledger.post(Posting.earn(CustomerKey.of(account), points, ref, Optional.ofNullable(expiresAt)));
    }

    void assertInvariant(String account) {
        InvariantCheck c = ledger.check(CustomerKey.of(account));
        assertTrue(c.holds(), "invariant broken: " + c);
    }

    @Test
    void earnCreatesALotAndRaisesTheBalance() {
        PostingResult r = earn("a", 120, "order:1", T0.plus(Duration.ofDays(365)));
        assertEquals(PostingResult.Status.POSTED, r.status());
        LedgerEntry e = r.entry().orElseThrow();
        assertEquals(EntryType.EARN, e.type());
        assertEquals(120, e.points());
        assertEquals(IdempotencyKey.of(EntryType.EARN, "order:1"), e.key());
        assertEquals(T0, e.instant());
        assertEquals(List.of(new LotMovement(e.id(), 120)), e.movements());
        List<Lot> lots = store.lots(CustomerKey.of("a"));
        assertEquals(1, lots.size());
        assertEquals(new Lot(e.id(), CustomerKey.of("a"), 120, 120, T0, T0, at(T0.plus(Duration.ofDays(365)))), lots.get(0));
        assertEquals(new Balance(120, 120, 0, 0), ledger.balance(CustomerKey.of("a")));
        assertEquals(120, store.balance(CustomerKey.of("a")));
        assertEquals(List.of(e), store.entries(CustomerKey.of("a")));
        assertEquals(Optional.of(e), store.entryByKey(IdempotencyKey.of(EntryType.EARN, "order:1")));
        assertInvariant("a");
    }

    @Test
    void redeemConsumesEarliestExpiryFirstAndRecordsTheLots() {
        long late = earn("a", 50, "o1", T0.plus(Duration.ofDays(300))).entry().orElseThrow().id();
        long never = earn("a", 40, "o2", null).entry().orElseThrow().id();
        long early = earn("a", 30, "o3", T0.plus(Duration.ofDays(30))).entry().orElseThrow().id();
        PostingResult r = ledger.post(Posting.redeem(CustomerKey.of("a"), 70, "cart:9"));
        assertEquals(PostingResult.Status.POSTED, r.status());
        LedgerEntry e = r.entry().orElseThrow();
        assertEquals(-70, e.points());
        assertEquals(List.of(new LotMovement(early, -30), new LotMovement(late, -40)), e.movements());
        assertEquals(50, ledger.balance(CustomerKey.of("a")).available());
        Map<Long, Long> remaining = remaining("a");
        assertEquals(0L, remaining.get(early));
        assertEquals(10L, remaining.get(late));
        assertEquals(40L, remaining.get(never));
        // never-expiring lots are spent last
        LedgerEntry e2 = ledger.post(Posting.redeem(CustomerKey.of("a"), 20, "cart:10")).entry().orElseThrow();
        assertEquals(List.of(new LotMovement(late, -10), new LotMovement(never, -10)), e2.movements());
        assertInvariant("a");
    }

    Map<Long, Long> remaining(String account) {
        Map<Long, Long> m = new HashMap<>();
        for (Lot l : store.lots(CustomerKey.of(account))) {
            m.put(l.id(), l.remaining());
        }
        return m;
    }

    @Test
    void redeemingMoreThanTheBalanceIsRejectedAndChangesNothing() {
        earn("a", 100, "o1", null);
        PostingResult r = ledger.post(Posting.redeem(CustomerKey.of("a"), 101, "cart:1"));
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, r.status());
        assertTrue(r.entry().isEmpty());
        assertEquals(100, store.balance(CustomerKey.of("a")));
        assertEquals(1, store.entries(CustomerKey.of("a")).size());
        // the rejection is the first outcome of the key: after earning more, the retry is still refused
        earn("a", 1, "o2", null);
        List<LedgerEntry> entries = store.entries(CustomerKey.of("a"));
        PostingResult retry = ledger.post(Posting.redeem(CustomerKey.of("a"), 101, "cart:1"));
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, retry.status());
        assertEquals(r.message(), retry.message());
        assertTrue(retry.entry().isEmpty());
        assertEquals(101, store.balance(CustomerKey.of("a")));
        assertEquals(entries, store.entries(CustomerKey.of("a")));
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS,
                store.rejectionByKey(IdempotencyKey.of(EntryType.REDEEM, "cart:1")).orElseThrow().status());
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS,
                ledger.postAll(List.of(Posting.redeem(CustomerKey.of("a"), 101, "cart:1"))).get(0).status(), "batched retry");
        // the same key on another account is a conflict, not a replay of someone else's rejection
        assertEquals(PostingResult.Status.KEY_CONFLICT, ledger.post(Posting.redeem(CustomerKey.of("b"), 1, "cart:1")).status());
        // a new key is a new posting
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem(CustomerKey.of("a"), 101, "cart:2")).status());
        assertEquals(0, store.balance(CustomerKey.of("a")));
        assertInvariant("a");
    }

    /** The outcome style shared with the coupon store (#23): isSuccess, replayed, reason, message, the record. */
    @Test
    void outcomesSayWhetherTheyAreReplaysOfTheKeysFirstOutcomeWithTheReasonAndMessage() {
        CustomerKey a = CustomerKey.of("a");
        PostingResult posted = ledger.post(Posting.earn(a, 10, "o1", Optional.empty()));
        assertTrue(posted.isSuccess());
        assertFalse(posted.replayed());
        assertEquals(Optional.empty(), posted.reason());
        assertEquals(10, posted.entry().orElseThrow().points());
        PostingResult again = ledger.post(Posting.earn(a, 10, "o1", Optional.empty()));
        assertTrue(again.isSuccess());
        assertTrue(again.replayed());
        assertEquals(Optional.empty(), again.reason());
        assertEquals(posted.entry(), again.entry());

        PostingResult refused = ledger.post(Posting.redeem(a, 11, "cart:1"));
        assertFalse(refused.isSuccess());
        assertFalse(refused.replayed());
        assertEquals(Optional.of(PostingResult.Status.INSUFFICIENT_POINTS), refused.reason());
        assertEquals(Optional.empty(), refused.entry());
        ledger.post(Posting.earn(a, 5, "o2", Optional.empty()));
        // the same key again: the remembered refusal, flagged as a replay, with its first message
        PostingResult retried = ledger.post(Posting.redeem(a, 11, "cart:1"));
        assertFalse(retried.isSuccess());
        assertTrue(retried.replayed());
        assertEquals(refused.reason(), retried.reason());
        assertEquals(refused.message(), retried.message());
        assertEquals(15, store.balance(a));
        // a conflict is never remembered, so never a replay
        PostingResult conflict = ledger.post(Posting.redeem(CustomerKey.of("b"), 1, "cart:1"));
        assertEquals(Optional.of(PostingResult.Status.KEY_CONFLICT), conflict.reason());
        assertFalse(conflict.replayed());
    }

    @Test
    void rejectedReversalsAreRememberedByKey() {
        Posting.Earn earn = Posting.earn(CustomerKey.of("a"), 10, "o1", Optional.empty());
        // the refund arrives before the order: ORIGINAL_NOT_FOUND is its first outcome
        assertEquals(PostingResult.Status.ORIGINAL_NOT_FOUND, ledger.post(Posting.reverse(CustomerKey.of("a"), earn.key(), "r1")).status());
        ledger.post(earn);
        assertEquals(PostingResult.Status.ORIGINAL_NOT_FOUND, ledger.post(Posting.reverse(CustomerKey.of("a"), earn.key(), "r1")).status());
        assertEquals(10, store.balance(CustomerKey.of("a")));
        // NOTHING_TO_REVERSE is remembered as well
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "r2", 1, 2, "")).status());
        assertEquals(PostingResult.Status.NOTHING_TO_REVERSE,
                ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "r3", 1, 2, "")).status());
        assertEquals(PostingResult.Status.NOTHING_TO_REVERSE,
                ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "r3", 2, 2, "")).status(), "retry with a larger share");
        assertEquals(5, store.balance(CustomerKey.of("a")));
        assertEquals(PostingResult.Status.POSTED, ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "r4", 2, 2, "")).status());
        assertEquals(0, store.balance(CustomerKey.of("a")));
        assertInvariant("a");
    }

    @Test
    void aRejectionRecordedInAFailedTransactionIsUndoneAndKeysStayUnique() {
        earn("a", 10, "o1", null);
        SortedSet<CustomerKey> a = new TreeSet<>(List.of(CustomerKey.of("a")));
        assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> {
            tx.recordRejection(new LedgerStore.Rejection(CustomerKey.of("a"), EntryType.REDEEM, "cart:9",
                    PostingResult.Status.INSUFFICIENT_POINTS, "no"));
            throw new IllegalStateException("boom");
        }));
        assertTrue(store.rejectionByKey(IdempotencyKey.of(EntryType.REDEEM, "cart:9")).isEmpty());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem(CustomerKey.of("a"), 4, "cart:9")).status());
        // a key with an entry cannot also get a rejection, nor a rejected key an entry
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(a, tx -> {
            tx.recordRejection(new LedgerStore.Rejection(CustomerKey.of("a"), EntryType.REDEEM, "cart:9",
                    PostingResult.Status.INSUFFICIENT_POINTS, "no"));
            return null;
        }));
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, ledger.post(Posting.redeem(CustomerKey.of("a"), 99, "cart:10")).status());
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(a, tx -> {
            tx.recordRejection(new LedgerStore.Rejection(CustomerKey.of("a"), EntryType.REDEEM, "cart:10",
                    PostingResult.Status.INSUFFICIENT_POINTS, "again"));
            return null;
        }));
        assertThrows(IllegalArgumentException.class, () -> new LedgerStore.Rejection(CustomerKey.of("a"), EntryType.REDEEM, "x",
                PostingResult.Status.POSTED, "no"));
        assertEquals(6, store.balance(CustomerKey.of("a")));
        assertInvariant("a");
    }

    @Test
    void everyOperationRetriedWithTheSameKeyChangesNothing() {
        Posting earn = Posting.earn(CustomerKey.of("a"), 100, "o1", at(T0.plus(Duration.ofDays(90))));
        Posting redeem = Posting.redeem(CustomerKey.of("a"), 30, "cart:1");
        Posting adjustUp = new Posting.Adjust(CustomerKey.of("a"), 15, "ticket:1", Optional.empty(), "goodwill");
        Posting adjustDown = new Posting.Adjust(CustomerKey.of("a"), -5, "ticket:2", Optional.empty(), "correction");
        Posting reverse = new Posting.Reverse(CustomerKey.of("a"), redeem.key(), "refund:1", 1, 2, "");
        List<Posting> all = List.of(earn, redeem, adjustUp, adjustDown, reverse);
        List<LedgerEntry> first = new ArrayList<>();
        for (Posting p : all) {
            PostingResult r = ledger.post(p);
            assertEquals(PostingResult.Status.POSTED, r.status(), p.toString());
            first.add(r.entry().orElseThrow());
        }
        long balance = store.balance(CustomerKey.of("a"));
        assertEquals(100 - 30 + 15 - 5 + 15, balance);
        List<LedgerEntry> entries = store.entries(CustomerKey.of("a"));
        List<Lot> lots = store.lots(CustomerKey.of("a"));
        clock.advance(Duration.ofHours(3));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < all.size(); i++) {
                PostingResult r = ledger.post(all.get(i));
                assertEquals(PostingResult.Status.REPLAYED, r.status(), all.get(i).toString());
                assertEquals(first.get(i), r.entry().orElseThrow());
            }
            // batched retries too
            for (PostingResult r : ledger.postAll(all)) {
                assertEquals(PostingResult.Status.REPLAYED, r.status());
            }
        }
        // a retry with different content still answers with the first result
        PostingResult changed = ledger.post(Posting.earn(CustomerKey.of("a"), 999, "o1", Optional.empty()));
        assertEquals(PostingResult.Status.REPLAYED, changed.status());
        assertEquals(100, changed.points());
        assertEquals(balance, store.balance(CustomerKey.of("a")));
        assertEquals(entries, store.entries(CustomerKey.of("a")));
        assertEquals(lots, store.lots(CustomerKey.of("a")));
        assertInvariant("a");
    }

    @Test
    void aKeyUsedByAnotherAccountIsAConflict() {
        earn("a", 10, "o1", null);
        PostingResult r = earn("b", 10, "o1", null);
        assertEquals(PostingResult.Status.KEY_CONFLICT, r.status());
        assertEquals(0, store.balance(CustomerKey.of("b")));
    }

    @Test
    void theStoreRefusesADuplicateKey() {
        earn("a", 10, "o1", null);
        SortedSet<CustomerKey> b = new TreeSet<>(List.of(CustomerKey.of("b")));
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(b, tx -> tx.append(new EntryDraft(CustomerKey.of("b"),
                EntryType.EARN, "o1", T0, OptionalLong.empty(), 0, "", List.of(), 5, T0,
                Optional.empty()))));
        assertEquals(0, store.balance(CustomerKey.of("b")));
        assertTrue(store.lots(CustomerKey.of("b")).isEmpty());
    }

    @Test
    void aTransactionThatFailsLeavesNothingBehind() {
        earn("a", 10, "o1", null);
        SortedSet<CustomerKey> a = new TreeSet<>(List.of(CustomerKey.of("a")));
        assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> {
            tx.append(new EntryDraft(CustomerKey.of("a"), EntryType.EARN, "o2", T0, OptionalLong.empty(), 0, "", List.of(),
                    7, T0, Optional.empty()));
            throw new IllegalStateException("boom");
        }));
        assertEquals(10, store.balance(CustomerKey.of("a")));
        assertEquals(1, store.entries(CustomerKey.of("a")).size());
        assertEquals(1, store.lots(CustomerKey.of("a")).size());
        assertTrue(store.entryByKey(IdempotencyKey.of(EntryType.EARN, "o2")).isEmpty());
        // the key is free again
        assertEquals(PostingResult.Status.POSTED, earn("a", 7, "o2", null).status());
        assertInvariant("a");
    }

    @Test
    void theStoreRefusesToOverdrawALot() {
        long lot = earn("a", 10, "o1", null).entry().orElseThrow().id();
        SortedSet<CustomerKey> a = new TreeSet<>(List.of(CustomerKey.of("a")));
        assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> tx.append(new EntryDraft(CustomerKey.of("a"),
                EntryType.REDEEM, "x", T0, OptionalLong.empty(), 0, "", List.of(new LotMovement(lot, -11)),
                0, T0, Optional.empty()))));
        assertEquals(10, store.balance(CustomerKey.of("a")));
        assertInvariant("a");
    }

    @Test
    void expiryRunExpiresDueLotsEarliestFirstAndOnlyOnce() {
        Instant d30 = T0.plus(Duration.ofDays(30));
        Instant d60 = T0.plus(Duration.ofDays(60));
        long a1 = earn("a", 100, "o1", d30).entry().orElseThrow().id();
        long a2 = earn("a", 50, "o2", d60).entry().orElseThrow().id();
        earn("a", 20, "o3", null);
        earn("b", 5, "o4", d30);
        ledger.post(Posting.redeem(CustomerKey.of("a"), 40, "cart:1")); // from a1 (earliest)
        clock.set(d30.minusSeconds(1));
        assertEquals(new Balance(130, 130, 0, 0), ledger.balance(CustomerKey.of("a")));
        assertEquals(0, ledger.expire(d30.minusSeconds(1)).entries());
        clock.set(d30);
        assertEquals(new Balance(130, 70, 0, 60), ledger.balance(CustomerKey.of("a")));
        // lots at their expiry instant are not spendable
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, ledger.post(Posting.redeem(CustomerKey.of("a"), 71, "cart:2")).status());
        ExpiryRun run = ledger.expire(d30);
        assertEquals(2, run.entries());
        assertEquals(65, run.points());
        assertEquals(70, store.balance(CustomerKey.of("a")));
        assertEquals(0, store.balance(CustomerKey.of("b")));
        LedgerEntry expired = store.entries(CustomerKey.of("a")).get(store.entries(CustomerKey.of("a")).size() - 1);
        assertEquals(EntryType.EXPIRE, expired.type());
        assertEquals(List.of(new LotMovement(a1, -60)), expired.movements());
        assertEquals(0, ledger.expire(d30).entries());
        clock.set(d30.plusSeconds(5));
        assertEquals(0, ledger.expire(d30.plusSeconds(5)).entries());
        clock.set(d60.plus(DAY));
        run = ledger.expire(clock.instant());
        assertEquals(1, run.entries());
        assertEquals(50, run.points());
        assertEquals(0L, remaining("a").get(a2));
        assertEquals(new Balance(20, 20, 0, 0), ledger.balance(CustomerKey.of("a")));
        assertInvariant("a");
        assertInvariant("b");
    }

    /**
     * An expiry run never expires a lot before its expiry: a nightly job passing the end of today while
     * it is still today used to take customers' spendable points early, in entries dated before the
     * lots' expiry. An instant after the clock is refused and nothing changes.
     */
    @Test
    void anExpiryRunRefusesAnInstantAfterTheClock() {
        earn("a", 100, "o1", T0.plus(DAY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ledger.expire(T0.plus(Duration.ofDays(2))));
        assertEquals("upTo 2026-01-12T00:00:00Z of an expiry run is after the clock's instant 2026-01-10T00:00:00Z:"
                + " lots would expire before their expiry", e.getMessage());
        assertEquals(new Balance(100, 100, 0, 0), ledger.balance(CustomerKey.of("a")));
        assertEquals(1, store.entries(CustomerKey.of("a")).size());
        clock.set(T0.plus(DAY));
        assertEquals(100, ledger.expire(T0.plus(DAY)).points());
    }

    @Test
    void reversingARedemptionRestoresExactlyTheLotsItUsed() {
        Instant d10 = T0.plus(Duration.ofDays(10));
        Instant d100 = T0.plus(Duration.ofDays(100));
        long l1 = earn("a", 30, "o1", d10).entry().orElseThrow().id();
        long l2 = earn("a", 100, "o2", d100).entry().orElseThrow().id();
        Posting.Redeem redeem = Posting.redeem(CustomerKey.of("a"), 80, "cart:1");
        ledger.post(redeem);
        earn("a", 10, "o3", T0.plus(Duration.ofDays(5))); // a newer lot with an earlier expiry
        PostingResult r = ledger.post(Posting.reverse(CustomerKey.of("a"), redeem.key(), "refund:1"));
        assertEquals(PostingResult.Status.POSTED, r.status());
        LedgerEntry e = r.entry().orElseThrow();
        assertEquals(80, e.points());
        assertEquals(EntryType.REVERSE, e.type());
        assertEquals(OptionalLong.of(store.entryByKey(redeem.key()).orElseThrow().id()), e.reverses());
        assertEquals(List.of(new LotMovement(l2, 50), new LotMovement(l1, 30)), e.movements());
        assertEquals(30L, remaining("a").get(l1));
        assertEquals(100L, remaining("a").get(l2));
        assertEquals(PostingResult.Status.NOTHING_TO_REVERSE,
                ledger.post(Posting.reverse(CustomerKey.of("a"), redeem.key(), "refund:2")).status());
        assertInvariant("a");
    }

    @Test
    void pointsRestoredIntoAnExpiredLotExpireAtTheNextRun() {
        Instant d10 = T0.plus(Duration.ofDays(10));
        long lot = earn("a", 50, "o1", d10).entry().orElseThrow().id();
        Posting.Redeem redeem = Posting.redeem(CustomerKey.of("a"), 20, "cart:1");
        ledger.post(redeem);
        clock.set(d10);
        assertEquals(30, ledger.expire(d10).points());
        clock.set(d10.plus(DAY));
        assertEquals(20, ledger.post(Posting.reverse(CustomerKey.of("a"), redeem.key(), "refund:1")).points());
        assertEquals(new Balance(20, 0, 0, 20), ledger.balance(CustomerKey.of("a")));
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, ledger.post(Posting.redeem(CustomerKey.of("a"), 1, "cart:2")).status());
        ExpiryRun run = ledger.expire(clock.instant());
        assertEquals(1, run.entries());
        assertEquals(20, run.points());
        assertEquals(0L, remaining("a").get(lot));
        assertEquals(0, store.balance(CustomerKey.of("a")));
        assertInvariant("a");
    }

    @Test
    void partialRefundsReverseEarningsProportionally() {
        // an order of 90.00 earned 100 points; refunds of 30.00 then 30.00 then the rest
        Posting.Earn earn = Posting.earn(CustomerKey.of("a"), 100, "order:7", Optional.empty());
        ledger.post(earn);
        PostingResult r1 = ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "refund:7a", 3000, 9000, ""));
        assertEquals(-33, r1.points()); // floor(100 * 1/3)
        PostingResult r2 = ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "refund:7b", 6000, 9000, ""));
        assertEquals(-33, r2.points()); // floor(100 * 2/3) - 33
        assertEquals(34, store.balance(CustomerKey.of("a")));
        PostingResult r3 = ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "refund:7c", 9000, 9000, ""));
        assertEquals(-34, r3.points());
        assertEquals(0, store.balance(CustomerKey.of("a")));
        assertEquals(PostingResult.Status.NOTHING_TO_REVERSE,
                ledger.post(new Posting.Reverse(CustomerKey.of("a"), earn.key(), "refund:7d", 9000, 9000, "")).status());
        assertEquals(0, ledger.qualifyingPoints(CustomerKey.of("a"), T0, T0.plus(DAY)));
        assertInvariant("a");
    }

    @Test
    void partialRefundOfAPointsPaymentRestoresLatestExpiryFirst() {
        long l1 = earn("a", 60, "o1", T0.plus(Duration.ofDays(10))).entry().orElseThrow().id();
        long l2 = earn("a", 60, "o2", T0.plus(Duration.ofDays(20))).entry().orElseThrow().id();
        Posting.Redeem redeem = Posting.redeem(CustomerKey.of("a"), 100, "cart:1"); // 60 from l1, 40 from l2
        ledger.post(redeem);
        LedgerEntry half = ledger.post(new Posting.Reverse(CustomerKey.of("a"), redeem.key(), "refund:1", 1, 2, "")).entry()
                .orElseThrow();
        assertEquals(List.of(new LotMovement(l2, 40), new LotMovement(l1, 10)), half.movements());
        LedgerEntry rest = ledger.post(new Posting.Reverse(CustomerKey.of("a"), redeem.key(), "refund:2", 2, 2, "")).entry()
                .orElseThrow();
        assertEquals(List.of(new LotMovement(l1, 50)), rest.movements());
        assertEquals(60L, remaining("a").get(l1));
        assertEquals(60L, remaining("a").get(l2));
        assertInvariant("a");
    }

    @Test
    void reversingSpentEarningsNeverGoesNegativeAndRecordsTheShortfall() {
        Posting.Earn earn = Posting.earn(CustomerKey.of("a"), 100, "order:1", Optional.empty());
        ledger.post(earn);
        earn("a", 10, "order:2", null);
        ledger.post(Posting.redeem(CustomerKey.of("a"), 95, "cart:1"));
        PostingResult r = ledger.post(Posting.reverse(CustomerKey.of("a"), earn.key(), "cancel:1"));
        assertEquals(PostingResult.Status.POSTED, r.status());
        LedgerEntry e = r.entry().orElseThrow();
        assertEquals(-15, e.points());
        assertEquals(85, e.shortfall());
        assertEquals(0, store.balance(CustomerKey.of("a")));
        assertEquals(10, ledger.qualifyingPoints(CustomerKey.of("a"), T0, T0.plus(DAY)));
        assertInvariant("a");
    }

    @Test
    void reversalsAreCheckedAgainstTheOriginal() {
        assertEquals(PostingResult.Status.ORIGINAL_NOT_FOUND,
                ledger.post(Posting.reverse(CustomerKey.of("a"), IdempotencyKey.of(EntryType.EARN, "nothing"), "r1")).status());
        Posting.Earn earn = Posting.earn(CustomerKey.of("a"), 10, "o1", Optional.empty());
        ledger.post(earn);
        assertEquals(PostingResult.Status.ORIGINAL_NOT_FOUND,
                ledger.post(Posting.reverse(CustomerKey.of("b"), earn.key(), "r2")).status());
        PostingResult rev = ledger.post(Posting.reverse(CustomerKey.of("a"), earn.key(), "r3"));
        assertEquals(PostingResult.Status.NOT_REVERSIBLE,
                ledger.post(Posting.reverse(CustomerKey.of("a"), rev.entry().orElseThrow().key(), "r4")).status());
        assertThrows(IllegalArgumentException.class, () -> new Posting.Reverse(CustomerKey.of("a"), earn.key(), "r5", 0, 3, ""));
        assertThrows(IllegalArgumentException.class, () -> new Posting.Reverse(CustomerKey.of("a"), earn.key(), "r5", 4, 3, ""));
    }

    @Test
    void pendingPointsAreNotSpendableUntilTheReturnPeriodEnds() {
        Instant d7 = T0.plus(Duration.ofDays(7));
        Posting.Earn pending = new Posting.Earn(CustomerKey.of("a"), 80, "order:1", at(d7), at(T0.plus(Duration.ofDays(365))), "");
        ledger.post(pending);
        earn("a", 20, "order:0", null);
        assertEquals(new Balance(100, 20, 80, 0), ledger.balance(CustomerKey.of("a")));
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, ledger.post(Posting.redeem(CustomerKey.of("a"), 21, "cart:1")).status());
        clock.set(d7);
        assertEquals(new Balance(100, 100, 0, 0), ledger.balance(CustomerKey.of("a")));
        // cart:1 was refused first and stays refused; the same cart paid again is a new posting
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, ledger.post(Posting.redeem(CustomerKey.of("a"), 90, "cart:1")).status());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem(CustomerKey.of("a"), 90, "cart:1b")).status());
        assertThrows(IllegalArgumentException.class,
                () -> new Posting.Earn(CustomerKey.of("a"), 1, "x", at(d7), at(d7), ""));
        assertInvariant("a");
    }

    @Test
    void adjustmentsAddALotOrTakeFromAnyLot() {
        PostingResult up = ledger.post(new Posting.Adjust(CustomerKey.of("a"), 40, "ticket:1", Optional.empty(), "goodwill"));
        assertEquals(1, store.lots(CustomerKey.of("a")).size());
        assertEquals(40, up.points());
        Posting.Earn pending = new Posting.Earn(CustomerKey.of("a"), 10, "order:1", at(T0.plus(DAY)), Optional.empty(), "");
        ledger.post(pending);
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS,
                ledger.post(new Posting.Adjust(CustomerKey.of("a"), -51, "ticket:2", Optional.empty(), "fraud")).status());
        assertEquals(-50, ledger.post(new Posting.Adjust(CustomerKey.of("a"), -50, "ticket:2b", Optional.empty(), "fraud")).points());
        assertEquals(0, store.balance(CustomerKey.of("a")));
        assertThrows(IllegalArgumentException.class,
                () -> new Posting.Adjust(CustomerKey.of("a"), 5, "ticket:3", Optional.empty(), " "));
        assertInvariant("a");
    }

    @Test
    void batchedPostingsApplyInOrderAcrossAccounts() {
        List<Posting> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(Posting.earn(CustomerKey.of("acct-" + (i % 4)), 10, "o" + i, Optional.empty()));
        }
        batch.add(Posting.redeem(CustomerKey.of("acct-1"), 45, "cart:1"));
        batch.add(Posting.redeem(CustomerKey.of("acct-2"), 51, "cart:2"));
        List<PostingResult> results = ledger.postAll(batch);
        assertEquals(22, results.size());
        assertTrue(results.subList(0, 20).stream().allMatch(r -> r.status() == PostingResult.Status.POSTED));
        assertEquals(PostingResult.Status.POSTED, results.get(20).status());
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, results.get(21).status());
        assertEquals(5, store.balance(CustomerKey.of("acct-1")));
        assertEquals(50, store.balance(CustomerKey.of("acct-2")));
        assertEquals(new TreeSet<>(List.of(CustomerKey.of("acct-0"), CustomerKey.of("acct-1"), CustomerKey.of("acct-2"), CustomerKey.of("acct-3"))), store.accounts());
        for (CustomerKey acct : store.accounts()) {
            assertInvariant(acct.value());
        }
    }

    @Test
    void qualifyingPointsCountEarningsNotTheBalance() {
        earn("a", 1000, "o1", null);
        ledger.post(Posting.redeem(CustomerKey.of("a"), 900, "cart:1"));
        clock.advance(Duration.ofDays(40));
        earn("a", 200, "o2", null);
        assertEquals(300, store.balance(CustomerKey.of("a")));
        assertEquals(1200, ledger.qualifyingPoints(CustomerKey.of("a"), T0, clock.instant().plusSeconds(1)));
        assertEquals(200, ledger.qualifyingPoints(CustomerKey.of("a"), T0.plus(DAY), clock.instant().plusSeconds(1)));
    }

    /**
     * Issue 14 item 7: the same key posted on two accounts at the same moment, refused on one (no
     * points) and fine on the other, has exactly one outcome in the whole store; each caller's retry
     * answers what the store holds.
     */
    @Test
    void oneKeyOnTwoAccountsAtOnceHasOneOutcomeStoreWide() throws Exception {
        earn("rich", 1_000_000, "funds", null);
        int rounds = raceRounds();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < rounds; i++) {
                String ref = "cart:race-" + i;
                CyclicBarrier together = new CyclicBarrier(2);
                Future<PostingResult> poor = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return ledger.post(Posting.redeem(CustomerKey.of("poor"), 5, ref));
                });
                Future<PostingResult> rich = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return ledger.post(Posting.redeem(CustomerKey.of("rich"), 5, ref));
                });
                PostingResult p = poor.get(60, TimeUnit.SECONDS);
                PostingResult r = rich.get(60, TimeUnit.SECONDS);
                IdempotencyKey key = IdempotencyKey.of(EntryType.REDEEM, ref);
                Optional<LedgerEntry> entry = store.entryByKey(key);
                Optional<LedgerStore.Rejection> rejection = store.rejectionByKey(key);
                assertTrue(entry.isPresent() != rejection.isPresent(),
                        "round " + i + ": one outcome, not " + entry + " and " + rejection);
                if (entry.isPresent()) {
                    assertEquals(PostingResult.Status.POSTED, r.status(), "round " + i);
                    assertEquals(PostingResult.Status.KEY_CONFLICT, p.status(), "round " + i);
                    assertEquals(PostingResult.Status.KEY_CONFLICT, ledger.post(Posting.redeem(CustomerKey.of("poor"), 5, ref)).status());
                    assertEquals(PostingResult.Status.REPLAYED, ledger.post(Posting.redeem(CustomerKey.of("rich"), 5, ref)).status());
                } else {
                    assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, p.status(), "round " + i);
                    assertEquals(PostingResult.Status.KEY_CONFLICT, r.status(), "round " + i);
                    assertEquals(PostingResult.Status.INSUFFICIENT_POINTS,
                            ledger.post(Posting.redeem(CustomerKey.of("poor"), 5, ref)).status(), "the retry answers the first outcome");
                    assertEquals(PostingResult.Status.KEY_CONFLICT, ledger.post(Posting.redeem(CustomerKey.of("rich"), 5, ref)).status());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertInvariant("rich");
        assertEquals(0, store.balance(CustomerKey.of("poor")));
        assertTrue(store.entries(CustomerKey.of("poor")).isEmpty());
    }

    /** Rounds of {@link #oneKeyOnTwoAccountsAtOnceHasOneOutcomeStoreWide} (JDBC stores are slower). */
    protected int raceRounds() {
        return 300;
    }

    /**
     * Issue 14 items 3 and 11: the limits the JDBC schema has (ids up to 200 characters, notes up to
     * 500, no NUL, well-formed Unicode) hold in every store because postings, drafts and rejections
     * refuse anything else before a store is called; values at the limits round-trip exactly.
     */
    @Test
    void limitsHoldInEveryStoreAndValuesAtTheLimitsRoundTripExactly() {
        String longId = "会".repeat(Ids.MAX_LENGTH);
        String note = "n\u00e9\n".repeat(Posting.MAX_NOTE / 3) + "xy";
        assertEquals(Posting.MAX_NOTE, note.length());
        String emoji = "acct-\uD83D\uDE00";
        LedgerEntry e = ledger.post(new Posting.Earn(CustomerKey.of(longId), 10, longId, Optional.empty(), Optional.empty(), note))
                .entry().orElseThrow();
        assertEquals(List.of(e), store.entries(CustomerKey.of(longId)));
        assertEquals(note, store.entryByKey(IdempotencyKey.of(EntryType.EARN, longId)).orElseThrow().note());
        assertEquals(PostingResult.Status.POSTED, earn(emoji, 7, "o1", null).status());
        assertEquals(7, store.balance(CustomerKey.of(emoji)));
        assertEquals(0, store.balance(CustomerKey.of("acct-\uD83D\uDE01")), "ids differing in a supplementary character stay apart");

        String tooLong = "x".repeat(Ids.MAX_LENGTH + 1);
        for (String bad : new String[] {tooLong, "bob\uD800", "\uDC00bob", "bo\u0000b", " bob", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Posting.earn(CustomerKey.of(bad), 1, "o9", Optional.empty()), bad);
            assertThrows(IllegalArgumentException.class, () -> Posting.redeem(CustomerKey.of("a"), 1, bad), bad);
            assertThrows(IllegalArgumentException.class, () -> new EntryDraft(CustomerKey.of(bad), EntryType.EARN, "o9", T0,
                    OptionalLong.empty(), 0, "", List.of(), 1, T0, Optional.empty()), bad);
        }
        for (String badNote : new String[] {"x".repeat(Posting.MAX_NOTE + 1), "a\u0000b", "a\uD800"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new Posting.Earn(CustomerKey.of("a"), 1, "o9", Optional.empty(), Optional.empty(), badNote));
            assertThrows(IllegalArgumentException.class, () -> new Posting.Redeem(CustomerKey.of("a"), 1, "o9", badNote));
            assertThrows(IllegalArgumentException.class, () -> new EntryDraft(CustomerKey.of("a"), EntryType.EARN, "o9", T0,
                    OptionalLong.empty(), 0, badNote, List.of(), 1, T0, Optional.empty()));
        }
        assertThrows(IllegalArgumentException.class, () -> new LedgerStore.Rejection(CustomerKey.of("a"), EntryType.REDEEM, "o9",
                PostingResult.Status.INSUFFICIENT_POINTS, "m".repeat(LedgerStore.Rejection.MAX_MESSAGE + 1)));
        // the message of a refused id names the field and does not repeat the value
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> Posting.earn(CustomerKey.of("13812345678\uD800"), 1, "o9", Optional.empty()));
        assertTrue(m.getMessage().startsWith("customer key ") && !m.getMessage().contains("13812345678"), m.getMessage());
        assertTrue(store.entries(CustomerKey.of("a")).isEmpty());
        assertInvariant(longId);
    }

    /**
     * Issue 14 item 13: when one account's expiry transaction fails, the run goes on and reports what
     * it committed and the failure, not nothing.
     */
    @Test
    void expiryReportsWhatItCommittedAndTheAccountsThatFailed() {
        Instant d30 = T0.plus(Duration.ofDays(30));
        earn("a", 100, "o1", d30);
        earn("b", 40, "o2", d30);
        earn("c", 5, "o3", d30);
        IllegalStateException boom = new IllegalStateException("connection lost");
        LedgerStore failingOnB = new FailingStore(store, CustomerKey.of("b"), boom);
        clock.set(d30);
        ExpiryRun run = PointsLedger.create(failingOnB, clock).expire(d30);
        assertEquals(2, run.entries());
        assertEquals(105, run.points());
        assertFalse(run.complete());
        assertEquals(List.of(new ExpiryRun.Failure(CustomerKey.of("b"), boom)), run.failures());
        assertEquals(0, store.balance(CustomerKey.of("a")));
        assertEquals(40, store.balance(CustomerKey.of("b")));
        assertEquals(0, store.balance(CustomerKey.of("c")));
        // the next run picks up what failed
        ExpiryRun again = ledger.expire(d30);
        assertTrue(again.complete());
        assertEquals(1, again.entries());
        assertEquals(40, again.points());
        assertInvariant("b");
    }

    /** A store that fails every transaction on one account and forwards everything else. */
    private static final class FailingStore extends ForwardingLedgerStore {
        private final CustomerKey failing;
        private final RuntimeException error;

        FailingStore(LedgerStore inner, CustomerKey failing, RuntimeException error) {
            super(inner);
            this.failing = failing;
            this.error = error;
        }

        @Override
        public <T> T inTransaction(SortedSet<CustomerKey> accounts, Function<Transaction, T> work) {
            if (accounts.contains(failing)) {
                throw error;
            }
            return super.inTransaction(accounts, work);
        }
    }

    @Test
    void concurrentRedemptionsNeverSpendMoreThanTheBalance() throws Exception {
        earn("a", 100, "o1", null);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PostingResult>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return ledger.post(Posting.redeem(CustomerKey.of("a"), 30, "cart:" + id));
                }));
            }
            start.countDown();
            int ok = 0;
            for (Future<PostingResult> f : futures) {
                PostingResult r = f.get(60, TimeUnit.SECONDS);
                if (r.status() == PostingResult.Status.POSTED) {
                    ok++;
                } else {
                    assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, r.status());
                }
            }
            assertEquals(3, ok);
            assertEquals(10, store.balance(CustomerKey.of("a")));
            assertInvariant("a");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSameKeyPostingsOnDifferentAccountsPostOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PostingResult>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String acct = "acct-" + (t % 2);
                futures.add(pool.submit(() -> {
                    start.await();
                    return earn(acct, 10, "shared", null);
                }));
            }
            start.countDown();
            int posted = 0;
            for (Future<PostingResult> f : futures) {
                PostingResult r = f.get(60, TimeUnit.SECONDS);
                if (r.status() == PostingResult.Status.POSTED) {
                    posted++;
                }
            }
            assertEquals(1, posted);
            assertEquals(10, store.balance(CustomerKey.of("acct-0")) + store.balance(CustomerKey.of("acct-1")));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * 8 threads post mixed earnings, redemptions, reversals and retries on 100 shared accounts; then an
     * expiry run. Afterwards every account satisfies the invariant, none is negative, and the sum of
     * balances equals earned - redeemed - expired + net reversals, counted both from the results the
     * threads saw and from the entries by type.
     */
    @Test
    void concurrentMixedPostingsKeepTheInvariantExactly() throws Exception {
        int threads = 8;
        int accounts = 100;
        int ops = opsPerThread();
        List<Posting> posted = Collections.synchronizedList(new ArrayList<>());
        AtomicLong net = new AtomicLong();
        Map<EntryType, AtomicLong> byType = new EnumMap<>(EntryType.class);
        for (EntryType t : EntryType.values()) {
            byType.put(t, new AtomicLong());
        }
        Instant expiry = T0.plus(Duration.ofDays(30));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    Random rnd = new Random(42L + thread);
                    for (int i = 0; i < ops; i++) {
                        String acct = "acct-" + rnd.nextInt(accounts);
                        String ref = "t" + thread + "-" + i;
                        int op = rnd.nextInt(100);
                        Posting p;
                        if (op < 40) {
                            p = Posting.earn(CustomerKey.of(acct), 1 + rnd.nextInt(100), ref,
                                    rnd.nextBoolean() ? Optional.of(expiry) : Optional.empty());
                        } else if (op < 75) {
                            p = Posting.redeem(CustomerKey.of(acct), 1 + rnd.nextInt(60), ref);
                        } else if (op < 95 && !posted.isEmpty()) {
                            Posting orig;
                            synchronized (posted) {
                                orig = posted.get(rnd.nextInt(posted.size()));
                            }
                            long den = 1 + rnd.nextInt(4);
                            p = new Posting.Reverse(orig.account(), orig.key(), ref, 1 + rnd.nextInt((int) den), den,
                                    "");
                        } else if (!posted.isEmpty()) {
                            synchronized (posted) {
                                p = posted.get(rnd.nextInt(posted.size()));
                            }
                            PostingResult again = ledger.post(p);
                            if (again.status() != PostingResult.Status.REPLAYED) {
                                throw new AssertionError("retry of " + p + " gave " + again);
                            }
                            continue;
                        } else {
                            continue;
                        }
                        PostingResult r = ledger.post(p);
                        if (r.status() == PostingResult.Status.POSTED) {
                            LedgerEntry e = r.entry().orElseThrow();
                            net.addAndGet(e.points());
                            byType.get(e.type()).addAndGet(e.points());
                            if (p.type() != EntryType.REVERSE) {
                                posted.add(p);
                            }
                        } else if (r.status() == PostingResult.Status.REPLAYED) {
                            throw new AssertionError("fresh key replayed: " + p);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.set(expiry);
        ExpiryRun run = ledger.expire(expiry);
        net.addAndGet(-run.points());
        byType.get(EntryType.EXPIRE).addAndGet(-run.points());

        long sumBalances = 0;
        Map<EntryType, Long> fromEntries = new EnumMap<>(EntryType.class);
        for (int i = 0; i < accounts; i++) {
            String acct = "acct-" + i;
            InvariantCheck c = ledger.check(CustomerKey.of(acct));
            assertTrue(c.holds(), "invariant broken: " + c);
            assertTrue(c.balance() >= 0);
            sumBalances += c.balance();
            for (LedgerEntry e : store.entries(CustomerKey.of(acct))) {
                fromEntries.merge(e.type(), e.points(), Long::sum);
            }
            for (Lot l : store.lots(CustomerKey.of(acct))) {
                assertFalse(l.expiredAt(expiry) && l.remaining() > 0, "unexpired due lot " + l);
            }
        }
        assertTrue(byType.get(EntryType.EARN).get() > 0);
        assertTrue(byType.get(EntryType.REDEEM).get() < 0);
        assertTrue(byType.get(EntryType.REVERSE).get() != 0);
        assertEquals(net.get(), sumBalances);
        long earned = byType.get(EntryType.EARN).get();
        long redeemed = -byType.get(EntryType.REDEEM).get();
        long expired = -byType.get(EntryType.EXPIRE).get();
        long reversed = byType.get(EntryType.REVERSE).get();
        assertEquals(earned - redeemed - expired + reversed, sumBalances);
        for (EntryType t : EntryType.values()) {
            assertEquals(byType.get(t).get(), fromEntries.getOrDefault(t, 0L).longValue(), t.name());
        }
    }

    @Test
    void backFilledPostingsKeepTheirInstantAndLineRefundsTakeBackTheirLinesPoints() {
        // issue 23: a posting at its own instant, and a refund of lines, kept alike by every store
        clock.set(T0.plus(Duration.ofDays(10)));
        Instant earlier = T0.plus(Duration.ofDays(2));
        Posting.Earn earn = Posting.earn(CustomerKey.of("a"), 160, "order:bf", Optional.of(T0.plus(Duration.ofDays(400)))).at(earlier);
        LedgerEntry e = ledger.post(earn).entry().orElseThrow();
        assertEquals(earlier, e.instant());
        assertEquals(earlier, store.entries(CustomerKey.of("a")).get(0).instant());
        assertEquals(160, ledger.qualifyingPoints(CustomerKey.of("a"), earlier, earlier.plusNanos(1000)));
        LinePoints lines = new LinePoints(List.of(60L, 0L), List.of(2, 1), 100);
        assertEquals(Optional.empty(), lines.reversal(CustomerKey.of("a"), earn.key(), "refund:box", List.of(0, 1)));
        PostingResult r = ledger.post(lines.reversal(CustomerKey.of("a"), earn.key(), "refund:latte", List.of(1, 1)).orElseThrow()
                .at(earlier.plus(DAY)));
        assertEquals(-30, r.points());
        assertEquals(earlier.plus(DAY), store.entries(CustomerKey.of("a")).get(1).instant());
        assertEquals(130, ledger.qualifyingPoints(CustomerKey.of("a"), T0, clock.instant()));
        assertInvariant("a");
    }
}
