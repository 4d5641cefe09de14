package dev.o2o.testkit.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.core.customer.StoreChange;
import dev.o2o.core.profile.CustomerProfile;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileState;
import dev.o2o.core.profile.ProfileStore;
import dev.o2o.testkit.customer.SameMoment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of {@link ProfileStore}: a store's profiles equal those a
 * {@link ProfileState} builds from the same events, before and after a restart; an order counts
 * once per customer by id, also when it comes again after a restart; merges fold one profile into
 * another atomically (and refuse profiles that counted the same order, changing nothing); as a
 * {@link CustomerDataStore} ({@link CustomerDataStore#profiles(ProfileStore)}) a merge event folds
 * once by its id, also after a restart and when retried concurrently, a refused one records nothing, an unmerge moves nothing back
 * and an erasure removes the profile; removal forgets; 8 threads updating the same customers lose no update.
 *
 * <p>To check a store of your own, extend this class in your tests (JUnit 5), return a fresh, empty
 * store with {@link #CONFIG} from {@link #newStore()} and, if it reads from a database, a new
 * instance over the same data from {@link #reopen}:
 * <pre>{@code
 * class MyProfileStoreTest extends ProfileStoreConformanceTest {
 *     protected ProfileStore newStore() { ... empty table ...; return MyProfileStore.over(ds, CONFIG); }
 *     protected ProfileStore reopen(ProfileStore store) { return MyProfileStore.over(ds, CONFIG); }
 * }
 * }</pre>
 *
 * <p>Each test gets its own store; an instance is used by one test at a time, as JUnit does.
 */
public abstract class ProfileStoreConformanceTest {

    /** The configuration the stores under test must use: CNY, a 3-day O2O window, UTC. */
    protected static final ProfileConfig CONFIG = ProfileConfig.defaults().withO2oWindow(Duration.ofDays(3));
    /** The instant events of the tests start at. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant AS_OF = T0.plus(Duration.ofDays(120));

    static final CustomerKey ALICE = CustomerKey.of("cust-alice");
    static final CustomerKey BOB = CustomerKey.of("cust-bob");
    static final Channel APP = Channel.online("app");
    static final Channel STORE = Channel.offline("store");
    static final Channel MINI = Channel.online("mini-program");

    /** The store under test, fresh for each test. */
    protected ProfileStore store;

    /** Subclasses supply the store. */
    protected ProfileStoreConformanceTest() {
    }

    /** A new empty store with {@link #CONFIG}, its schema created; called once per test. */
    protected abstract ProfileStore newStore();

    /**
     * A store over the same data as {@code store}, as a process started again would open it. The
     * default returns {@code store} itself, which is right for a store that lives in memory only.
     */
    protected ProfileStore reopen(ProfileStore store) {
        return store;
    }

    /** Updates per thread in the concurrency test (JDBC stores are slower). */
    protected int updatesPerThread() {
        return 200;
    }

    /** Creates the store of one test. */
    @BeforeEach
    protected void setUp() {
        store = newStore();
    }

    static Order order(String id, CustomerKey c, Channel ch, Instant at, String amount, OrderStatus status,
                       String refunded) {
        return new Order(id, c, ch, Optional.ofNullable(ch.isOffline() ? "S1" : null), at,
                List.of(new OrderLine("sku-" + id, "cat", 1, Money.of(amount, "CNY"))), status, Money.of(refunded, "CNY"));
    }

    /** Random orders and touchpoints of one customer, with distinct order ids. */
    static List<Object> randomEvents(SplittableRandom rnd, CustomerKey c, String idPrefix, int n) {
        Channel[] channels = {APP, STORE, MINI};
        TouchpointType[] types = TouchpointType.values();
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Channel ch = channels[rnd.nextInt(channels.length)];
            Instant at = T0.plusSeconds(rnd.nextLong(90L * 86_400)).plusNanos(rnd.nextInt(1_000_000_000));
            if (rnd.nextBoolean()) {
                events.add(Touchpoint.of(c, ch, at, types[rnd.nextInt(types.length)]));
            } else {
                long cents = 100 + rnd.nextLong(50_000);
                String amount = Money.ofMinor(cents, Money.currency("CNY")).amount().toPlainString();
                boolean refund = rnd.nextInt(5) == 0;
                events.add(order(idPrefix + i, c, ch, at, amount,
                        refund ? OrderStatus.REFUNDED : OrderStatus.COMPLETED, refund ? amount : "0"));
            }
        }
        return events;
    }

    static void apply(ProfileStore s, List<Object> events) {
        for (Object e : events) {
            if (e instanceof Touchpoint t) {
                s.add(t);
            } else {
                s.add((Order) e);
            }
        }
    }

    static CustomerProfile built(CustomerKey c, List<Object> events) {
        ProfileState s = ProfileState.empty(c, CONFIG);
        for (Object e : events) {
            if (e instanceof Touchpoint t) {
                s.add(t);
            } else {
                s.add((Order) e);
            }
        }
        return s.profile(AS_OF);
    }

    @Test
    void aNewStoreIsEmpty() {
        assertEquals(List.of(), store.customers());
        assertEquals(Optional.empty(), store.profile(ALICE, AS_OF));
        assertFalse(store.hasOrder(ALICE, "o1"));
        assertEquals(CONFIG, store.config());
    }

    @Test
    void profilesAreThoseAStateBuildsAndSurviveARestart() {
        SplittableRandom rnd = new SplittableRandom(22);
        List<Object> alice = randomEvents(rnd, ALICE, "a", 40);
        List<Object> bob = randomEvents(rnd, BOB, "b", 25);
        apply(store, alice);
        apply(store, bob);
        assertEquals(Optional.of(built(ALICE, alice)), store.profile(ALICE, AS_OF));
        ProfileStore again = reopen(store);
        assertEquals(Optional.of(built(ALICE, alice)), again.profile(ALICE, AS_OF));
        assertEquals(Optional.of(built(BOB, bob)), again.profile(BOB, AS_OF));
        assertEquals(List.of(ALICE, BOB), again.customers());
    }

    @Test
    void anOrderCountsOnceByIdAlsoAfterARestart() {
        Order o = order("o-1", ALICE, STORE, T0, "88.00", OrderStatus.COMPLETED, "0");
        assertTrue(store.add(o));
        assertFalse(store.add(o));
        ProfileStore again = reopen(store);
        assertTrue(again.hasOrder(ALICE, "o-1"));
        assertFalse(again.add(order("o-1", ALICE, APP, T0.plusSeconds(60), "88.00", OrderStatus.COMPLETED, "0")));
        CustomerProfile p = again.profile(ALICE, AS_OF).orElseThrow();
        assertEquals(1, p.orders());
        assertEquals(Money.of("88.00", "CNY"), p.spend());
        // the id is per customer: another customer's order may carry it
        assertTrue(again.add(order("o-1", BOB, APP, T0, "10.00", OrderStatus.COMPLETED, "0")));
    }

    @Test
    void anOrderInAnotherCurrencyIsRefusedAndNothingIsWritten() {
        Order usd = new Order("o-usd", ALICE, APP, Optional.empty(), T0,
                List.of(new OrderLine("sku", "cat", 1, Money.of("5.00", "USD"))), OrderStatus.COMPLETED,
                Money.of("0", "USD"));
        assertThrows(IllegalArgumentException.class, () -> store.add(usd));
        assertEquals(List.of(), store.customers());
    }

    @Test
    void aMergeFoldsTheAbsorbedProfileIntoTheSurvivor() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<Object> alice = randomEvents(rnd, ALICE, "a", 20);
        List<Object> bob = randomEvents(rnd, BOB, "b", 20);
        apply(store, alice);
        apply(store, bob);
        store.mergeCustomers(BOB, ALICE);
        ProfileStore again = reopen(store);
        // the whole history under the survivor's key, as if every event had been its own
        List<Object> all = new ArrayList<>(alice);
        all.addAll(asCustomer(bob, ALICE));
        assertEquals(Optional.of(built(ALICE, all)), again.profile(ALICE, AS_OF));
        assertEquals(Optional.empty(), again.profile(BOB, AS_OF));
        assertEquals(List.of(ALICE), again.customers());
        // an order of the absorbed customer delivered again under the survivor counts no more
        Order bobs = (Order) bob.stream().filter(e -> e instanceof Order).findFirst().orElseThrow();
        assertFalse(again.add(withCustomer(bobs, ALICE)));
        // merging a customer the store does not know changes nothing; into oneself is refused
        again.mergeCustomers(CustomerKey.of("cust-nobody"), ALICE);
        assertEquals(Optional.of(built(ALICE, all)), again.profile(ALICE, AS_OF));
        assertThrows(IllegalArgumentException.class, () -> again.mergeCustomers(ALICE, ALICE));
    }

    @Test
    void aMergeIntoACustomerWithoutAProfileMovesTheProfile() {
        List<Object> bob = randomEvents(new SplittableRandom(9), BOB, "b", 10);
        apply(store, bob);
        store.mergeCustomers(BOB, ALICE);
        assertEquals(Optional.empty(), reopen(store).profile(BOB, AS_OF));
        assertEquals(built(BOB, bob).orders(), reopen(store).profile(ALICE, AS_OF).orElseThrow().orders());
    }

    @Test
    void profilesThatCountedTheSameOrderAreNotMergedAndNothingChanges() {
        store.add(order("o-9", ALICE, STORE, T0, "10.00", OrderStatus.COMPLETED, "0"));
        store.add(order("o-9", BOB, STORE, T0, "10.00", OrderStatus.COMPLETED, "0"));
        store.add(order("o-10", BOB, STORE, T0, "20.00", OrderStatus.COMPLETED, "0"));
        assertThrows(IllegalArgumentException.class, () -> store.mergeCustomers(BOB, ALICE));
        ProfileStore again = reopen(store);
        assertEquals(Money.of("10.00", "CNY"), again.profile(ALICE, AS_OF).orElseThrow().spend());
        assertEquals(Money.of("30.00", "CNY"), again.profile(BOB, AS_OF).orElseThrow().spend());
    }

    @Test
    void aMergeEventFoldsOnceByItsIdAlsoAfterARestart() {
        SplittableRandom rnd = new SplittableRandom(31);
        List<Object> alice = randomEvents(rnd, ALICE, "a", 15);
        List<Object> bob = randomEvents(rnd, BOB, "b", 15);
        apply(store, alice);
        apply(store, bob);
        CustomerMerge merge = new CustomerMerge("m1-0011223344556677", BOB, ALICE);
        StoreChange first = CustomerDataStore.profiles(store).merge(merge);
        assertEquals(new StoreChange("profiles", false, Map.of("profiles", 1L)), first);
        List<Object> all = new ArrayList<>(alice);
        all.addAll(asCustomer(bob, ALICE));
        CustomerProfile merged = built(ALICE, all);
        ProfileStore again = reopen(store);
        assertEquals(Optional.of(merged), again.profile(ALICE, AS_OF));
        assertEquals(List.of(ALICE), again.customers());
        // a late event under the absorbed key, then the same merge again: replayed, nothing folds twice
        again.add(order("b-late", BOB, STORE, T0, "7.00", OrderStatus.COMPLETED, "0"));
        StoreChange replay = CustomerDataStore.profiles(again).merge(merge);
        assertEquals(new StoreChange("profiles", true, Map.of("profiles", 1L)), replay);
        assertEquals(Optional.of(merged), again.profile(ALICE, AS_OF));
        assertEquals(Money.of("7.00", "CNY"), again.profile(BOB, AS_OF).orElseThrow().spend());
        // a new merge id of the same two keys is a new merge and folds the late event
        CustomerMerge later = new CustomerMerge("m2-8899aabbccddeeff", BOB, ALICE);
        assertEquals(new StoreChange("profiles", false, Map.of("profiles", 1L)),
                CustomerDataStore.profiles(again).merge(later));
        assertEquals(merged.orders() + 1, again.profile(ALICE, AS_OF).orElseThrow().orders());
        assertEquals(merged.spend().plus(Money.of("7.00", "CNY")), again.profile(ALICE, AS_OF).orElseThrow().spend());
        assertEquals(List.of(ALICE), again.customers());
    }

    @Test
    void concurrentRetriesOfOneMergeEventFoldOnce() throws Exception {
        List<Object> bob = randomEvents(new SplittableRandom(17), BOB, "b", 12);
        apply(store, bob);
        store.add(Touchpoint.of(ALICE, APP, T0, TouchpointType.CLICK));
        CustomerMerge merge = new CustomerMerge("m6-0000000000000004", BOB, ALICE);
        CustomerDataStore profiles = CustomerDataStore.profiles(store);
        int fresh = 0;
        for (StoreChange c : SameMoment.run(6, () -> profiles.merge(merge))) {
            assertEquals(1, c.count("profiles"));
            fresh += c.replayed() ? 0 : 1;
        }
        assertEquals(1, fresh);
        CustomerProfile a = reopen(store).profile(ALICE, AS_OF).orElseThrow();
        assertEquals(built(BOB, bob).orders(), a.orders());
        assertEquals(built(BOB, bob).touchpoints() + 1, a.touchpoints());
        assertEquals(List.of(ALICE), reopen(store).customers());
    }

    @Test
    void aMergeEventOfACustomerWithoutAProfileFoldsNothingAndIsRecorded() {
        store.add(Touchpoint.of(ALICE, APP, T0, TouchpointType.CLICK));
        CustomerMerge merge = new CustomerMerge("m3-0000000000000001", BOB, ALICE);
        assertEquals(new StoreChange("profiles", false, Map.of("profiles", 0L)),
                CustomerDataStore.profiles(store).merge(merge));
        store.add(Touchpoint.of(BOB, APP, T0, TouchpointType.CLICK));
        assertEquals(new StoreChange("profiles", true, Map.of("profiles", 0L)),
                CustomerDataStore.profiles(reopen(store)).merge(merge));
        assertEquals(List.of(ALICE, BOB), reopen(store).customers());
    }

    @Test
    void aRefusedMergeEventChangesAndRecordsNothingAndCanBeAppliedOnceResolved() {
        store.add(order("o-9", ALICE, STORE, T0, "10.00", OrderStatus.COMPLETED, "0"));
        store.add(order("o-9", BOB, STORE, T0, "10.00", OrderStatus.COMPLETED, "0"));
        store.add(order("o-10", BOB, STORE, T0, "20.00", OrderStatus.COMPLETED, "0"));
        CustomerMerge merge = new CustomerMerge("m4-0000000000000002", BOB, ALICE);
        CustomerDataStore profiles = CustomerDataStore.profiles(store);
        assertThrows(IllegalArgumentException.class, () -> profiles.merge(merge));
        ProfileStore again = reopen(store);
        assertEquals(Money.of("10.00", "CNY"), again.profile(ALICE, AS_OF).orElseThrow().spend());
        assertEquals(Money.of("30.00", "CNY"), again.profile(BOB, AS_OF).orElseThrow().spend());
        // resolved by rebuilding the absorbed profile without the order counted twice
        assertTrue(again.remove(BOB));
        again.add(order("o-10", BOB, STORE, T0, "20.00", OrderStatus.COMPLETED, "0"));
        assertEquals(new StoreChange("profiles", false, Map.of("profiles", 1L)),
                CustomerDataStore.profiles(again).merge(merge));
        CustomerProfile a = again.profile(ALICE, AS_OF).orElseThrow();
        assertEquals(Money.of("30.00", "CNY"), a.spend());
        assertEquals(2, a.orders());
        assertEquals(List.of(ALICE), again.customers());
    }

    @Test
    void anUnmergeMovesNothingBackAndAnErasureRemovesTheProfile() {
        apply(store, randomEvents(new SplittableRandom(41), BOB, "b", 10));
        store.add(Touchpoint.of(ALICE, APP, T0, TouchpointType.CLICK));
        CustomerMerge merge = new CustomerMerge("m5-0000000000000003", BOB, ALICE);
        CustomerDataStore profiles = CustomerDataStore.profiles(store);
        profiles.merge(merge);
        CustomerProfile merged = store.profile(ALICE, AS_OF).orElseThrow();
        assertEquals(new StoreChange("profiles", false, Map.of("profiles", 0L)), profiles.unmerge(merge, BOB));
        ProfileStore again = reopen(store);
        assertEquals(Optional.of(merged), again.profile(ALICE, AS_OF));
        assertEquals(Optional.empty(), again.profile(BOB, AS_OF));
        CustomerKey pseudonym = CustomerKey.of("erased-5f3a");
        CustomerDataStore reopened = CustomerDataStore.profiles(again);
        assertEquals(new StoreChange("profiles", false, Map.of("profiles", 1L)), reopened.erase(ALICE, pseudonym));
        assertEquals(new StoreChange("profiles", false, Map.of("profiles", 0L)), reopened.erase(ALICE, pseudonym));
        ProfileStore afterErasure = reopen(again);
        assertEquals(List.of(), afterErasure.customers());
        assertEquals(Optional.empty(), afterErasure.profile(ALICE, AS_OF));
        assertEquals(Optional.empty(), afterErasure.profile(pseudonym, AS_OF));
        assertFalse(afterErasure.hasOrder(ALICE, "b1"));
    }

    @Test
    void removalForgetsTheCustomer() {
        apply(store, randomEvents(new SplittableRandom(3), ALICE, "a", 10));
        store.add(Touchpoint.of(BOB, APP, T0, TouchpointType.CLICK));
        assertTrue(store.remove(ALICE));
        assertFalse(store.remove(ALICE));
        ProfileStore again = reopen(store);
        assertEquals(Optional.empty(), again.profile(ALICE, AS_OF));
        assertFalse(again.hasOrder(ALICE, "a1"));
        assertEquals(List.of(BOB), again.customers());
    }

    @Test
    void eightThreadsUpdatingTheSameCustomersLoseNothing() throws Exception {
        int threads = 8;
        int n = updatesPerThread();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger counted = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < n; i++) {
                        CustomerKey c = i % 2 == 0 ? ALICE : BOB;
                        // every order id twice across threads: only one of the two counts
                        String id = "o-" + (thread / 2) + "-" + i;
                        if (store.add(order(id, c, STORE, T0.plusSeconds(i), "1.00", OrderStatus.COMPLETED, "0"))) {
                            counted.incrementAndGet();
                        }
                        store.add(Touchpoint.of(c, APP, T0.plusSeconds(i), TouchpointType.CLICK));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        int distinct = threads / 2 * n;
        assertEquals(distinct, counted.get());
        ProfileStore again = reopen(store);
        CustomerProfile a = again.profile(ALICE, AS_OF).orElseThrow();
        CustomerProfile b = again.profile(BOB, AS_OF).orElseThrow();
        assertEquals(distinct, a.orders() + b.orders());
        assertEquals(Money.ofMinor(100L * distinct, Money.currency("CNY")), a.spend().plus(b.spend()));
        assertEquals((long) threads * n, a.touchpoints() + b.touchpoints());
    }

    /** The events as if they had been {@code c}'s. */
    static List<Object> asCustomer(List<Object> events, CustomerKey c) {
        List<Object> out = new ArrayList<>();
        for (Object e : events) {
            out.add(e instanceof Touchpoint t ? Touchpoint.of(c, t.channel(), t.instant(), t.type())
                    : withCustomer((Order) e, c));
        }
        return out;
    }

    static Order withCustomer(Order o, CustomerKey c) {
        return new Order(o.id(), c, o.channel(), o.storeId(), o.instant(), o.lines(), o.status(), o.refunded());
    }
}
