package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import dev.o2o.recommend.eval.Split;
import dev.o2o.recommend.eval.Splitter;
import dev.o2o.testkit.recommend.O2oChoices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** O2O rules inside the top-K search, on the seeded synthetic world of the test kit. */
class ReRankingTest {

    static O2oChoices world;
    static Interactions train;
    static Split split;
    static Availability availability;

    @BeforeAll
    static void generate() {
        world = O2oChoices.generate(400, 30, 300, 5, 12, 12.0, 4.0, 1500.0, 42L);
        List<Interaction> events = new ArrayList<>();
        for (O2oChoices.Choice c : world.events()) {
            events.add(Interaction.of(c.customer(), c.item(), c.instant()));
        }
        split = Splitter.temporal(0.25).split(events, 4);
        train = Interactions.of(split.train());
        Availability.Builder b = Availability.builder();
        for (int s = 0; s < world.stores().size(); s++) {
            b.store(new Store("s" + s, "store " + s, world.stores().get(s)));
        }
        for (int i = 0; i < world.itemStore().length; i++) {
            b.offers("s" + world.itemStore()[i], "i" + i);
        }
        availability = b.build();
    }

    static GeoPoint home(String customer) {
        return world.homes().get(Integer.parseInt(customer.substring(1)));
    }

    /** Hit rate at 10 over held-out choices, for a list function. */
    static double hitRate(java.util.function.Function<String, List<String>> lists) {
        int hits = 0;
        int n = 0;
        for (Map.Entry<String, List<String>> e : split.test().entrySet()) {
            if (train.customerIndex(e.getKey()) < 0) {
                continue;
            }
            Set<String> relevant = new HashSet<>(e.getValue());
            relevant.removeIf(i -> train.itemIndex(i) < 0 || train.contains(e.getKey(), i));
            if (relevant.isEmpty()) {
                continue;
            }
            n++;
            if (lists.apply(e.getKey()).stream().anyMatch(relevant::contains)) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    @Test
    void distanceAwareRankingBeatsThePlainModelAndTheOracleBoundsBoth() {
        Model model = Recommender.itemKnn(50, 5.0).fit(train);
        double plain = hitRate(c -> model.recommend(c, Query.top(10)).stream().map(Recommendation::item).toList());
        Query.Nearby rules = new Query.Nearby(GeoPoint.of(0, 0), availability, 6_000, 1_500);
        double near = hitRate(c -> model.recommend(c, Query.top(10).near(new Query.Nearby(home(c), availability,
                rules.radiusMetres(), rules.halfDistanceMetres()))).stream().map(Recommendation::item).toList());
        double oracle = hitRate(c -> {
            int ci = Integer.parseInt(c.substring(1));
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < world.itemStore().length; i++) {
                if (train.itemIndex("i" + i) >= 0 && !train.contains(c, "i" + i)) {
                    items.add(i);
                }
            }
            items.sort((a, b) -> Double.compare(world.probability(ci, b), world.probability(ci, a)));
            return items.subList(0, 10).stream().map(i -> "i" + i).toList();
        });
        System.out.printf("synthetic O2O hit rate@10: item-kNN %.4f, with distance %.4f, oracle %.4f%n",
                plain, near, oracle);
        assertTrue(near > plain, near + " vs " + plain);
        assertTrue(oracle >= near && oracle >= plain, oracle + " vs " + near + ", " + plain);
    }

    @Test
    void alsLearnsThePlantedTastesBetterThanPopularity() {
        Model als = Recommender.als(16, 10, 0.1, 10, 5L).fit(train);
        Model pop = Recommender.popularity().fit(train);
        double a = hitRate(c -> als.recommend(c, Query.top(10)).stream().map(Recommendation::item).toList());
        double p = hitRate(c -> pop.recommend(c, Query.top(10)).stream().map(Recommendation::item).toList());
        System.out.printf("synthetic O2O hit rate@10: ALS %.4f, popularity %.4f%n", a, p);
        assertTrue(a > p, a + " vs " + p);
    }

    @Test
    void rulesApplyInsideTheSearch() {
        Model model = Recommender.itemKnn(50, 5.0).fit(train);
        String c = "c7";
        GeoPoint home = home(c);
        Query q = Query.top(10).near(home, availability);
        List<Recommendation> recs = model.recommend(c, q);
        assertEquals(10, recs.size());
        for (Recommendation r : recs) {
            int i = Integer.parseInt(r.item().substring(1));
            double d = world.stores().get(world.itemStore()[i]).distanceMetres(home);
            assertTrue(d <= Query.DEFAULT_RADIUS_METRES, r + " at " + d);
            assertEquals(d, r.distanceMetres().getAsDouble(), 1e-9);
            double expected = r.modelScore() >= 0 ? r.modelScore() * Math.pow(2, -d / 2000.0)
                    : r.modelScore() / Math.pow(2, -d / 2000.0);
            assertEquals(expected, r.score(), 1e-12);
            assertFalse(train.contains(c, r.item()), "consumed item listed: " + r);
        }
        for (int k = 1; k < recs.size(); k++) {
            assertTrue(recs.get(k - 1).score() >= recs.get(k).score());
        }
        // diversity: at most 2 per taste cluster, still 10 long
        List<Recommendation> diverse = model.recommend(c, q.diverse(
                item -> "k" + world.itemCluster()[Integer.parseInt(item.substring(1))], 2));
        assertEquals(10, diverse.size());
        Map<Integer, Integer> perCluster = new HashMap<>();
        for (Recommendation r : diverse) {
            perCluster.merge(world.itemCluster()[Integer.parseInt(r.item().substring(1))], 1, Integer::sum);
        }
        assertTrue(perCluster.values().stream().allMatch(n -> n <= 2), perCluster::toString);
        // eligibility: only even items; a predicate rejecting everything gives an empty list
        assertTrue(model.recommend(c, q.eligibleIf(i -> Integer.parseInt(i.substring(1)) % 2 == 0)).stream()
                .allMatch(r -> Integer.parseInt(r.item().substring(1)) % 2 == 0));
        assertEquals(List.of(), model.recommend(c, q.eligibleIf(i -> false)));
        assertEquals(List.of(), model.recommend(c, Query.top(5).eligibleIf(i -> false)));
        // consumed items only when asked
        String own = train.itemId(train.rowItems[train.rowPtr[train.customerIndex(c)]]);
        assertTrue(model.recommend(c, Query.top(train.itemCount()).includingConsumed()).stream()
                .anyMatch(r -> r.item().equals(own)));
        // nobody within a radius of 0 metres far from every store
        assertEquals(List.of(), model.recommend(c, Query.top(5).near(new Query.Nearby(GeoPoint.of(0, 0),
                availability, 0, 1000))));
    }

    @Test
    void nanScoresAreAnErrorNamingTheItem() {
        AbstractModel broken = new AbstractModel("broken", train) {
            @Override
            void scoreAll(Customer customer, double[] out) {
                java.util.Arrays.fill(out, Double.NaN);
            }
        };
        IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> broken.recommend("c1", Query.top(3)));
        assertTrue(ex.getMessage().contains("NaN score for item"), ex.getMessage());
    }

    @Test
    void fittedModelsAnswerConcurrentQueries() throws Exception {
        List<Model> models = List.of(Recommender.itemKnn(20, 1.0).fit(train), Recommender.ease(10.0).fit(train),
                Recommender.popularity().fit(train), Recommender.als(16, 10, 0.1, 5, 3L).fit(train));
        for (Model model : models) {
            Map<String, List<Recommendation>> serial = new HashMap<>();
            for (int c = 0; c < train.customerCount(); c++) {
                String id = train.customerId(c);
                serial.put(id, model.recommend(id, Query.top(10).near(home(id), availability)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int offset = t;
                    futures.add(pool.submit(() -> {
                        boolean same = true;
                        for (int k = 0; k < train.customerCount(); k++) {
                            String id = train.customerId((k + offset * 97) % train.customerCount());
                            same &= serial.get(id).equals(model.recommend(id,
                                    Query.top(10).near(home(id), availability)));
                        }
                        return same;
                    }));
                }
                for (Future<Boolean> f : futures) {
                    assertTrue(f.get(), model.name());
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
