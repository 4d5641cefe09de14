package dev.o2o.testkit.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.consent.ConsentChange;
import dev.o2o.core.consent.ConsentPurpose;
import dev.o2o.core.consent.ConsentStatus;
import dev.o2o.core.consent.ConsentStore;
import dev.o2o.testkit.customer.SameMoment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ConsentStore} must meet: histories by instant then recording order, the
 * state at an instant (opt-in: no change means no consent), retried changes kept once, purposes of
 * the host's own, reassignment (merges, erasure), 8 threads recording at once, and, for a store that
 * persists, the same answers from a store reopened over the same data.
 *
 * <p>Extend it: {@link #newStore()} returns a fresh, empty store; {@link #reopen(ConsentStore)} a new
 * instance over the same data (a restart), by default the same instance. JUnit makes one instance of
 * the test per test method.
 */
public abstract class ConsentStoreConformanceTest {

    /** The instant the kit starts at. */
    protected static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final CustomerKey ANN = CustomerKey.of("ann");
    private static final CustomerKey BEN = CustomerKey.of("ben");
    private static final ConsentPurpose MARKETING = ConsentPurpose.MARKETING_MESSAGES;

    /** The store under test. */
    protected ConsentStore store;

    /** Subclasses say how to make a store. */
    protected ConsentStoreConformanceTest() {
    }

    /** A fresh, empty store. */
    protected abstract ConsentStore newStore();

    /** A new instance over the data of {@code store}, as after a restart; the same instance if it keeps nothing. */
    protected ConsentStore reopen(ConsentStore store) {
        return store;
    }

    /** Makes the store. */
    @BeforeEach
    public void setUp() {
        store = newStore();
    }

    private static Instant t(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    public void theLatestChangeAtOrBeforeAnInstantIsInForceAndNoChangeMeansNoConsent() {
        assertFalse(store.allows(ANN, MARKETING, t(0)), "opt-in: nothing recorded, no consent");
        assertTrue(store.record(ConsentChange.grant(ANN, MARKETING, t(10), "app-settings")));
        assertTrue(store.record(ConsentChange.withdraw(ANN, MARKETING, t(30), "sms-stop")));
        assertTrue(store.record(ConsentChange.grant(ANN, ConsentPurpose.LOCATION, t(20), "app-prompt")));

        assertFalse(store.allows(ANN, MARKETING, t(9)));
        assertTrue(store.allows(ANN, MARKETING, t(10)));
        assertTrue(store.allows(ANN, MARKETING, t(29)));
        assertFalse(store.allows(ANN, MARKETING, t(30)));
        assertTrue(store.allows(ANN, ConsentPurpose.LOCATION, t(40)));
        assertFalse(store.allows(ANN, ConsentPurpose.PROFILING, t(40)));
        assertFalse(store.allows(BEN, MARKETING, t(40)));
        assertEquals(Optional.of(ConsentChange.withdraw(ANN, MARKETING, t(30), "sms-stop")),
                store.current(ANN, MARKETING, t(99)));
        assertEquals(List.of(t(10), t(20), t(30)), store.history(ANN).stream().map(ConsentChange::at).toList());
        assertEquals(List.of(), store.history(BEN));
    }

    @Test
    public void aRetriedChangeIsKeptOnceAndEqualInstantsGoByRecordingOrder() {
        ConsentChange grant = ConsentChange.grant(ANN, MARKETING, t(5), "pos-form");
        assertTrue(store.record(grant));
        assertFalse(store.record(grant));
        // the same instant: the change recorded last is in force
        assertTrue(store.record(ConsentChange.withdraw(ANN, MARKETING, t(5), "pos-form")));
        assertFalse(store.allows(ANN, MARKETING, t(5)));
        assertEquals(List.of(ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN),
                store.history(ANN).stream().map(ConsentChange::status).toList());
        // instants are kept to the microsecond
        Instant fine = t(7).plusNanos(123_456_789);
        store.record(ConsentChange.grant(ANN, MARKETING, fine, "pos-form"));
        assertEquals(t(7).plusNanos(123_456_000), store.current(ANN, MARKETING, t(8)).orElseThrow().at());
        assertFalse(store.record(ConsentChange.grant(ANN, MARKETING, fine.plusNanos(1), "pos-form")));
    }

    @Test
    public void aHostsOwnPurposeWorksLikeTheBuiltIns() {
        ConsentPurpose sharing = ConsentPurpose.of("third_party_sharing");
        store.record(ConsentChange.grant(ANN, sharing, t(1), "web-form"));
        assertTrue(store.allows(ANN, sharing, t(2)));
        assertEquals(sharing, store.history(ANN).get(0).purpose());
        assertThrows(IllegalArgumentException.class, () -> ConsentPurpose.of("Marketing Messages"));
        assertThrows(IllegalArgumentException.class, () -> ConsentChange.grant(ANN, sharing, t(1), " padded "));
    }

    @Test
    public void reassigningMovesAWholeHistoryAndTheLatestChangeOfEitherWins() {
        store.record(ConsentChange.grant(ANN, MARKETING, t(10), "app"));
        store.record(ConsentChange.withdraw(ANN, MARKETING, t(50), "app"));
        store.record(ConsentChange.grant(BEN, MARKETING, t(30), "pos"));
        store.record(ConsentChange.grant(BEN, MARKETING, t(10), "app"));

        assertEquals(2, store.reassign(ANN, BEN));

        assertEquals(List.of(), store.history(ANN));
        assertEquals(List.of(t(10), t(30), t(50)), store.history(BEN).stream().map(ConsentChange::at).toList());
        assertTrue(store.allows(BEN, MARKETING, t(40)));
        assertFalse(store.allows(BEN, MARKETING, t(60)));
        assertEquals(0, store.reassign(ANN, BEN));
        assertThrows(IllegalArgumentException.class, () -> store.reassign(BEN, BEN));
    }

    @Test
    public void eightThreadsRecordingAtOnceKeepEveryDistinctChangeOnce() throws Exception {
        AtomicInteger next = new AtomicInteger();
        Set<ConsentChange> expected = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            expected.add(ConsentChange.grant(ANN, MARKETING, t(i), "src-" + (i % 3)));
        }
        List<ConsentChange> all = List.copyOf(expected);
        List<Integer> inserted = SameMoment.run(8, () -> {
            int mine = 0;
            // every thread records every change: each must land once in all
            int offset = next.getAndIncrement();
            for (int i = 0; i < all.size(); i++) {
                if (store.record(all.get((i + offset * 5) % all.size()))) {
                    mine++;
                }
            }
            return mine;
        });
        assertEquals(all.size(), inserted.stream().mapToInt(Integer::intValue).sum());
        assertEquals(expected, new HashSet<>(store.history(ANN)));
        assertEquals(all.size(), store.history(ANN).size());
    }

    @Test
    public void aReopenedStoreGivesTheSameAnswers() {
        store.record(ConsentChange.grant(ANN, MARKETING, t(1), "app"));
        store.record(ConsentChange.withdraw(ANN, ConsentPurpose.PROFILING, t(2), "app"));
        List<ConsentChange> before = store.history(ANN);

        ConsentStore again = reopen(store);

        assertEquals(before, again.history(ANN));
        assertTrue(again.allows(ANN, MARKETING, t(3)));
        assertFalse(again.record(ConsentChange.grant(ANN, MARKETING, t(1), "app")));
    }
}
