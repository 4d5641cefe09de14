package dev.o2o.risk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.risk.EventType;
import dev.o2o.risk.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DecisionStore} meets; each store's test extends this class and makes a
 * new, empty store. (It lives in o2o-risk's tests rather than o2o-testkit: testkit depending on
 * risk would close the cycle testkit → risk → predict → testkit, predict's tests using testkit.)
 */
abstract class DecisionStoreConformanceTest {
    static final Instant AT = Instant.parse("2026-07-15T10:00:00.123456Z");
    static final Reason VELOCITY = new Reason("EARN_BURST", Action.REVIEW, "device", 4, 3,
            "count by device over PT1H is 4, review threshold 3", true);
    static final Reason DENY = new Reason("FARM", Action.DENY, "customer", 6.5, 5, "sum by customer is 6.5", false);

    protected abstract DecisionStore newStore();

    DecisionStore store;

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    static DecisionRecord review(String account, String sourceRef) {
        return DecisionRecord.draft(AT, EventType.POINTS_EARN, account, Optional.of(EntryType.EARN), Optional.of(sourceRef),
                Optional.empty(), Action.REVIEW, List.of(VELOCITY));
    }

    @Test
    void recordsKeepEveryFieldAndTheReasonsFigures() {
        DecisionRecord a = store.record(review("acct1", "order-1"));
        DecisionRecord b = store.record(DecisionRecord.draft(AT, EventType.COUPON_REDEMPTION, "alice", Optional.empty(),
                Optional.empty(), Optional.of("CODE123"), Action.DENY, List.of(DENY, VELOCITY)));
        assertTrue(a.id() > 0 && b.id() > a.id());
        assertEquals(DecisionStatus.OPEN, a.status());
        assertEquals(DecisionStatus.DENIED, b.status());
        // instants are kept to the millisecond
        assertEquals(Instant.parse("2026-07-15T10:00:00.123Z"), store.find(a.id()).orElseThrow().at());
        assertEquals(review("acct1", "order-1").withId(a.id()).reasons(), store.find(a.id()).orElseThrow().reasons());
        DecisionRecord readB = store.find(b.id()).orElseThrow();
        assertEquals(List.of(DENY, VELOCITY), readB.reasons());
        assertEquals(Optional.of("CODE123"), readB.code());
        assertEquals(EventType.COUPON_REDEMPTION, readB.type());
        assertEquals(Optional.empty(), readB.postingType());
        assertTrue(store.find(b.id() + 100).isEmpty());
        assertEquals(List.of(a.id()), store.open(10).stream().map(DecisionRecord::id).toList());
    }

    @Test
    void resolvingIsOnceAndIdempotent() {
        DecisionRecord a = store.record(review("acct1", "order-1"));
        DecisionRecord b = store.record(review("acct2", "order-2"));
        DecisionRecord released = store.resolve(a.id(), DecisionStatus.RELEASED, "op1", AT.plusSeconds(60));
        assertEquals(DecisionStatus.RELEASED, released.status());
        assertEquals(Optional.of("op1"), released.operator());
        // the same resolution again: the first operator and time stay
        DecisionRecord again = store.resolve(a.id(), DecisionStatus.RELEASED, "op2", AT.plusSeconds(90));
        assertEquals(Optional.of("op1"), again.operator());
        assertEquals(Optional.of(Instant.parse("2026-07-15T10:01:00.123Z")), again.resolvedAt());
        assertEquals(released, store.find(a.id()).orElseThrow());
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> store.resolve(a.id(), DecisionStatus.CONFIRMED, "op2", AT));
        assertEquals("decision " + a.id() + " is RELEASED, cannot become CONFIRMED", other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.resolve(b.id(), DecisionStatus.OPEN, "op1", AT));
        assertThrows(IllegalStateException.class, () -> store.resolve(b.id() + 100, DecisionStatus.RELEASED, "op1", AT));
        assertEquals(List.of(b.id()), store.open(10).stream().map(DecisionRecord::id).toList());
        DecisionRecord denied = store.record(DecisionRecord.draft(AT, EventType.POINTS_EARN, "x", Optional.empty(),
                Optional.empty(), Optional.empty(), Action.DENY, List.of(DENY)));
        assertThrows(IllegalStateException.class, () -> store.resolve(denied.id(), DecisionStatus.CONFIRMED, "op", AT));
    }

    @Test
    void codesAreVoidedOnce() {
        assertFalse(store.isVoided("CODE1"));
        assertTrue(store.voidCode("CODE1", 7, AT));
        assertFalse(store.voidCode("CODE1", 8, AT));
        assertTrue(store.isVoided("CODE1"));
        assertFalse(store.isVoided("CODE2"));
    }

    @Test
    void instantsOutsideTheYears0000To9999AreRefusedByName() {
        // once an ArithmeticException ('long overflow') from inside the store, or kept by one store only
        IllegalArgumentException draft = assertThrows(IllegalArgumentException.class,
                () -> DecisionRecord.draft(Instant.MAX, EventType.POINTS_EARN, "acct1", Optional.empty(), Optional.empty(),
                        Optional.empty(), Action.DENY, List.of(DENY)));
        assertEquals("at of a decision must lie in the years 0000 to 9999: " + Instant.MAX, draft.getMessage());
        DecisionRecord a = store.record(review("acct1", "order-1"));
        IllegalArgumentException resolved = assertThrows(IllegalArgumentException.class,
                () -> store.resolve(a.id(), DecisionStatus.RELEASED, "op1", Instant.MAX));
        assertEquals("at of a resolution must lie in the years 0000 to 9999: " + Instant.MAX, resolved.getMessage());
        assertEquals(DecisionStatus.OPEN, store.find(a.id()).orElseThrow().status());
        IllegalArgumentException voided = assertThrows(IllegalArgumentException.class,
                () -> store.voidCode("CODE1", a.id(), Instant.MIN));
        assertEquals("at of a voided code must lie in the years 0000 to 9999: " + Instant.MIN, voided.getMessage());
        assertFalse(store.isVoided("CODE1"));
        Instant last = Instant.parse("9999-12-31T23:59:59.999Z");
        assertEquals(Optional.of(last), store.resolve(a.id(), DecisionStatus.RELEASED, "op1", last).resolvedAt());
    }

    @Test
    void openIsOldestFirstAndLimited() {
        for (int i = 0; i < 5; i++) {
            store.record(review("acct" + i, "order-" + i));
        }
        List<DecisionRecord> two = store.open(2);
        assertEquals(List.of("acct0", "acct1"), two.stream().map(DecisionRecord::identifier).toList());
        assertEquals(0, store.open(0).size());
    }

    /** Eight threads race to resolve the same decisions both ways: each ends resolved once, consistently. */
    @Test
    void concurrentResolutionsAgree() throws Exception {
        int n = 20;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = store.record(review("acct" + i, "order-" + i)).id();
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> outcomes = ConcurrentHashMap.newKeySet();
        List<Future<?>> fs = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            DecisionStatus to = t % 2 == 0 ? DecisionStatus.RELEASED : DecisionStatus.CONFIRMED;
            fs.add(pool.submit(() -> {
                for (long id : ids) {
                    try {
                        DecisionRecord r = store.resolve(id, to, "op", AT);
                        outcomes.add(id + ":" + r.status());
                    } catch (IllegalStateException lost) {
                        // resolved the other way first
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(n, outcomes.size(), "every decision has exactly one final status: " + outcomes);
        for (long id : ids) {
            assertTrue(outcomes.contains(id + ":" + store.find(id).orElseThrow().status()));
        }
        assertEquals(0, store.open(100).size());
    }
}
