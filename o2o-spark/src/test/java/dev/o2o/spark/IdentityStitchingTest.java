package dev.o2o.spark;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.identity.SuperNodeReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityStitchingTest {

    private static final IdentifierType PHONE = IdentifierType.PHONE;
    private static final IdentifierType EMAIL = IdentifierType.EMAIL;
    private static final IdentifierType CARD = IdentifierType.MEMBER_CARD;
    private static final IdentifierType DEVICE = IdentifierType.DEVICE_ID;

    private static SparkSession spark;
    private static List<IdentityLink> links;

    /**
     * Seeded people with a phone, often an e-mail and a card, one or two devices; households
     * share a device (a true merge), and a few shop tablets are scanned by dozens of people
     * (super-nodes under a device limit of 6). Links come in random order, some repeated or reversed.
     */
    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        Random random = new Random(22);
        links = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        int people = 2500;
        for (int p = 0; p < people; p++) {
            Identifier phone = Identifier.of(PHONE, "138" + String.format("%08d", p * 7919L % 100_000_000));
            if (random.nextDouble() < 0.7) {
                links.add(IdentityLink.of(phone, Identifier.of(EMAIL, "u" + p + "@example.com"), at, "signup"));
            }
            if (random.nextDouble() < 0.6) {
                links.add(IdentityLink.of(Identifier.of(CARD, "M" + p), phone, at, "pos-member-scan"));
            }
            int devices = 1 + random.nextInt(2);
            for (int d = 0; d < devices; d++) {
                // households: about one person in ten uses the device of the person before
                int owner = random.nextDouble() < 0.1 && p > 0 ? p - 1 : p;
                links.add(IdentityLink.of(phone, Identifier.of(DEVICE, "dev-" + owner + "-" + d), at, "app-login"));
            }
            if (random.nextDouble() < 0.03) {
                links.add(IdentityLink.of(phone, Identifier.of(DEVICE, "tablet-" + random.nextInt(4)), at, "kiosk"));
            }
        }
        int n = links.size();
        for (int i = 0; i < n / 20; i++) {
            IdentityLink l = links.get(random.nextInt(n));
            links.add(random.nextBoolean() ? l : IdentityLink.of(l.second(), l.first(), at, "repeat"));
        }
        Collections.shuffle(links, random);
    }

    private static Dataset<Row> frame(List<IdentityLink> rows, int partitions) {
        List<Row> out = new ArrayList<>();
        for (IdentityLink l : rows) {
            out.add(RowFactory.create(l.first().type().name(), l.first().value(), l.second().type().name(),
                    l.second().value()));
        }
        return spark.createDataFrame(out, IdentityStitching.INPUT.structType()).repartition(partitions);
    }

    private static Set<Set<String>> graphCustomers(IdentityGraph graph) {
        Map<CustomerKey, Set<String>> byKey = new HashMap<>();
        for (Identifier id : graph.identifiers()) {
            byKey.computeIfAbsent(graph.resolve(id).orElseThrow(), k -> new HashSet<>())
                    .add(id.type().name() + "/" + id.value());
        }
        return new HashSet<>(byKey.values());
    }

    private static Set<Set<String>> sparkCustomers(Dataset<Row> identifiers) {
        Map<Long, Set<String>> byCluster = new HashMap<>();
        for (Row r : identifiers.collectAsList()) {
            byCluster.computeIfAbsent(r.getLong(2), k -> new HashSet<>()).add(r.getString(0) + "/" + r.getString(1));
        }
        return new HashSet<>(byCluster.values());
    }

    @Test
    void customersAndClusterIdsEqualIdentityGraphsInAnyPartitioning() {
        IdentityConfig config = IdentityConfig.defaults().withSuperNodeLimit(DEVICE, 6);
        IdentityGraph graph = IdentityGraph.create(config);
        graph.addLinks(links);
        Set<Set<String>> expected = graphCustomers(graph);
        Set<String> expectedSupers = graph.superNodes().stream()
                .map(s -> s.identifier().type().name() + "/" + s.identifier().value()).collect(Collectors.toSet());
        assertTrue(expectedSupers.size() >= 2, "the data must hold super-nodes: " + expectedSupers.size());
        assertTrue(expected.stream().anyMatch(c -> c.size() >= 6), "households must merge several people");
        Map<String, Integer> partners = graph.superNodes().stream().collect(Collectors.toMap(
                s -> s.identifier().type().name() + "/" + s.identifier().value(), SuperNodeReport::distinctPartners));

        List<Row> firstRows = null;
        for (int partitions : new int[] {1, 3, 17}) {
            IdentityStitching.Result result = IdentityStitching.stitch(frame(links, partitions), config, 2);
            assertEquals(expected, sparkCustomers(result.identifiers()), partitions + " partitions");
            // not only the same customers: the same cluster ids
            List<Row> rows = result.identifiers().sort("id_type", "id_value").collectAsList();
            if (firstRows == null) {
                firstRows = rows;
                assertClusterIdIsTheRankOfTheSmallestIdentifier(rows);
            } else {
                assertEquals(firstRows, rows, partitions + " partitions");
            }
            Map<String, Integer> sparkPartners = new HashMap<>();
            for (Row r : result.superNodes().collectAsList()) {
                sparkPartners.put(r.getString(0) + "/" + r.getString(1), (int) r.getLong(2));
                assertEquals(6, r.getInt(3));
            }
            assertEquals(partners, sparkPartners, partitions + " partitions");
            assertTrue(result.rounds() >= 2, "rounds " + result.rounds());
        }
    }

    /** Rows sorted by (id_type, id_value): the documented definition of cluster_id. */
    private static void assertClusterIdIsTheRankOfTheSmallestIdentifier(List<Row> sorted) {
        Map<Long, Long> smallestRank = new HashMap<>();
        for (int rank = 0; rank < sorted.size(); rank++) {
            smallestRank.putIfAbsent(sorted.get(rank).getLong(2), (long) rank);
        }
        for (Map.Entry<Long, Long> e : smallestRank.entrySet()) {
            assertEquals(e.getValue(), e.getKey(), "cluster_id is the rank of its smallest identifier");
        }
    }

    @Test
    void withoutLimitsTheTabletsMergeTheirPeople() {
        IdentityGraph graph = IdentityGraph.create();
        graph.addLinks(links);
        IdentityStitching.Result result = IdentityStitching.stitch(frame(links, 3), IdentityConfig.defaults(), 1);
        assertEquals(graphCustomers(graph), sparkCustomers(result.identifiers()));
        assertEquals(0, result.superNodes().count());
    }

    @Test
    void refusesInvalidLinksWithoutTheirValues() {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create("phone", "13800000000", "email", "a@example.com"));
        rows.add(RowFactory.create("phone", "13800000001", "phone", "13800000001"));
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> IdentityStitching.stitch(
                spark.createDataFrame(rows, IdentityStitching.INPUT.structType()), IdentityConfig.defaults(), 2));
        assertEquals("input 'links': a row is not a valid link: a link needs two different identifiers, got the same"
                + " phone[11 chars] twice (evidence 'check')", self.getMessage());
        rows.set(1, RowFactory.create("Phone", "13800000001", "email", "b@example.com"));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> IdentityStitching.stitch(
                spark.createDataFrame(rows, IdentityStitching.INPUT.structType()), IdentityConfig.defaults(), 2));
        assertTrue(type.getMessage().contains("identifier type name must match"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdentityStitching.stitch(
                spark.createDataFrame(rows, IdentityStitching.INPUT.structType()), IdentityConfig.defaults(), 0));
    }

    /**
     * The rounds stop on a star-forest test instead of "a round changed nothing": the clusters and
     * the number of rounds must equal those of the classic loop, run here on plain sets over the
     * same numbering, for graphs that need several rounds (scrambled paths, random sparse graphs).
     */
    @Test
    void roundsAndClustersEqualTheClassicLoopUntilNothingChanges() {
        Random random = new Random(20);
        for (int graph = 0; graph < 4; graph++) {
            int n = 30 + random.nextInt(200);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(String.format("%05d", random.nextInt(100_000)) + "-" + i);
            }
            List<Row> rows = new ArrayList<>();
            List<IdentityLink> graphLinks = new ArrayList<>();
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            int extra = graph % 2 == 0 ? 0 : n / 3; // even graphs: a path in random order; odd: more edges
            for (int i = 1; i < n + extra; i++) {
                int a = i < n ? i - 1 : random.nextInt(n);
                int b = i < n ? i : random.nextInt(n);
                if (a == b) {
                    continue;
                }
                Identifier first = Identifier.of(PHONE, values.get(a));
                Identifier second = Identifier.of(EMAIL, values.get(b) + "@example.com");
                graphLinks.add(IdentityLink.of(first, second, at, "test"));
                rows.add(RowFactory.create(first.type().name(), first.value(), second.type().name(), second.value()));
            }
            IdentityStitching.Result result = IdentityStitching.stitch(
                    spark.createDataFrame(rows, IdentityStitching.INPUT.structType()).repartition(3),
                    IdentityConfig.defaults(), 2);
            IdentityGraph reference = IdentityGraph.create();
            reference.addLinks(graphLinks);
            assertEquals(graphCustomers(reference), sparkCustomers(result.identifiers()), "graph " + graph);
            assertEquals(classicRounds(graphLinks), result.rounds(), "graph " + graph);
        }
    }

    /** The rounds of large-star/small-star until a round changes nothing, ids in (type, value) order. */
    private static int classicRounds(List<IdentityLink> graphLinks) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (IdentityLink l : graphLinks) {
            names.add(l.first().type().name() + "\u0000" + l.first().value());
            names.add(l.second().type().name() + "\u0000" + l.second().value());
        }
        Map<String, Long> id = new HashMap<>();
        for (String name : names) {
            id.put(name, (long) id.size());
        }
        Set<List<Long>> edges = new HashSet<>();
        for (IdentityLink l : graphLinks) {
            long a = id.get(l.first().type().name() + "\u0000" + l.first().value());
            long b = id.get(l.second().type().name() + "\u0000" + l.second().value());
            edges.add(List.of(Math.max(a, b), Math.min(a, b)));
        }
        int rounds = 0;
        while (true) {
            rounds++;
            Map<Long, Long> smallest = new HashMap<>();
            for (List<Long> e : edges) {
                smallest.merge(e.get(0), e.get(1), Math::min);
                smallest.merge(e.get(1), e.get(0), Math::min);
            }
            Set<List<Long>> large = new HashSet<>();
            for (List<Long> e : edges) {
                // both arcs: u = dst with larger neighbour src, and u = src with larger neighbour dst (none)
                large.add(List.of(e.get(0), Math.min(e.get(1), smallest.get(e.get(1)))));
            }
            Map<Long, Long> lower = new HashMap<>();
            for (List<Long> e : large) {
                lower.merge(e.get(0), e.get(1), Math::min);
            }
            Set<List<Long>> small = new HashSet<>();
            for (List<Long> e : large) {
                long m = lower.get(e.get(0));
                small.add(e.get(1) == m ? e : List.of(e.get(1), m));
            }
            if (small.equals(edges)) {
                return rounds;
            }
            edges = small;
        }
    }
}
