package dev.o2o.examples.demo;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import dev.o2o.recommend.Availability;
import dev.o2o.recommend.Interaction;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import dev.o2o.recommend.Recommender;
import dev.o2o.recommend.eval.Evaluation;
import dev.o2o.recommend.eval.Metrics;
import dev.o2o.recommend.eval.Split;
import dev.o2o.recommend.eval.Splitter;
import dev.o2o.testkit.recommend.O2oChoices;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The report's next-best-offer section, on the test kit's {@link O2oChoices} world (offers each
 * redeemable at one store, customers with a favourite taste cluster who choose nearer offers more
 * often, true choice probabilities known): the last quarter of each customer's choices is held
 * out; popularity, item-kNN, EASE and iALS are evaluated on it (recall, NDCG, hit rate at 10,
 * popularity beside every model); item-kNN and iALS are then re-ranked by the distance from the
 * customer's home to the offer's store, against the oracle that ranks by the true probabilities
 * (an upper bound for every model); and a few customers living near one store get their lists.
 * Stateless.
 */
final class RecommendSection {
    private static final int K = 10;
    /** Radius and half-distance of the re-ranking, metres (the world's choice decay is 1.5 km). */
    private static final double RADIUS = 6_000;
    private static final double HALF = 1_500;

    private RecommendSection() {
    }

    static void add(Report report, long seed) {
        O2oChoices world = O2oChoices.generate(600, 30, 400, 5, 12, 12.0, 4.0, 1_500.0, seed);
        List<Interaction> events = new ArrayList<>();
        for (O2oChoices.Choice c : world.events()) {
            events.add(Interaction.of(c.customer(), c.item(), c.instant()));
        }
        Split split = Splitter.temporal(0.25).split(events, 4);
        Interactions train = Interactions.of(split.train());
        Availability.Builder ab = Availability.builder();
        for (int s = 0; s < world.stores().size(); s++) {
            ab.store(new Store("s" + s, "store " + s, world.stores().get(s)));
        }
        for (int i = 0; i < world.itemStore().length; i++) {
            ab.offers("s" + world.itemStore()[i], "i" + i);
        }
        Availability availability = ab.build();

        Map<String, Model> models = new LinkedHashMap<>();
        models.put("popularity", Recommender.popularity().fit(train));
        models.put("item-kNN", Recommender.itemKnn(50, 5.0).fit(train));
        models.put("EASE", Recommender.ease(50.0).fit(train));
        models.put("iALS", Recommender.als(16, 10, 0.1, 10, seed).fit(train));
        Table eval = new Table("recommend_evaluation", "model", "recall_at_10", "ndcg_at_10", "map_at_10",
                "hit_rate_at_10", "coverage", "evaluated_customers");
        for (Map.Entry<String, Model> e : models.entrySet()) {
            Metrics m = Evaluation.evaluate(e.getValue(), split.test(), K);
            eval.row(e.getKey(), Demo.fmt4(m.recall()), Demo.fmt4(m.ndcg()), Demo.fmt4(m.map()), Demo.fmt4(m.hitRate()),
                    Demo.fmt4(m.coverage()), m.evaluatedCustomers());
        }

        Table near = new Table("recommend_distance", "ranking", "hit_rate_at_10");
        List<String> labels = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        Function<String, GeoPoint> home = c -> world.homes().get(Integer.parseInt(c.substring(1)));
        for (String name : List.of("popularity", "item-kNN", "iALS")) {
            Model model = models.get(name);
            labels.add(name);
            rates.add(hitRate(split, train, c -> items(model.recommend(c, Query.top(K)))));
            labels.add(name + " + distance");
            rates.add(hitRate(split, train, c -> items(model.recommend(c, Query.top(K)
                    .near(new Query.Nearby(home.apply(c), availability, RADIUS, HALF))))));
        }
        labels.add("oracle (true probabilities)");
        rates.add(hitRate(split, train, c -> oracle(world, train, c)));
        double[] values = new double[rates.size()];
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            values[k] = rates.get(k);
            texts.add(Demo.fmt4(values[k]));
            near.row(labels.get(k), Demo.fmt4(values[k]));
        }
        String chart = Svg.hbars(labels, values, texts, "#4a7fb0", 760);

        // customers living within 1.5 km of store s0 and their offers, re-ranked by distance
        Model knn = models.get("item-kNN");
        GeoPoint store = world.stores().get(0);
        Table lists = new Table("recommend_examples", "customer", "rank", "offer", "taste_cluster", "store",
                "distance_m", "score");
        int shown = 0;
        for (int c = 0; c < world.homes().size() && shown < 3; c++) {
            String id = "c" + c;
            if (train.customerIndex(id) < 0 || world.homes().get(c).distanceMetres(store) > 1_500) {
                continue;
            }
            shown++;
            int rank = 1;
            for (Recommendation r : knn.recommend(id, Query.top(5)
                    .near(new Query.Nearby(world.homes().get(c), availability, RADIUS, HALF)))) {
                int item = Integer.parseInt(r.item().substring(1));
                lists.row(id, rank++, r.item(), world.itemCluster()[item], "s" + world.itemStore()[item],
                        String.format(Locale.ROOT, "%.0f", r.distanceMetres().getAsDouble()), Demo.fmt4(r.score()));
            }
        }
        report.section("Next best offer", String.format(Locale.ROOT, "<p>%,d synthetic customers choose among %,d "
                + "offers, each redeemable at one of %d stores; a customer prefers one of 5 taste clusters and nearer "
                + "stores (choice weight halves about every 1 km). The last quarter of each customer's choices is held "
                + "out. The first table evaluates the models at 10 (item-kNN: 50 neighbours, shrinkage 5; EASE: lambda 50; "
                + "iALS: 16 factors, 10 sweeps, alpha 10) against those held-out choices, popularity beside "
                + "them. The second re-ranks within %.0f km of the customer's home (score halved every %.1f km): the "
                + "distance-aware lists find more of the held-out choices than the same models without it, and the "
                + "oracle, which ranks by the generator's true choice probabilities, bounds every model from above. "
                + "The last table lists offers for customers living near store s0.</p>",
                world.homes().size(), world.itemStore().length, world.stores().size(), RADIUS / 1000, HALF / 1000)
                + eval.html(10) + chart + near.html(10) + lists.html(15), eval, near, lists);
    }

    private static List<String> items(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::item).toList();
    }

    /** The K training offers the customer has not taken, by true choice probability. */
    private static List<String> oracle(O2oChoices world, Interactions train, String customer) {
        int c = Integer.parseInt(customer.substring(1));
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < world.itemStore().length; i++) {
            if (train.itemIndex("i" + i) >= 0 && !train.contains(customer, "i" + i)) {
                items.add(i);
            }
        }
        items.sort((a, b) -> {
            int cmp = Double.compare(world.probability(c, b), world.probability(c, a));
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        return items.subList(0, Math.min(K, items.size())).stream().map(i -> "i" + i).toList();
    }

    /** Share of evaluated customers with a held-out choice in their list (same protocol as Evaluation). */
    private static double hitRate(Split split, Interactions train, Function<String, List<String>> lists) {
        int hits = 0;
        int n = 0;
        for (Map.Entry<String, List<String>> e : split.test().entrySet()) {
            if (train.customerIndex(e.getKey()) < 0) {
                continue;
            }
            Set<String> relevant = new HashSet<>(e.getValue());
            relevant.removeIf(i -> train.itemIndex(i) < 0);
            if (relevant.isEmpty()) {
                continue;
            }
            n++;
            if (lists.apply(e.getKey()).stream().anyMatch(relevant::contains)) {
                hits++;
            }
        }
        return n == 0 ? 0 : (double) hits / n;
    }
}
