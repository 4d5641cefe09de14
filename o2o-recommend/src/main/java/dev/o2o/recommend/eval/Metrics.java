package dev.o2o.recommend.eval;

/**
 * Ranking metrics at K, each averaged over the evaluated customers.
 *
 * <p>With T a customer's test items and h_r = 1 if the item at rank r (1-based) is in T:
 * Recall@K = Σh / min(K, |T|); NDCG@K = Σ h_r / log2(r + 1) divided by the same sum over ranks
 * 1..min(K, |T|) (binary relevance); AP@K = Σ h_r · precision@r / min(K, |T|); hit rate = 1 if
 * any hit. Coverage = distinct items recommended to evaluated customers / items in training.
 * Every metric lies in [0, 1]; the constructor refuses other values and NaN. Immutable and
 * thread-safe.
 *
 * @param evaluatedCustomers customers with at least one usable test item
 * @param recall             mean Recall@K
 * @param ndcg               mean NDCG@K
 * @param map                mean AP@K (MAP@K)
 * @param hitRate            share of evaluated customers with at least one hit
 * @param coverage           catalogue coverage, 0..1
 */
public record Metrics(int evaluatedCustomers, double recall, double ndcg, double map, double hitRate,
                      double coverage) {

    public Metrics {
        if (evaluatedCustomers < 0) {
            throw new IllegalArgumentException("evaluatedCustomers must be >= 0: " + evaluatedCustomers);
        }
        requireShare(recall, "recall");
        requireShare(ndcg, "ndcg");
        requireShare(map, "map");
        requireShare(hitRate, "hitRate");
        requireShare(coverage, "coverage");
    }

    private static void requireShare(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be within 0..1: " + value);
        }
    }
}
