package dev.o2o.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.identity.MergeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerMergesTest {

    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    static final CustomerKey A = CustomerKey.of("a");
    static final CustomerKey B = CustomerKey.of("b");

    /** A store that keeps a count per key and logs the calls, idempotent by merge id. */
    static final class CountingStore implements CustomerDataStore {
        final String name;
        final Map<CustomerKey, Long> held = new HashMap<>();
        final Map<String, Long> applied = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        CountingStore(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public StoreChange merge(CustomerMerge m) {
            calls.add("merge " + m.mergeId());
            Long done = applied.get(m.mergeId());
            if (done != null) {
                return new StoreChange(name, true, Map.of("n", done));
            }
            long n = held.getOrDefault(m.absorbed(), 0L);
            held.remove(m.absorbed());
            held.merge(m.survivor(), n, Long::sum);
            applied.put(m.mergeId(), n);
            return new StoreChange(name, false, Map.of("n", n));
        }

        @Override
        public StoreChange unmerge(CustomerMerge m, CustomerKey returnTo) {
            calls.add("unmerge " + m.mergeId() + " to " + returnTo);
            long n = applied.getOrDefault(m.mergeId(), 0L);
            held.merge(m.survivor(), -n, Long::sum);
            held.merge(returnTo, n, Long::sum);
            return new StoreChange(name, false, Map.of("n", n));
        }

        @Override
        public StoreChange erase(CustomerKey customer, CustomerKey replacement) {
            calls.add("erase");
            Long n = held.remove(customer);
            if (n != null) {
                held.put(replacement, n);
            }
            return new StoreChange(name, false, Map.of("n", n == null ? 0L : n));
        }
    }

    @Test
    void aMergeReachesEveryStoreInOrderAndReportsEach() {
        CountingStore first = new CountingStore("first");
        CountingStore second = new CountingStore("second");
        first.held.put(A, 487L);
        second.held.put(A, 2L);
        CustomerMerges merges = CustomerMerges.of(List.of(first, second));

        MergeReport r = merges.apply(new CustomerMerge("m1", A, B));

        assertEquals(List.of("first", "second"), r.changes().stream().map(StoreChange::store).toList());
        assertEquals(487, r.change("first").count("n"));
        assertEquals(2, r.change("second").count("n"));
        assertFalse(r.replayed());
        assertTrue(merges.apply(new CustomerMerge("m1", A, B)).replayed());
        assertEquals(487L, first.held.get(B));
        assertThrows(IllegalArgumentException.class, () -> r.change("third"));
    }

    @Test
    void unlinkUndoesTheMergeThatTheRemovedLinkMade() {
        IdentityGraph graph = IdentityGraph.create();
        Identifier card = Identifier.memberCard("M-1");
        Identifier app = Identifier.appUserId("u-1");
        Identifier other = Identifier.email("x@example.com");
        CustomerKey cardKey = graph.addIdentifier(card);
        CustomerKey appKey = graph.addIdentifier(app);
        graph.addIdentifier(other);
        CountingStore store = new CountingStore("s");
        store.held.put(appKey, 10L);
        CustomerMerges merges = CustomerMerges.of(List.of(store));
        graph.addLink(IdentityLink.of(card, app, T, "scan"));
        graph.addLink(IdentityLink.of(card, other, T, "newsletter"));
        for (MergeEvent e : graph.mergeHistory()) {
            merges.apply(e);
        }
        assertEquals(10L, store.held.get(cardKey));

        UnlinkReport r = merges.unlink(graph, app, card);

        assertTrue(r.split().split());
        assertEquals(10, r.undone().orElseThrow().change("s").count("n"));
        assertEquals(10L, store.held.get(appKey));
        assertEquals(0L, store.held.get(cardKey));
        // a link that was never there undoes nothing
        assertTrue(merges.unlink(graph, app, other).undone().isEmpty());
    }

    @Test
    void mergeIdsFromEventsDifferWhenTheSameKeysMergeAgain() {
        IdentityGraph graph = IdentityGraph.create();
        Identifier card = Identifier.memberCard("M-1");
        Identifier app = Identifier.appUserId("u-1");
        graph.addIdentifier(card);
        graph.addIdentifier(app);
        graph.addLink(IdentityLink.of(card, app, T, "scan"));
        graph.unlink(card, app);
        graph.addLink(IdentityLink.of(card, app, T.plusSeconds(5), "scan"));
        List<MergeEvent> history = graph.mergeHistory();
        CustomerMerge first = CustomerMerge.of(history.get(0));
        CustomerMerge again = CustomerMerge.of(history.get(history.size() - 1));

        assertEquals(first.absorbed(), again.absorbed());
        assertNotEquals(first.mergeId(), again.mergeId());
        assertEquals(first, CustomerMerge.of(history.get(0)));
        assertTrue(first.mergeId().matches("m0-[0-9a-f]{16}"), first.mergeId());
    }

    @Test
    void invalidInputIsRefusedWithTheField() {
        assertThrows(IllegalArgumentException.class, () -> new CustomerMerge("m1", A, A));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new CustomerMerge("m".repeat(101), A, B));
        assertTrue(tooLong.getMessage().contains("mergeId"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StoreChange("s", false, Map.of("n", -1L)));
        assertThrows(IllegalArgumentException.class, () -> CustomerMerges.of(List.of(new CountingStore("s"),
                new CountingStore("s"))));
        CustomerMerges merges = CustomerMerges.of(List.of(new CountingStore("s")));
        assertThrows(IllegalArgumentException.class, () -> merges.undo(new CustomerMerge("m1", A, B), B));
        assertThrows(IllegalArgumentException.class, () -> merges.erase(A, A));
    }
}
