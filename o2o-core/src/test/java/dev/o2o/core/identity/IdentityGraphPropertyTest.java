package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random link and unlink sequences checked against a naive connected-components model. */
class IdentityGraphPropertyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void matchesNaiveConnectedComponents(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withExpectedSize(4, 4));
        Map<Identifier, Integer> order = new LinkedHashMap<>();
        Set<List<Integer>> edges = new HashSet<>();
        Identifier[] universe = new Identifier[60];
        IdentifierType[] types = {IdentifierType.PHONE, IdentifierType.EMAIL, IdentifierType.of("crm_id")};
        for (int i = 0; i < universe.length; i++) {
            universe[i] = Identifier.of(types[i % types.length], "v" + i);
        }
        for (int step = 0; step < 400; step++) {
            Identifier a = universe[rnd.nextInt(universe.length)];
            Identifier b = universe[rnd.nextInt(universe.length)];
            if (a.equals(b)) {
                continue;
            }
            if (rnd.nextInt(5) == 0) {
                if (order.containsKey(a) && order.containsKey(b)) {
                    boolean had = edges.remove(pair(order.get(a), order.get(b)));
                    SplitResult r = g.unlink(a, b);
                    assertEquals(had ? 1 : 0, r.linksRemoved());
                }
            } else {
                order.putIfAbsent(a, order.size());
                order.putIfAbsent(b, order.size());
                Map<Integer, Integer> before = components(order.size(), edges);
                List<Integer> p = pair(order.get(a), order.get(b));
                boolean dup = edges.contains(p);
                edges.add(p);
                LinkResult result = g.addLink(IdentityLink.of(a, b, Instant.EPOCH.plusSeconds(step), "e"));
                LinkResult expected = dup ? LinkResult.DUPLICATE
                        : before.get(order.get(a)).equals(before.get(order.get(b))) ? LinkResult.SAME_CUSTOMER
                        : LinkResult.MERGED;
                assertEquals(expected, result, "step " + step);
            }
            Map<Integer, Integer> comp = components(order.size(), edges);
            Map<Identifier, CustomerKey> keys = expectedKeys(order, comp);
            for (Identifier id : order.keySet()) {
                assertEquals(keys.get(id), g.resolve(id).orElseThrow(), "step " + step);
            }
            assertEquals(new HashSet<>(comp.values()).size(), g.customerCount(), "step " + step);
            assertEquals(edges.size(), g.linkCount());
        }
        // every explanation is a real chain of held links from one identifier to the other
        Set<IdentityLink> held = new HashSet<>(g.links());
        List<Identifier> known = new ArrayList<>(order.keySet());
        for (int i = 0; i + 1 < known.size(); i += 3) {
            Identifier a = known.get(i);
            Identifier b = known.get(i + 1);
            g.explain(a, b).ifPresent(x -> {
                Identifier at = a;
                for (IdentityLink l : x.chain()) {
                    assertTrue(held.contains(l));
                    assertTrue(l.first().equals(at) || l.second().equals(at));
                    at = l.first().equals(at) ? l.second() : l.first();
                }
                assertEquals(b, at);
            });
        }
    }

    /** The documented keys of the identifiers numbered in {@code numbers}, whose components {@code comp} gives. */
    private static Map<Identifier, CustomerKey> expectedKeys(Map<Identifier, Integer> numbers, Map<Integer, Integer> comp) {
        Map<Identifier, Integer> componentOf = new HashMap<>();
        numbers.forEach((id, n) -> componentOf.put(id, comp.get(n)));
        return ExpectedKeys.keys(componentOf);
    }

    private static List<Integer> pair(int a, int b) {
        return List.of(Math.min(a, b), Math.max(a, b));
    }

    /** Node to the smallest node of its component. */
    private static Map<Integer, Integer> components(int n, Set<List<Integer>> edges) {
        Map<Integer, List<Integer>> adj = new HashMap<>();
        for (List<Integer> e : edges) {
            adj.computeIfAbsent(e.get(0), k -> new ArrayList<>()).add(e.get(1));
            adj.computeIfAbsent(e.get(1), k -> new ArrayList<>()).add(e.get(0));
        }
        Map<Integer, Integer> min = new HashMap<>();
        for (int s = 0; s < n; s++) {
            if (min.containsKey(s)) {
                continue;
            }
            ArrayDeque<Integer> q = new ArrayDeque<>(List.of(s));
            min.put(s, s);
            while (!q.isEmpty()) {
                int x = q.poll();
                for (int y : adj.getOrDefault(x, List.of())) {
                    if (!min.containsKey(y)) {
                        min.put(y, s);
                        q.add(y);
                    }
                }
            }
        }
        return min;
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void addingInBatchesGivesWhatAddingOneByOneGives(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        IdentityConfig config = IdentityConfig.defaults().withExpectedSize(8, 8)
                .withSuperNodeLimit(IdentifierType.DEVICE_ID, 3);
        IdentityGraph single = IdentityGraph.create(config);
        IdentityGraph batched = IdentityGraph.create(config);
        IdentifierType[] types = {IdentifierType.PHONE, IdentifierType.DEVICE_ID, IdentifierType.of("crm_id")};
        List<IdentityLink> all = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            // a growing universe, so that batches mix known and new identifiers (and repeat new ones)
            int universe = 20 + step / 4;
            int i = rnd.nextInt(universe);
            int j = rnd.nextInt(universe);
            if (i == j) {
                continue;
            }
            all.add(IdentityLink.of(Identifier.of(types[i % 3], value(i)), Identifier.of(types[j % 3], value(j)),
                    Instant.EPOCH.plusSeconds(step), "e" + step % 5));
        }
        List<LinkResult> expected = new ArrayList<>();
        for (IdentityLink l : all) {
            expected.add(single.addLink(l));
        }
        List<LinkResult> actual = new ArrayList<>();
        for (int from = 0; from < all.size(); ) {
            int to = Math.min(all.size(), from + 1 + rnd.nextInt(40));
            actual.addAll(batched.addLinks(all.subList(from, to)));
            from = to;
        }
        assertEquals(expected, actual);
        assertTrue(expected.contains(LinkResult.SUPPRESSED_SUPER_NODE) && expected.contains(LinkResult.DUPLICATE)
                && expected.contains(LinkResult.MERGED) && expected.contains(LinkResult.SAME_CUSTOMER));
        assertEquals(single.identifiers(), batched.identifiers());
        assertEquals(single.links(), batched.links());
        assertEquals(single.mergeHistory(), batched.mergeHistory());
        assertEquals(single.superNodes(), batched.superNodes());
        assertEquals(single.customerCount(), batched.customerCount());
        for (Identifier id : single.identifiers()) {
            assertEquals(single.resolve(id), batched.resolve(id));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void matchesTheModelThroughErasuresAndTableGrowth(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withExpectedSize(2, 2));
        Map<Identifier, Integer> seqOf = new LinkedHashMap<>();
        int[] nextSeq = {0};
        Set<List<Integer>> edges = new HashSet<>();
        Identifier[] universe = new Identifier[80];
        for (int i = 0; i < universe.length; i++) {
            universe[i] = Identifier.of(i % 2 == 0 ? IdentifierType.PHONE : IdentifierType.of("crm_id"), value(i));
        }
        for (int step = 0; step < 800; step++) {
            Identifier a = universe[rnd.nextInt(universe.length)];
            Identifier b = universe[rnd.nextInt(universe.length)];
            int op = rnd.nextInt(20);
            if (op == 0 && seqOf.containsKey(a)) {
                Map<Integer, Integer> comp = components(nextSeq[0], edges);
                int c = comp.get(seqOf.get(a));
                Set<Integer> gone = new HashSet<>();
                seqOf.values().forEach(s -> {
                    if (comp.get(s) == c) {
                        gone.add(s);
                    }
                });
                long linksGone = edges.stream().filter(e -> gone.contains(e.get(0))).count();
                ClusterErasure erased = g.erase(expectedKeys(seqOf, comp).get(a));
                assertEquals(gone.size(), erased.identifiersRemoved(), "step " + step);
                assertEquals(linksGone, erased.linksRemoved(), "step " + step);
                seqOf.values().removeAll(gone);
                edges.removeIf(e -> gone.contains(e.get(0)));
            } else if (op == 1) {
                seqOf.computeIfAbsent(a, k -> nextSeq[0]++);
                g.addIdentifier(a);
            } else if (op < 5 && seqOf.containsKey(a) && seqOf.containsKey(b) && !a.equals(b)) {
                assertEquals(edges.remove(pair(seqOf.get(a), seqOf.get(b))) ? 1 : 0, g.unlink(a, b).linksRemoved());
            } else if (!a.equals(b)) {
                seqOf.computeIfAbsent(a, k -> nextSeq[0]++);
                seqOf.computeIfAbsent(b, k -> nextSeq[0]++);
                boolean fresh = edges.add(pair(seqOf.get(a), seqOf.get(b)));
                LinkResult r = g.addLink(IdentityLink.of(a, b, Instant.EPOCH.plusSeconds(step), "e"));
                assertEquals(fresh, r != LinkResult.DUPLICATE, "step " + step);
            }
            Map<Integer, Integer> comp = components(nextSeq[0], edges);
            Map<Identifier, CustomerKey> keys = expectedKeys(seqOf, comp);
            for (Identifier id : seqOf.keySet()) {
                assertEquals(keys.get(id), g.resolve(id).orElseThrow(), "step " + step);
                assertTrue(g.contains(keys.get(id)), "step " + step);
            }
            for (Identifier id : universe) {
                assertEquals(seqOf.containsKey(id), g.resolve(id).isPresent(), "step " + step);
            }
            List<Identifier> bySeq = new ArrayList<>(seqOf.keySet());
            bySeq.sort(java.util.Comparator.comparing(seqOf::get));
            assertEquals(bySeq, g.identifiers(), "step " + step);
            Set<Integer> live = new HashSet<>(seqOf.values());
            assertEquals(live.stream().map(comp::get).distinct().count(), g.customerCount(), "step " + step);
            assertEquals(edges.size(), g.linkCount(), "step " + step);
        }
    }

    /**
     * Identifier number i's value. Some are too long for the graph's inline form, in each of the arena's
     * encodings: 64-digit hex (lower and upper case, as pseudonyms), Latin-1 and UTF-16.
     */
    private static String value(int i) {
        if (i % 11 == 0) {
            return String.format("%064x", i * 0x9E3779B97F4A7C15L);
        }
        if (i % 17 == 0) {
            return String.format("%064X", i * 0x9E3779B97F4A7C15L);
        }
        if (i % 13 == 0) {
            return "v" + i + "-\u5f20\u4e09-\u674e\u56db-\u738b\u4e94-\u8d75\u516d";
        }
        return "v" + i + (i % 7 == 0 ? "-a-value-too-long-to-sit-inline" : "");
    }

    @Test
    void aNullLinkInABatchAddsNothing() {
        IdentityGraph g = IdentityGraph.create();
        List<IdentityLink> batch = new ArrayList<>();
        batch.add(IdentityLink.of(Identifier.phone("1"), Identifier.phone("2"), Instant.EPOCH, "e"));
        batch.add(null);
        assertThrows(NullPointerException.class, () -> g.addLinks(batch));
        assertEquals(0, g.linkCount());
        assertEquals(0, g.identifierCount());
        batch.remove(1);
        assertEquals(List.of(LinkResult.MERGED), g.addLinks(batch));
        assertEquals(List.of(), g.addLinks(List.of()));
    }
}
