package dev.o2o.testkit.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.ClusterErasure;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.identity.IdentityStore;
import dev.o2o.core.identity.LinkResult;
import dev.o2o.core.identity.MergeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of {@link IdentityStore}: what every store must keep (identifiers in their
 * first order, links in order, merge history, erasures), what it must refuse (values past the
 * limits, a merge sequence held already) without writing anything, and the restart contract: a
 * graph opened again from the store ({@link IdentityGraph#open}) has the same customers, keys,
 * links and merge history, also after unlinks, erasures and 8 threads adding links at once.
 *
 * <p>To check a store of your own, extend this class in your tests (JUnit 5), return a fresh, empty
 * store from {@link #newStore()} and, if your store reads from a database, a new instance over the
 * same data from {@link #reopen}, as a process started again would make it:
 * <pre>{@code
 * class MyIdentityStoreTest extends IdentityStoreConformanceTest {
 *     protected IdentityStore newStore() { ... empty tables ...; return MyIdentityStore.over(ds); }
 *     protected IdentityStore reopen(IdentityStore store) { return MyIdentityStore.over(ds); }
 * }
 * }</pre>
 *
 * <p>Each test gets its own store; an instance is used by one test at a time, as JUnit does.
 */
public abstract class IdentityStoreConformanceTest {

    /** The instant links of the tests start at. */
    protected static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    /** The store under test, fresh for each test. */
    protected IdentityStore store;

    /** Subclasses supply the store. */
    protected IdentityStoreConformanceTest() {
    }

    /** A new empty store, its schema created; called once per test. */
    protected abstract IdentityStore newStore();

    /**
     * A store over the same data as {@code store}, as a process started again would open it. The
     * default returns {@code store} itself, which is right for a store that lives in memory only.
     */
    protected IdentityStore reopen(IdentityStore store) {
        return store;
    }

    /** Links per thread in the concurrency test (JDBC stores are slower). */
    protected int linksPerThread() {
        return 300;
    }

    /** Creates the store of one test. */
    @BeforeEach
    protected void setUp() {
        store = newStore();
    }

    static final Identifier PHONE = Identifier.phone("13812345678");
    static final Identifier CARD = Identifier.memberCard("M-0001");
    static final Identifier APP = Identifier.appUserId("u-42");
    static final Identifier DEVICE = Identifier.deviceId("dev-aa");

    static IdentityLink link(Identifier a, Identifier b, int minute) {
        return IdentityLink.of(a, b, T0.plusSeconds(60L * minute), "evidence-" + minute % 3);
    }

    /** Random links over a universe of mixed identifier types and value forms. */
    static List<IdentityLink> randomLinks(long seed, int universe, int count) {
        Random rnd = new Random(seed);
        IdentifierType[] types = {IdentifierType.PHONE, IdentifierType.MEMBER_CARD, IdentifierType.DEVICE_ID,
                IdentifierType.APP_USER_ID, IdentifierType.of("crm_id")};
        List<IdentityLink> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int i = rnd.nextInt(universe);
            int j = rnd.nextInt(universe);
            if (i != j) {
                out.add(IdentityLink.of(id(types, i), id(types, j), T0.plusMillis(1234L * k), "e" + k % 4));
            }
        }
        return out;
    }

    private static Identifier id(IdentifierType[] types, int i) {
        String v = i % 3 == 0 ? String.format("%064x", i * 0x9E3779B97F4A7C15L) : i % 3 == 1 ? "v" + i : "\u5f20-" + i;
        return Identifier.of(types[i % types.length], v);
    }

    /** Every identifier's key. */
    static Map<Identifier, CustomerKey> keys(IdentityGraph g) {
        Map<Identifier, CustomerKey> out = new HashMap<>();
        for (Identifier id : g.identifiers()) {
            out.put(id, g.resolve(id).orElseThrow());
        }
        return out;
    }

    /** Asserts that two graphs hold the same customers, keys, identifiers, links and history. */
    static void assertSameGraph(IdentityGraph expected, IdentityGraph actual) {
        assertEquals(expected.identifiers(), actual.identifiers(), "identifiers, oldest first");
        assertEquals(keys(expected), keys(actual), "keys");
        assertEquals(expected.links(), actual.links(), "links");
        assertEquals(expected.mergeHistory(), actual.mergeHistory(), "merge history");
        assertEquals(expected.customerCount(), actual.customerCount(), "customers");
        assertEquals(expected.superNodes(), actual.superNodes(), "super-nodes");
        for (CustomerKey k : keys(expected).values()) {
            assertTrue(actual.contains(k));
            assertEquals(expected.identifiersOf(k), actual.identifiersOf(k));
        }
    }

    @Test
    void aNewStoreIsEmpty() {
        assertEquals(List.of(), store.identifiers());
        assertEquals(List.of(), store.links());
        assertEquals(List.of(), store.mergeHistory());
        assertEquals(List.of(), store.erasures());
    }

    @Test
    void identifiersKeepTheOrderTheyWereFirstRegisteredIn() {
        store.addIdentifiers(List.of(PHONE, CARD));
        store.addIdentifiers(List.of(CARD, APP, PHONE));
        store.addLinks(List.of(link(DEVICE, CARD, 0)), List.of());
        assertEquals(List.of(PHONE, CARD, APP, DEVICE), reopen(store).identifiers());
    }

    @Test
    void linksAndMergesPersistInOrderAndToTheMillisecond() {
        IdentityLink first = IdentityLink.of(PHONE, CARD, T0.plusNanos(1_234_567), "pos-member-scan");
        IdentityLink second = link(APP, CARD, 1);
        MergeEvent m0 = new MergeEvent(0, IdentityLink.of(PHONE, CARD, T0.plusMillis(1), "pos-member-scan"),
                CustomerKey.of("cust-a"), CustomerKey.of("cust-b"));
        MergeEvent m1 = new MergeEvent(1, second, CustomerKey.of("cust-a"), CustomerKey.of("cust-c"));
        store.addLinks(List.of(first), List.of(m0));
        store.addLinks(List.of(second), List.of(m1));
        IdentityStore again = reopen(store);
        assertEquals(List.of(IdentityLink.of(PHONE, CARD, T0.plusMillis(1), "pos-member-scan"), second), again.links());
        assertEquals(List.of(m0, m1), again.mergeHistory());
        assertEquals(List.of(PHONE, CARD, APP), again.identifiers());
    }

    @Test
    void aMergeSequenceHeldAlreadyIsRefusedAndNothingOfTheCallIsWritten() {
        MergeEvent m0 = new MergeEvent(0, link(PHONE, CARD, 0), CustomerKey.of("cust-a"), CustomerKey.of("cust-b"));
        store.addLinks(List.of(link(PHONE, CARD, 0)), List.of(m0));
        MergeEvent again = new MergeEvent(0, link(APP, CARD, 1), CustomerKey.of("cust-a"), CustomerKey.of("cust-c"));
        assertThrows(IllegalArgumentException.class, () -> store.addLinks(List.of(link(APP, CARD, 1)), List.of(again)));
        assertEquals(List.of(link(PHONE, CARD, 0)), store.links());
        assertEquals(List.of(PHONE, CARD), store.identifiers());
        assertEquals(List.of(m0), store.mergeHistory());
    }

    @Test
    void valuesPastTheLimitsAreRefusedBeforeAnythingIsWritten() {
        Identifier tooLong = Identifier.email("x".repeat(IdentityStore.MAX_VALUE_CHARS + 1));
        Identifier longest = Identifier.email("y".repeat(IdentityStore.MAX_VALUE_CHARS));
        assertThrows(IllegalArgumentException.class, () -> store.addIdentifiers(List.of(PHONE, tooLong)));
        assertThrows(IllegalArgumentException.class, () -> store.addLinks(List.of(link(CARD, APP, 0),
                link(PHONE, tooLong, 1)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.addLinks(List.of(IdentityLink.of(PHONE, CARD, T0,
                "e".repeat(IdentityStore.MAX_EVIDENCE_CHARS + 1))), List.of()));
        assertEquals(List.of(), store.identifiers());
        assertEquals(List.of(), store.links());
        store.addLinks(List.of(IdentityLink.of(PHONE, longest, T0, "e".repeat(IdentityStore.MAX_EVIDENCE_CHARS))),
                List.of());
        assertEquals(List.of(PHONE, longest), reopen(store).identifiers());
        // a graph over the store refuses such a link before it changes anything
        IdentityGraph g = IdentityGraph.open(store, IdentityConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> g.addLink(link(CARD, tooLong, 2)));
        assertEquals(2, g.identifierCount());
        assertEquals(LinkResult.MERGED, g.addLink(link(CARD, PHONE, 3)));
    }

    @Test
    void removingLinksWorksEitherWayRound() {
        store.addLinks(List.of(link(PHONE, CARD, 0), link(CARD, APP, 1), link(APP, DEVICE, 2)), List.of());
        assertEquals(1, store.removeLinks(APP, CARD));
        assertEquals(0, store.removeLinks(APP, CARD));
        assertEquals(1, store.removeLinks(DEVICE, APP));
        assertEquals(List.of(link(PHONE, CARD, 0)), reopen(store).links());
        assertEquals(List.of(PHONE, CARD, APP, DEVICE), store.identifiers());
    }

    @Test
    void anErasureForgetsIdentifiersTheirLinksAndMergesAndIsRecorded() {
        Identifier other = Identifier.phone("13900000000");
        MergeEvent m0 = new MergeEvent(0, link(PHONE, CARD, 0), CustomerKey.of("cust-a"), CustomerKey.of("cust-b"));
        MergeEvent m1 = new MergeEvent(1, link(other, DEVICE, 1), CustomerKey.of("cust-d"), CustomerKey.of("cust-e"));
        store.addLinks(List.of(link(PHONE, CARD, 0), link(other, DEVICE, 1), link(CARD, DEVICE, 2)), List.of(m0, m1));
        ClusterErasure erasure = new ClusterErasure(CustomerKey.of("cust-a"), 2, 2, 1);
        store.erase(erasure, List.of(PHONE, CARD));
        IdentityStore again = reopen(store);
        assertEquals(List.of(other, DEVICE), again.identifiers());
        assertEquals(List.of(link(other, DEVICE, 1)), again.links());
        assertEquals(List.of(m1), again.mergeHistory());
        assertEquals(List.of(erasure), again.erasures());
    }

    @Test
    void aGraphOpenedAgainHasTheSameCustomersKeysLinksAndHistory() {
        IdentityConfig config = IdentityConfig.defaults().withSuperNodeLimit(IdentifierType.DEVICE_ID, 6);
        IdentityGraph g = IdentityGraph.open(store, config);
        List<IdentityLink> links = randomLinks(22, 120, 100);
        g.addLinks(links.subList(0, 50));
        links.subList(50, links.size()).forEach(g::addLink);
        g.addIdentifier(Identifier.email("alone@example.com"));
        // a wrong link undone, and one customer erased
        IdentityLink wrong = links.get(3);
        g.unlink(wrong.first(), wrong.second());
        CustomerKey erased = g.resolve(links.get(10).first()).orElseThrow();
        assertTrue(g.erase(erased).identifiersRemoved() > 0);

        IdentityGraph reopened = IdentityGraph.open(reopen(store), config);
        assertSameGraph(g, reopened);
        assertFalse(reopened.contains(erased));
        assertEquals(1, reopen(store).erasures().size());

        // the reopened graph goes on: the next merge is numbered after the restored history
        Identifier fresh = Identifier.memberCard("M-new");
        assertEquals(LinkResult.MERGED, reopened.addLink(IdentityLink.of(fresh, Identifier.email("alone@example.com"),
                T0, "signup")));
        List<MergeEvent> history = reopened.mergeHistory();
        MergeEvent last = history.get(history.size() - 1);
        assertTrue(history.size() < 2 || last.sequence() > history.get(history.size() - 2).sequence());
        assertSameGraph(reopened, IdentityGraph.open(reopen(store), config));
    }

    @Test
    void keysDoNotDependOnTheOrderLinksWereStoredIn() {
        List<IdentityLink> links = randomLinks(7, 80, 60);
        IdentityGraph g = IdentityGraph.open(store, IdentityConfig.defaults());
        List<IdentityLink> shuffled = new ArrayList<>(links);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(g::addLink);
        IdentityGraph inOrder = IdentityGraph.create();
        links.forEach(inOrder::addLink);
        assertEquals(keys(inOrder), keys(IdentityGraph.open(reopen(store), IdentityConfig.defaults())));
    }

    @Test
    void eightThreadsAddingLinksGiveTheCustomersOfOneAndKeepThemAll() throws Exception {
        int threads = 8;
        List<IdentityLink> links = randomLinks(8, threads * linksPerThread() * 2, threads * linksPerThread());
        IdentityGraph serial = IdentityGraph.create();
        links.forEach(serial::addLink);

        IdentityGraph shared = IdentityGraph.open(store, IdentityConfig.defaults());
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = from; i < links.size(); i += threads) {
                        shared.addLink(links.get(i));
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
        assertEquals(keys(serial), keys(shared));
        assertEquals(serial.customerCount(), shared.customerCount());
        assertEquals(serial.linkCount(), shared.linkCount());
        IdentityGraph reopened = IdentityGraph.open(reopen(store), IdentityConfig.defaults());
        assertSameGraph(shared, reopened);
        assertEquals(keys(serial), keys(reopened));
    }
}
