package dev.o2o.loyalty.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store keeps its history in shared primitive slabs and its keys in an open-addressing
 * index: these tests aim at what that layout could get wrong (chunk and table growth, keys that cross a
 * chunk, equal hash codes, undo of a lot created in the same transaction, lot ownership, reads of another
 * account's entry while it grows). The behaviour itself is the conformance suite's.
 */
class InMemoryLedgerStoreLayoutTest {

    static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    final TestClock clock = new TestClock(T0);
    final LedgerStore store = LedgerStore.inMemory();
    final PointsLedger ledger = PointsLedger.create(store, clock);

    @Test
    void thousandsOfPostingsReadBackAndReplayExactly() {
        String longRef = "x".repeat(195) + "-long"; // the longest id accepted (Ids.MAX_LENGTH)
        List<Posting> postings = new ArrayList<>();
        Map<String, List<LedgerEntry>> byAccount = new HashMap<>();
        List<LedgerEntry> firsts = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            String account = "m" + (i % 7);
            clock.advance(Duration.ofNanos(1_000_001)); // instants with nanoseconds
            String ref = i == 3_001 ? longRef : (i % 5 == 0 ? "订单-é-" : "o-") + i;
            Posting p = i % 3 == 2 ? Posting.redeem(account, 1 + i % 40, ref)
                    : Posting.earn(account, 10 + i % 90, ref, i % 4 == 0 ? Optional.empty()
                    : Optional.of(T0.plus(Duration.ofDays(30 + i % 300))));
            PostingResult r = ledger.post(p);
            if (r.status() == PostingResult.Status.POSTED) {
                postings.add(p);
                firsts.add(r.entry().orElseThrow());
                byAccount.computeIfAbsent(account, k -> new ArrayList<>()).add(r.entry().orElseThrow());
            } else {
                assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, r.status(), p.toString());
            }
        }
        assertTrue(postings.size() > 5_000, "postings: " + postings.size());
        for (Map.Entry<String, List<LedgerEntry>> e : byAccount.entrySet()) {
            assertEquals(e.getValue(), store.entries(e.getKey()));
            assertTrue(ledger.check(e.getKey()).holds(), e.getKey());
            long lots = 0;
            for (Lot lot : store.lots(e.getKey())) {
                lots += lot.remaining();
            }
            assertEquals(store.balance(e.getKey()), lots);
        }
        for (int i = 0; i < postings.size(); i++) {
            PostingResult again = ledger.post(postings.get(i));
            assertEquals(PostingResult.Status.REPLAYED, again.status());
            assertEquals(firsts.get(i), again.entry().orElseThrow());
            assertEquals(Optional.of(firsts.get(i)), store.entryByKey(postings.get(i).key()));
        }
        assertEquals(longRef, store.entryByKey("EARN:" + longRef).or(() -> store.entryByKey("REDEEM:" + longRef))
                .orElseThrow().sourceRef());
    }

    @Test
    void keysWithEqualHashCodesAreDifferentKeys() {
        // "Aa" and "BB" have the same String.hashCode, and so do all their concatenations
        List<String> refs = List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB");
        assertEquals("Aa".hashCode(), "BB".hashCode());
        for (String ref : refs.subList(3, 6)) {
            assertEquals("AaAa".hashCode(), ref.hashCode());
        }
        int n = 0;
        for (String ref : refs) {
            assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn("acct-" + (n++ % 2), 10, ref,
                    Optional.empty())).status(), ref);
        }
        // the same reference under another type is another key
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem("acct-0", 5, "Aa")).status());
        for (String ref : refs) {
            LedgerEntry e = store.entryByKey("EARN:" + ref).orElseThrow();
            assertEquals(ref, e.sourceRef());
            assertEquals(EntryType.EARN, e.type());
        }
        assertEquals(-5, store.entryByKey("REDEEM:Aa").orElseThrow().points());
        assertTrue(store.entryByKey("EARN:Ab").isEmpty());
        assertEquals(PostingResult.Status.KEY_CONFLICT,
                ledger.post(Posting.earn("acct-1", 10, "AaAa", Optional.empty())).status());
    }

    @Test
    void anUndoneTransactionTakesBackALotItCreatedAndSpent() {
        long first = ledger.post(Posting.earn("a", 50, "o1", Optional.of(T0.plus(Duration.ofDays(10)))))
                .entry().orElseThrow().id();
        List<LedgerEntry> entries = store.entries("a");
        List<Lot> lots = store.lots("a");
        SortedSet<String> a = new TreeSet<>(List.of("a"));
        long[] created = new long[1];
        assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> {
            LedgerEntry earn = tx.append(new EntryDraft("a", EntryType.EARN, "o2", T0, OptionalLong.empty(), 0, "",
                    List.of(), 30, T0, Optional.of(T0.plus(Duration.ofDays(5)))));
            created[0] = earn.id();
            // the new lot expires first, so it comes first among the open lots
            assertEquals(earn.id(), tx.openLots("a").get(0).id());
            tx.append(new EntryDraft("a", EntryType.REDEEM, "cart:1", T0, OptionalLong.empty(), 0, "",
                    List.of(new LotMovement(earn.id(), -30), new LotMovement(first, -20)), 0, T0, Optional.empty()));
            assertEquals(30, tx.balance("a"));
            throw new IllegalStateException("boom");
        }));
        assertEquals(50, store.balance("a"));
        assertEquals(entries, store.entries("a"));
        assertEquals(lots, store.lots("a"));
        assertTrue(store.entryByKey("EARN:o2").isEmpty());
        assertTrue(store.entryByKey("REDEEM:cart:1").isEmpty());
        // the undone lot is gone for good: its id is not a lot of the account any more
        assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> tx.append(new EntryDraft("a",
                EntryType.REDEEM, "cart:2", T0, OptionalLong.empty(), 0, "",
                List.of(new LotMovement(created[0], -1)), 0, T0, Optional.empty()))));
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn("a", 30, "o2", Optional.empty())).status());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem("a", 60, "cart:1")).status());
        assertEquals(20, store.balance("a"));
        assertTrue(ledger.check("a").holds());
    }

    @Test
    void openLotsStayInExpiryOrderThroughEarnsRedeemsReversalsAndUndos() {
        java.util.Random random = new java.util.Random(7);
        SortedSet<String> a = new TreeSet<>(List.of("a"));
        List<String> reversible = new ArrayList<>();
        java.util.Comparator<Lot> order = java.util.Comparator
                .comparing((Lot l) -> l.expiresAt().orElse(Instant.MAX)).thenComparingLong(Lot::id);
        for (int i = 0; i < 3_000; i++) {
            int op = random.nextInt(10);
            if (op < 4) {
                // few distinct expiries, so that ties broken by id are common; some never expire
                Optional<Instant> expiry = random.nextInt(8) == 0 ? Optional.empty()
                        : Optional.of(T0.plus(Duration.ofDays(1 + random.nextInt(6))));
                ledger.post(Posting.earn("a", 1 + random.nextInt(50), "e" + i, expiry));
                reversible.add("EARN:e" + i);
            } else if (op < 7) {
                if (ledger.post(Posting.redeem("a", 1 + random.nextInt(60), "r" + i)).ok()) {
                    reversible.add("REDEEM:r" + i);
                }
            } else if (op < 9 && !reversible.isEmpty()) {
                // a reversed redemption reopens older lots, which go back into the middle of the list
                ledger.post(Posting.reverse("a", reversible.get(random.nextInt(reversible.size())), "v" + i));
            } else {
                // an undone earn may leave the store's bound of the newest lot above every open lot
                String ref = "u" + i;
                Instant expiry = T0.plus(Duration.ofDays(30 + random.nextInt(5)));
                assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> {
                    tx.append(new EntryDraft("a", EntryType.EARN, ref, T0, OptionalLong.empty(), 0, "", List.of(),
                            5, T0, Optional.of(expiry)));
                    throw new IllegalStateException("undo");
                }));
            }
            List<Lot> open = store.inTransaction(a, tx -> tx.openLots("a"));
            List<Lot> expected = new ArrayList<>();
            for (Lot lot : store.lots("a")) {
                if (lot.remaining() > 0) {
                    expected.add(lot);
                }
            }
            expected.sort(order);
            assertEquals(expected, open, "after step " + i);
        }
        assertTrue(ledger.check("a").holds());
    }

    @Test
    void anUndoneTransactionOverSeveralAccountsTakesBackEveryAppend() {
        ledger.post(Posting.earn("a", 5, "o0", Optional.empty()));
        SortedSet<String> both = new TreeSet<>(List.of("a", "b"));
        for (int round = 0; round < 2; round++) {
            assertThrows(IllegalStateException.class, () -> store.inTransaction(both, tx -> {
                for (int i = 1; i <= 9; i++) {
                    tx.append(new EntryDraft(i % 2 == 0 ? "a" : "b", EntryType.EARN, "o" + i, T0, OptionalLong.empty(),
                            0, "", List.of(), i, T0, Optional.empty()));
                }
                assertEquals(5 + 2 + 4 + 6 + 8, tx.balance("a"));
                throw new IllegalStateException("boom");
            }));
            assertEquals(5, store.balance("a"));
            assertEquals(0, store.balance("b"));
            assertEquals(1, store.entries("a").size());
            assertTrue(store.entries("b").isEmpty());
            assertTrue(store.lots("b").isEmpty());
            for (int i = 1; i <= 9; i++) {
                assertTrue(store.entryByKey("EARN:o" + i).isEmpty(), "o" + i);
            }
        }
        // the same work on one account at a time, through the account's own reusable transaction
        SortedSet<String> a = new TreeSet<>(List.of("a"));
        assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> {
            for (int i = 1; i <= 9; i++) {
                tx.append(new EntryDraft("a", EntryType.EARN, "p" + i, T0, OptionalLong.empty(), 0, "", List.of(), i,
                        T0, Optional.empty()));
            }
            throw new IllegalStateException("boom");
        }));
        assertEquals(List.of(5L), store.lots("a").stream().map(Lot::remaining).toList());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn("a", 1, "p9", Optional.empty())).status());
        assertTrue(ledger.check("a").holds());
    }

    @Test
    void anUndoneReversalWithAShortfallIsForgotten() {
        LedgerEntry earn = ledger.post(Posting.earn("a", 40, "o1", Optional.empty())).entry().orElseThrow();
        SortedSet<String> a = new TreeSet<>(List.of("a"));
        assertThrows(IllegalStateException.class, () -> store.inTransaction(a, tx -> {
            LedgerEntry r = tx.append(new EntryDraft("a", EntryType.REVERSE, "refund:1", T0,
                    OptionalLong.of(earn.id()), 3, "partial", List.of(new LotMovement(earn.id(), -2)), 0, T0,
                    Optional.empty()));
            assertEquals(OptionalLong.of(earn.id()), r.reverses());
            assertEquals(List.of(r), tx.reversalsOf("a", earn.id()));
            assertEquals(Optional.of(r), tx.entry(EntryType.REVERSE, "refund:1"));
            throw new IllegalStateException("boom");
        }));
        assertTrue(store.inTransaction(a, tx -> tx.reversalsOf("a", earn.id())).isEmpty());
        PostingResult full = ledger.post(Posting.reverse("a", earn.key(), "refund:1"));
        assertEquals(-40, full.points());
        assertEquals(0, full.entry().orElseThrow().shortfall());
        assertEquals(OptionalLong.of(earn.id()), store.entryByKey("REVERSE:refund:1").orElseThrow().reverses());
        // a shortfall without a reversed entry is kept too
        LedgerEntry odd = store.inTransaction(a, tx -> tx.append(new EntryDraft("a", EntryType.ADJUST, "t:1", T0,
                OptionalLong.empty(), 7, "odd", List.of(), 5, T0, Optional.empty())));
        assertEquals(odd, store.entryByKey("ADJUST:t:1").orElseThrow());
        assertEquals(7, odd.shortfall());
        assertTrue(odd.reverses().isEmpty());
        assertTrue(ledger.check("a").holds());
    }

    @Test
    void movementsOnLotsOfAnotherAccountOrUnknownLotsAreRefused() {
        long bLot = ledger.post(Posting.earn("b", 10, "o1", Optional.empty())).entry().orElseThrow().id();
        long redeem = ledger.post(Posting.redeem("b", 5, "cart:1")).entry().orElseThrow().id();
        ledger.post(Posting.earn("a", 10, "o2", Optional.empty()));
        SortedSet<String> a = new TreeSet<>(List.of("a"));
        for (long lot : new long[] {bLot, redeem, 0, -1, 1L << 40, Integer.MAX_VALUE, 1_000_000}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.inTransaction(a,
                    tx -> tx.append(new EntryDraft("a", EntryType.REDEEM, "x", T0, OptionalLong.empty(), 0, "",
                            List.of(new LotMovement(lot, -1)), 0, T0, Optional.empty()))));
            assertEquals("lot " + lot + " does not belong to account 'a'", e.getMessage());
        }
        assertEquals(10, store.balance("a"));
        assertEquals(5, store.balance("b"));
    }

    /**
     * Accounts are found without a lock and added under one: eight threads post to the same 5,000 new
     * names in different orders while the account table grows from 64 slots, each name with its own key
     * per thread. Every name must end as one account holding all eight postings.
     */
    @Test
    void accountsAddedConcurrentlyAreOneAccountPerName() throws Exception {
        int threads = 8;
        int names = 5_000;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < names; i++) {
                        order.add(i);
                    }
                    java.util.Collections.shuffle(order, new java.util.Random(thread));
                    start.await();
                    for (int i : order) {
                        // a fresh string each time, so that names are matched by content, not identity
                        String name = new StringBuilder("member-").append(i).toString();
                        PostingResult r = ledger.post(Posting.earn(name, 1 + thread, "t" + thread + "-" + i,
                                Optional.empty()));
                        assertEquals(PostingResult.Status.POSTED, r.status(), name);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        java.util.Set<String> expected = new TreeSet<>();
        for (int i = 0; i < names; i++) {
            String name = "member-" + i;
            expected.add(name);
            assertEquals(36, store.balance(name), name); // 1 + 2 + ... + 8
            assertEquals(threads, store.entries(name).size(), name);
        }
        assertEquals(expected, store.accounts());
    }

    /**
     * Pairs of threads post the same keys on two accounts, one chasing the other, so that key look-ups
     * read the other account's entries while its columns grow. Every key ends up posted exactly once,
     * and every conflicting posting reads the winner.
     */
    @Test
    void concurrentPostingsOfTheSameKeysOnTwoAccountsPostEachOnce() throws Exception {
        int pairs = 3;
        int keys = 4_000;
        ExecutorService pool = Executors.newFixedThreadPool(pairs * 2);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                for (int side = 0; side < 2; side++) {
                    String account = "pair" + p + "-" + side;
                    String prefix = "k" + p + "-";
                    futures.add(pool.submit(() -> {
                        long posted = 0;
                        long conflicts = 0;
                        for (int i = 0; i < keys; i++) {
                            PostingResult r = ledger.post(Posting.earn(account, 1 + i % 7, prefix + i,
                                    Optional.empty()));
                            if (r.status() == PostingResult.Status.POSTED) {
                                posted += r.points();
                            } else if (r.status() == PostingResult.Status.KEY_CONFLICT) {
                                conflicts++;
                            } else {
                                throw new AssertionError(prefix + i + ": " + r);
                            }
                        }
                        return new long[] {posted, conflicts};
                    }));
                }
            }
            long expected = 0;
            for (int i = 0; i < keys; i++) {
                expected += 1 + i % 7;
            }
            for (int p = 0; p < pairs; p++) {
                long[] left = futures.get(2 * p).get(5, TimeUnit.MINUTES);
                long[] right = futures.get(2 * p + 1).get(5, TimeUnit.MINUTES);
                assertEquals(keys, left[1] + right[1], "one conflict per key");
                assertEquals(keys, store.entries("pair" + p + "-0").size() + store.entries("pair" + p + "-1").size());
                assertEquals(expected, left[0] + right[0]);
                assertEquals(expected, store.balance("pair" + p + "-0") + store.balance("pair" + p + "-1"));
                for (int i = 0; i < keys; i += 97) {
                    LedgerEntry e = store.entryByKey("EARN:k" + p + "-" + i).orElseThrow();
                    assertTrue(e.account().startsWith("pair" + p + "-"), e.toString());
                    assertEquals(1 + i % 7, e.points());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
