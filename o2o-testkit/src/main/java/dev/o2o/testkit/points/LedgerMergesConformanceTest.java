package dev.o2o.testkit.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.core.customer.CustomerMerges;
import dev.o2o.core.customer.MergeReport;
import dev.o2o.core.customer.StoreChange;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.LinkResult;
import dev.o2o.core.identity.MergeEvent;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.LedgerEntry;
import dev.o2o.loyalty.points.LedgerMerges;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.Lot;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import dev.o2o.testkit.customer.SameMoment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of a {@link LedgerStore} under customer merges, unmerges and erasure
 * ({@link LedgerMerges}): points move as TRANSFER entries with their lots' expiry, once per merge id
 * (also when retried concurrently), an unmerge returns what is left of the moved lots, and an erasure
 * leaves no entry, lot or rejection under the erased account id while keeping every balance.
 *
 * <p>Extend it like {@link LedgerStoreConformanceTest}: return a fresh, empty store from
 * {@link #newStore()}. An instance is used by one test at a time.
 */
public abstract class LedgerMergesConformanceTest {

    /** The instant every test starts at. */
    protected static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final CustomerKey CARD = CustomerKey.of("c-card");
    private static final CustomerKey APP = CustomerKey.of("c-app");

    /** The clock, moved by the tests. */
    protected TestClock clock;
    /** The store under test. */
    protected LedgerStore store;
    /** A ledger over it. */
    protected PointsLedger ledger;
    /** The merges over it. */
    protected LedgerMerges merges;

    /** Subclasses supply the store. */
    protected LedgerMergesConformanceTest() {
    }

    /** A new empty store; called once per test. */
    protected abstract LedgerStore newStore();

    /** Creates the store, clock, ledger and merges of one test. */
    @BeforeEach
    protected void setUp() {
        clock = new TestClock(T0);
        store = newStore();
        ledger = PointsLedger.create(store, clock);
        merges = LedgerMerges.of(store, clock);
    }

    private void post(Posting p) {
        PostingResult r = ledger.post(p);
        assertTrue(r.isSuccess(), () -> "posting " + p + " failed: " + r);
    }

    private void assertInvariant(CustomerKey account) {
        assertTrue(ledger.check(account).holds(), () -> "invariant broken: " + ledger.check(account));
    }

    /** The case: 487 points on the app account must follow the merge into the card account. */
    @Test
    void pointsOfAnAbsorbedKeyFollowTheMergeInsteadOfStayingOnAKeyThatNoLongerResolves() {
        IdentityGraph graph = IdentityGraph.create();
        Identifier card = Identifier.memberCard("M-1001");
        Identifier app = Identifier.of(IdentifierType.APP_USER_ID, "u-77");
        Identifier phone = Identifier.phone("+8613800000000");
        CustomerKey cardKey = graph.addIdentifier(card);
        CustomerKey appKey = graph.addIdentifier(app);
        post(Posting.earn(cardKey, 100, "order:1", Optional.empty()));
        post(Posting.earn(appKey, 487, "order:2", Optional.of(T0.plus(Duration.ofDays(200)))));
        graph.addLink(IdentityLink.of(card, phone, T0, "pos-member-scan"));
        clock.advance(Duration.ofHours(1));
        assertEquals(LinkResult.MERGED, graph.addLink(IdentityLink.of(phone, app, clock.instant(), "app-login")));
        CustomerMerges all = CustomerMerges.of(List.of(merges));
        for (MergeEvent e : graph.mergeHistory()) {
            all.apply(e);
        }
        for (CustomerKey account : store.accounts()) {
            if (store.balance(account) > 0) {
                assertTrue(graph.contains(account),
                        store.balance(account) + " points stayed on account " + account + " that no longer resolves");
            }
        }
        CustomerKey survivor = graph.resolve(app).orElseThrow();
        assertEquals(587, store.balance(survivor));
        assertEquals(0, store.balance(appKey));
    }

    @Test
    void mergeMovesEveryLotAsTransferEntriesKeepingAvailabilityAndExpiry() {
        Instant soon = T0.plus(Duration.ofDays(30));
        Instant pendingUntil = T0.plus(Duration.ofDays(7));
        post(Posting.earn(CARD, 100, "o-card", Optional.empty()));
        post(Posting.earn(APP, 300, "o-1", Optional.of(soon)));
        post(Posting.earn(APP, 250, "o-2", Optional.empty()));
        post(new Posting.Earn(APP, 50, "o-3", Optional.of(pendingUntil), Optional.empty(), ""));
        post(Posting.redeem(APP, 113, "cart-1")); // takes 113 of the 300 expiring first
        clock.advance(Duration.ofDays(1));

        StoreChange c = merges.merge(new CustomerMerge("m1", APP, CARD));

        assertFalse(c.replayed());
        assertEquals(487, c.count("points"));
        assertEquals(3, c.count("lots"));
        assertEquals(0, store.balance(APP));
        assertEquals(587, store.balance(CARD));
        LedgerEntry out = store.entryByKey(IdempotencyKey.of(EntryType.TRANSFER, "merge:m1")).orElseThrow();
        assertEquals(APP, out.account());
        assertEquals(-487, out.points());
        assertEquals(clock.instant(), out.instant());
        List<Lot> moved = new ArrayList<>();
        for (Lot source : store.lots(APP)) {
            assertEquals(0, source.remaining());
            LedgerEntry in = store.entryByKey(IdempotencyKey.of(EntryType.TRANSFER, "merge:m1:" + source.id()))
                    .orElseThrow();
            assertEquals(CARD, in.account());
            Lot lot = store.lots(CARD).stream().filter(l -> l.id() == in.id()).findFirst().orElseThrow();
            assertEquals(source.availableAt(), lot.availableAt());
            assertEquals(source.expiresAt(), lot.expiresAt());
            assertEquals(in.points(), lot.remaining());
            assertTrue(in.note().contains("entry " + out.id()), in.note());
            moved.add(lot);
        }
        assertEquals(List.of(187L, 250L, 50L), moved.stream().map(Lot::remaining).toList());
        // the pending lot stays pending on the survivor
        assertEquals(537, ledger.balance(CARD).available());
        assertEquals(50, ledger.balance(CARD).pending());
        assertInvariant(APP);
        assertInvariant(CARD);
        // the moved points expire on the survivor at their old expiry
        clock.set(soon.plusSeconds(1));
        assertEquals(187, ledger.expire(clock.instant()).points());
        assertEquals(400, store.balance(CARD));
    }

    @Test
    void theSameMergeIdMovesPointsOnceAndATransferCannotBeReversed() {
        post(Posting.earn(APP, 487, "o-1", Optional.empty()));
        CustomerMerge m = new CustomerMerge("m1", APP, CARD);
        merges.merge(m);
        int entries = store.entries(CARD).size() + store.entries(APP).size();
        post(Posting.earn(APP, 5, "o-late", Optional.empty())); // a stale client after the merge

        StoreChange again = merges.merge(m);

        assertTrue(again.replayed());
        assertEquals(487, again.count("points"));
        assertEquals(487, store.balance(CARD));
        assertEquals(5, store.balance(APP));
        assertEquals(entries + 1, store.entries(CARD).size() + store.entries(APP).size());
        assertEquals(PostingResult.Status.NOT_REVERSIBLE, ledger.post(Posting.reverse(APP,
                IdempotencyKey.of(EntryType.TRANSFER, "merge:m1"), "undo-1")).status());
    }

    @Test
    void concurrentRetriesOfOneMergeTransferOnce() throws Exception {
        post(Posting.earn(APP, 487, "o-1", Optional.empty()));
        post(Posting.earn(APP, 13, "o-2", Optional.of(T0.plus(Duration.ofDays(9)))));
        CustomerMerge m = new CustomerMerge("m-race", APP, CARD);
        int fresh = 0;
        for (StoreChange c : SameMoment.run(6, () -> merges.merge(m))) {
            assertEquals(500, c.count("points"));
            fresh += c.replayed() ? 0 : 1;
        }
        assertEquals(1, fresh);
        assertEquals(500, store.balance(CARD));
        assertEquals(0, store.balance(APP));
        assertEquals(2, store.entries(CARD).size());
        assertInvariant(CARD);
    }

    @Test
    void unmergeReturnsWhatIsLeftOfTheMovedLotsAndNothingElse() {
        Instant early = T0.plus(Duration.ofDays(20));
        post(Posting.earn(CARD, 100, "o-card", Optional.of(T0.plus(Duration.ofDays(300)))));
        post(Posting.earn(APP, 300, "o-1", Optional.of(early)));
        post(Posting.earn(APP, 187, "o-2", Optional.empty()));
        CustomerMerge m = new CustomerMerge("m1", APP, CARD);
        merges.merge(m);
        clock.advance(Duration.ofDays(1));
        // spends earliest expiry first: 120 from the moved 300-lot
        post(Posting.redeem(CARD, 120, "cart-after-merge"));
        post(Posting.earn(CARD, 40, "o-after-merge", Optional.empty()));
        clock.advance(Duration.ofDays(1));

        StoreChange back = merges.unmerge(m, APP);

        assertFalse(back.replayed());
        assertEquals(180 + 187, back.count("points"));
        assertEquals(120, back.count("notReturned"));
        assertEquals(367, store.balance(APP));
        assertEquals(140, store.balance(CARD));
        List<Lot> returned = store.lots(APP).stream().filter(l -> l.remaining() > 0).toList();
        assertEquals(Set.of(Optional.of(early), Optional.<Instant>empty()),
                new HashSet<>(returned.stream().map(Lot::expiresAt).toList()));
        assertEquals(-367, store.entryByKey(IdempotencyKey.of(EntryType.TRANSFER, "unmerge:m1")).orElseThrow().points());
        assertInvariant(APP);
        assertInvariant(CARD);

        StoreChange twice = merges.unmerge(m, APP);
        assertTrue(twice.replayed());
        assertEquals(367, twice.count("points"));
        assertEquals(367, store.balance(APP));
        // a merge never applied here moves nothing
        assertEquals(0, merges.unmerge(new CustomerMerge("never", APP, CARD), APP).count("points"));
        assertEquals(140, store.balance(CARD));
    }

    @Test
    void unlinkThroughTheGraphMovesPointsBackToTheSplitOffKey() {
        IdentityGraph graph = IdentityGraph.create();
        Identifier card = Identifier.memberCard("M-1");
        Identifier app = Identifier.of(IdentifierType.APP_USER_ID, "u-1");
        CustomerKey cardKey = graph.addIdentifier(card);
        CustomerKey appKey = graph.addIdentifier(app);
        post(Posting.earn(appKey, 487, "o-1", Optional.empty()));
        CustomerMerges all = CustomerMerges.of(List.of(merges));
        graph.addLink(IdentityLink.of(card, app, T0, "shared-phone"));
        MergeReport applied = all.apply(graph.mergeHistory().get(0));
        assertEquals(487, applied.change("points").count("points"));
        assertEquals(487, store.balance(cardKey));

        var report = all.unlink(graph, app, card);

        assertTrue(report.split().split());
        assertEquals(487, report.undone().orElseThrow().change("points").count("points"));
        assertEquals(487, store.balance(CustomerKey.of(graph.resolve(app).orElseThrow().value())));
        assertEquals(0, store.balance(cardKey));
        assertEquals(appKey, graph.resolve(app).orElseThrow());
    }

    @Test
    void erasureRenamesTheAccountEverywhereAndKeepsBalancesAndTotals() {
        String raw = "c-erase-me";
        post(Posting.earn(CustomerKey.of(raw), 500, "o-1", Optional.of(T0.plus(Duration.ofDays(60)))));
        post(Posting.redeem(CustomerKey.of(raw), 120, "cart-1"));
        assertFalse(ledger.post(Posting.redeem(CustomerKey.of(raw), 10_000, "cart-2")).isSuccess()); // a remembered rejection
        post(Posting.earn(CustomerKey.of("someone-else"), 7, "o-9", Optional.empty()));
        CustomerKey pseudonym = CustomerKey.of("erased-5f2c");

        StoreChange c = merges.erase(CustomerKey.of(raw), pseudonym);

        assertEquals(2, c.count("entries"));
        assertEquals(1, c.count("accountsRenamed"));
        assertEquals(List.of(), store.entries(CustomerKey.of(raw)));
        assertEquals(List.of(), store.lots(CustomerKey.of(raw)));
        assertEquals(0, store.balance(CustomerKey.of(raw)));
        assertFalse(store.accounts().contains(CustomerKey.of(raw)));
        assertEquals(new TreeSet<>(List.of(pseudonym, CustomerKey.of("someone-else"))), store.accounts());
        assertEquals(380, store.balance(pseudonym));
        assertEquals(2, store.entries(pseudonym).size());
        assertEquals(pseudonym, store.entryByKey(IdempotencyKey.of(EntryType.EARN, "o-1")).orElseThrow().account());
        assertEquals(pseudonym,
                store.rejectionByKey(IdempotencyKey.of(EntryType.REDEEM, "cart-2")).orElseThrow().account());
        for (Lot l : store.lots(pseudonym)) {
            assertEquals(pseudonym, l.account());
        }
        assertInvariant(pseudonym);
        assertEquals(7, store.balance(CustomerKey.of("someone-else")));
        // the balance keeps expiring as before, under the pseudonym
        clock.set(T0.plus(Duration.ofDays(61)));
        assertEquals(380, ledger.expire(clock.instant()).points());
        // the old id is a new, empty account; erasing it again finds nothing
        assertEquals(0, merges.erase(CustomerKey.of(raw), pseudonym).count("entries"));
        post(Posting.earn(CustomerKey.of(raw), 3, "o-new", Optional.empty()));
        assertEquals(3, store.balance(CustomerKey.of(raw)));
    }
}
