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
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store keeps no undo log: a failed transaction takes back the entries it appended
 * (balance, lots created, lots moved, movement counts) and publishes none of its keys. Checked on the
 * single-account path ({@code inTransaction(CustomerKey, ...)}, no collection built) and the
 * multi-account path, with several appends per account, and that the keys of a failed transaction
 * are free again.
 */
class InMemoryLedgerRollBackTest {

    static final Instant T0 = Instant.parse("2026-05-06T02:00:00Z");
    static final CustomerKey A = CustomerKey.of("a");
    static final CustomerKey B = CustomerKey.of("b");

    final LedgerStore store = LedgerStore.inMemory();
    final PointsLedger ledger = PointsLedger.create(store, new TestClock(T0));

    /** Everything a roll-back must restore, per account. */
    record State(long balance, List<LedgerEntry> entries, List<Lot> lots, List<Integer> moves) {
    }

    State state(CustomerKey account) {
        List<Lot> lots = store.lots(account);
        List<Integer> moves = store.inTransaction(account,
                tx -> lots.stream().map(l -> tx.movementCount(account, l.id())).toList());
        return new State(store.balance(account), store.entries(account), lots, moves);
    }

    /** Two lots on the account, one half spent, so that later movements touch existing lots. */
    void history(CustomerKey account, String prefix) {
        ledger.post(Posting.earn(account, 10, prefix + "o1", Optional.of(T0.plus(Duration.ofDays(30)))));
        ledger.post(Posting.earn(account, 20, prefix + "o2", Optional.of(T0.plus(Duration.ofDays(60)))));
        ledger.post(Posting.redeem(account, 5, prefix + "r1"));
    }

    static EntryDraft earn(CustomerKey account, String ref, long points) {
        return new EntryDraft(account, EntryType.EARN, ref, T0, OptionalLong.empty(), 0, "", List.of(), points, T0,
                Optional.empty());
    }

    static EntryDraft redeem(CustomerKey account, String ref, List<LotMovement> moves) {
        return new EntryDraft(account, EntryType.REDEEM, ref, T0, OptionalLong.empty(), 0, "", moves, 0, T0,
                Optional.empty());
    }

    /** Appends an earning, then a redemption from the first lot and the new one, then a rejection, then fails. */
    Function<LedgerStore.Transaction, Object> appendsThenFails(CustomerKey... accounts) {
        return tx -> {
            for (CustomerKey account : accounts) {
                long first = tx.openLots(account).get(0).id();
                LedgerEntry earned = tx.append(earn(account, account.value() + "-x1", 7));
                tx.append(redeem(account, account.value() + "-x2",
                        List.of(new LotMovement(first, -5), new LotMovement(earned.id(), -7))));
                tx.append(earn(account, account.value() + "-x3", 3));
                tx.append(redeem(account, account.value() + "-x4", List.of(new LotMovement(earned.id() + 2, -1))));
                tx.recordRejection(new LedgerStore.Rejection(account, EntryType.REDEEM, account.value() + "-x5",
                        PostingResult.Status.INSUFFICIENT_POINTS, "no"));
                assertTrue(tx.entry(IdempotencyKey.of(EntryType.EARN, account.value() + "-x3")).isPresent(),
                        "the transaction sees its own outcomes");
            }
            throw new IllegalStateException("boom");
        };
    }

    void assertKeysFree(CustomerKey account) {
        for (String ref : List.of("-x1", "-x3")) {
            assertTrue(store.entryByKey(IdempotencyKey.of(EntryType.EARN, account.value() + ref)).isEmpty(), ref);
        }
        for (String ref : List.of("-x2", "-x4")) {
            assertTrue(store.entryByKey(IdempotencyKey.of(EntryType.REDEEM, account.value() + ref)).isEmpty(), ref);
        }
        assertTrue(store.rejectionByKey(IdempotencyKey.of(EntryType.REDEEM, account.value() + "-x5")).isEmpty());
        assertEquals(PostingResult.Status.POSTED,
                ledger.post(Posting.earn(account, 7, account.value() + "-x1", Optional.empty())).status());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem(account, 1, account.value() + "-x5")).status());
        assertTrue(ledger.check(account).holds(), ledger.check(account).toString());
    }

    @Test
    void aFailedSingleAccountTransactionLeavesTheAccountAsItWas() {
        history(A, "");
        State before = state(A);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.inTransaction(A, appendsThenFails(A)));
        assertEquals("boom", e.getMessage());
        assertEquals(before, state(A));
        assertKeysFree(A);
    }

    @Test
    void aFailedTransactionOnAFreshAccountLeavesItEmpty() {
        assertThrows(IllegalStateException.class, () -> store.inTransaction(A, tx -> {
            tx.append(earn(A, "a-x1", 7));
            tx.append(earn(A, "a-x3", 3));
            throw new IllegalStateException("boom");
        }));
        assertEquals(new State(0, List.of(), List.of(), List.of()), state(A));
        assertTrue(store.accounts().isEmpty());
    }

    @Test
    void aFailedMultiAccountTransactionLeavesEveryAccountAsItWas() {
        history(A, "a");
        history(B, "b");
        State a = state(A);
        State b = state(B);
        SortedSet<CustomerKey> both = new TreeSet<>(List.of(A, B));
        assertThrows(IllegalStateException.class, () -> store.inTransaction(both, appendsThenFails(A, B)));
        assertEquals(a, state(A));
        assertEquals(b, state(B));
        assertKeysFree(A);
        assertKeysFree(B);
    }

    @Test
    void aDuplicateKeyInsideOneTransactionUndoesItsEarlierAppends() {
        history(A, "");
        State before = state(A);
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(A, tx -> {
            tx.append(earn(A, "a-x1", 7));
            tx.append(earn(A, "a-x3", 3));
            return tx.append(earn(A, "a-x3", 4));
        }));
        assertEquals(before, state(A));
        // and an existing key, refused before any change by that append
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(A, tx -> {
            tx.append(earn(A, "a-x1", 7));
            return tx.append(earn(A, "o1", 4));
        }));
        assertEquals(before, state(A));
        assertKeysFree(A);
    }

    @Test
    void aSuccessfulTransactionPublishesEveryKeyAndTheNextOneRollsBackOnlyItsOwn() {
        history(A, "");
        List<PostingResult> batch = ledger.postAll(List.of(
                Posting.earn(A, 4, "b1", Optional.empty()),
                Posting.earn(A, 5, "b2", Optional.empty()),
                Posting.redeem(A, 30, "b3"),
                Posting.redeem(A, 999, "b4")));
        assertEquals(List.of(PostingResult.Status.POSTED, PostingResult.Status.POSTED, PostingResult.Status.POSTED,
                PostingResult.Status.INSUFFICIENT_POINTS), batch.stream().map(PostingResult::status).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals(batch.get(i).entry(), store.entryByKey(batch.get(i).entry().orElseThrow().key()));
        }
        assertTrue(store.rejectionByKey(IdempotencyKey.of(EntryType.REDEEM, "b4")).isPresent());
        State after = state(A);
        assertEquals(10 + 20 - 5 + 4 + 5 - 30, after.balance());
        assertThrows(IllegalStateException.class, () -> store.inTransaction(A, appendsThenFails(A)));
        assertEquals(after, state(A));
    }

    @Test
    void theTransactionIsClosedAfterItsWorkAndRefusesAccountsItDidNotLock() {
        LedgerStore.Transaction[] kept = new LedgerStore.Transaction[1];
        store.inTransaction(A, tx -> {
            assertThrows(IllegalStateException.class, () -> tx.balance(B));
            kept[0] = tx;
            return null;
        });
        assertThrows(IllegalStateException.class, () -> kept[0].balance(A));
    }
}
