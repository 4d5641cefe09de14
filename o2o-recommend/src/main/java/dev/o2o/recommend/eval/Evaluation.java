package dev.o2o.recommend.eval;

import dev.o2o.recommend.Interaction;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import dev.o2o.recommend.Recommender;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of an offline evaluation of one model, with the popularity baseline beside it.
 *
 * <p>Protocol: split the events; fit the model and the popularity baseline on the training
 * events; for every customer with held-out events, drop test items that occur in no training
 * event; customers left without test items are not evaluated; the others get the top K over all
 * training items except their own training items. A test item that is also in the customer's own
 * training events (a repeat purchase) stays in the test set: it counts in {@code |test items|}, so
 * in {@code min(K, |test items|)} and the ideal DCG, but since training items are never
 * recommended it can never be hit (the protocol of the issue and of the {@code implicit}
 * library's {@code ranking_metrics_at_k}). Immutable and thread-safe.
 *
 * @param model      the model's name
 * @param params     its parameters
 * @param customers  customers in training
 * @param items      items in training
 * @param k          list length
 * @param metrics    the model's metrics
 * @param baseline   the popularity baseline's metrics on the same split
 * @param fitSeconds wall-clock seconds the model's fit took
 */
public record Evaluation(String model, Map<String, Object> params, int customers, int items, int k,
                         Metrics metrics, Metrics baseline, double fitSeconds) {

    public Evaluation {
        Objects.requireNonNull(model, "model");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        if (customers < 0 || items < 0) {
            throw new IllegalArgumentException("customers and items must be >= 0: " + customers + ", " + items);
        }
        requireK(k);
        if (!(fitSeconds >= 0) || Double.isInfinite(fitSeconds)) {
            throw new IllegalArgumentException("fitSeconds must be finite and not negative: " + fitSeconds);
        }
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** Splits, fits the recommender and the popularity baseline, and evaluates both at K. */
    public static Evaluation run(Recommender recommender, List<Interaction> events, Splitter splitter,
                                 int minInteractions, int k) {
        Objects.requireNonNull(recommender, "recommender");
        requireK(k);
        Split split = splitter.split(events, minInteractions);
        Interactions train = Interactions.of(split.train());
        long t0 = System.nanoTime();
        Model model = recommender.fit(train);
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        Model popularity = Recommender.popularity().fit(train);
        return new Evaluation(recommender.name(), recommender.params(), train.customerCount(), train.itemCount(), k,
                evaluate(model, split.test(), k), evaluate(popularity, split.test(), k), fitSeconds);
    }

    private static void requireK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
    }

    /** Metrics of a fitted model on held-out items per customer (see the protocol above). */
    public static Metrics evaluate(Model model, Map<String, List<String>> test, int k) {
        requireK(k);
        Interactions train = model.interactions();
        // relevant items are training items, so min(K, |test items|) never passes the item count:
        // a table of K + 1 overflowed for K = Integer.MAX_VALUE and took gigabytes near 10^9
        int longest = Math.min(k, train.itemCount());
        double[] idcg = new double[longest + 1];
        for (int r = 1; r <= longest; r++) {
            idcg[r] = idcg[r - 1] + 1.0 / log2(r + 1);
        }
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        double hitRate = 0;
        int evaluated = 0;
        Set<String> recommended = new HashSet<>();
        Query query = Query.top(k);
        for (Map.Entry<String, List<String>> e : test.entrySet()) {
            String customer = e.getKey();
            if (train.customerIndex(customer) < 0) {
                continue;
            }
            Set<String> relevant = new HashSet<>();
            for (String item : e.getValue()) {
                if (train.itemIndex(item) >= 0) {
                    relevant.add(item);
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            evaluated++;
            List<Recommendation> top = model.recommend(customer, query);
            int hits = 0;
            double dcg = 0;
            double ap = 0;
            for (int r = 1; r <= top.size(); r++) {
                String item = top.get(r - 1).item();
                recommended.add(item);
                if (relevant.contains(item)) {
                    hits++;
                    dcg += 1.0 / log2(r + 1);
                    ap += (double) hits / r;
                }
            }
            int denom = Math.min(k, relevant.size());
            recall += (double) hits / denom;
            ndcg += dcg / idcg[denom];
            map += ap / denom;
            hitRate += hits > 0 ? 1 : 0;
        }
        if (evaluated == 0) {
            throw new IllegalArgumentException("no customer can be evaluated: none of the " + test.size()
                    + " customers with held-out events is in training and has a held-out item that occurs in"
                    + " training");
        }
        return new Metrics(evaluated, recall / evaluated, ndcg / evaluated, map / evaluated, hitRate / evaluated,
                (double) recommended.size() / train.itemCount());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
