package dev.o2o.recommend;

import dev.o2o.core.GeoPoint;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a top-K request asks for: how many items, which items are eligible, where the customer is
 * and how diverse the list must be. Every rule is applied inside the top-K search, so a list is
 * never short because items were dropped after selection.
 *
 * <p>Immutable and thread-safe if the caller's functions are.
 *
 * @param k               how many items at most, at least 1
 * @param eligible        the caller's predicate on item ids (the coupon is valid now for this
 *                        customer, the product is in stock, ...); items it rejects are never listed
 * @param includeConsumed whether items of the customer's own history may be listed
 * @param nearby          distance rules, if the customer's position is known
 * @param diversity       a cap on items per merchant or category, if any
 */
public record Query(int k, Predicate<String> eligible, boolean includeConsumed, Optional<Nearby> nearby,
                    Optional<Diversity> diversity) {

    /** Default hard radius: 5 km. */
    public static final double DEFAULT_RADIUS_METRES = 5_000.0;
    /** Default distance at which the decay halves a score: 2 km. */
    public static final double DEFAULT_HALF_DISTANCE_METRES = 2_000.0;

    public Query {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        Objects.requireNonNull(eligible, "eligible");
        Objects.requireNonNull(nearby, "nearby");
        Objects.requireNonNull(diversity, "diversity");
    }

    /** The top {@code k} items, no rules beyond excluding consumed items. */
    public static Query top(int k) {
        return new Query(k, item -> true, false, Optional.empty(), Optional.empty());
    }

    /** A copy with an eligibility predicate (replacing any earlier one). */
    public Query eligibleIf(Predicate<String> predicate) {
        return new Query(k, predicate, includeConsumed, nearby, diversity);
    }

    /** A copy that may list the customer's own history items. */
    public Query includingConsumed() {
        return new Query(k, eligible, true, nearby, diversity);
    }

    /** A copy with the customer at {@code position}: 5 km radius, scores halved every 2 km. */
    public Query near(GeoPoint position, Availability availability) {
        return near(new Nearby(position, availability, DEFAULT_RADIUS_METRES, DEFAULT_HALF_DISTANCE_METRES));
    }

    /** A copy with distance rules. */
    public Query near(Nearby rules) {
        return new Query(k, eligible, includeConsumed, Optional.of(rules), diversity);
    }

    /** A copy with at most {@code maxPerGroup} items per group (merchant, category). */
    public Query diverse(Function<String, String> groupOf, int maxPerGroup) {
        return new Query(k, eligible, includeConsumed, nearby, Optional.of(new Diversity(groupOf, maxPerGroup)));
    }

    /**
     * Distance rules: only items offered by a store within {@code radiusMetres} are listed, and a
     * score is multiplied by {@code 2^(-d / halfDistanceMetres)} for the distance d to the nearest
     * such store (a negative score is divided by it instead, so distance never helps).
     *
     * @param position           where the customer is (or usually is)
     * @param availability       which stores offer which items
     * @param radiusMetres       the hard radius in metres, not negative
     * @param halfDistanceMetres the decay's halving distance in metres, positive; infinite for no decay
     */
    public record Nearby(GeoPoint position, Availability availability, double radiusMetres,
                         double halfDistanceMetres) {
        public Nearby {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(availability, "availability");
            if (!(radiusMetres >= 0) || Double.isInfinite(radiusMetres)) {
                throw new IllegalArgumentException("radiusMetres must be finite and >= 0: " + radiusMetres);
            }
            if (!(halfDistanceMetres > 0)) {
                throw new IllegalArgumentException("halfDistanceMetres must be > 0: " + halfDistanceMetres);
            }
        }

        /** The score after the decay for a distance in metres. */
        public double decay(double score, double distanceMetres) {
            return scaled(score, factor(distanceMetres));
        }

        /** The decay multiplier for a distance in metres (computed once per store by the search). */
        double factor(double distanceMetres) {
            return Math.pow(2.0, -distanceMetres / halfDistanceMetres);
        }

        /** The score after a decay multiplier from {@link #factor}. */
        static double scaled(double score, double factor) {
            return score >= 0 ? score * factor : score / factor;
        }
    }

    /**
     * A diversity cap.
     *
     * @param groupOf     the group (merchant, category) of an item id, never null
     * @param maxPerGroup at most this many items of one group in a list, at least 1
     */
    public record Diversity(Function<String, String> groupOf, int maxPerGroup) {
        public Diversity {
            Objects.requireNonNull(groupOf, "groupOf");
            if (maxPerGroup < 1) {
                throw new IllegalArgumentException("maxPerGroup must be at least 1: " + maxPerGroup);
            }
        }
    }
}
