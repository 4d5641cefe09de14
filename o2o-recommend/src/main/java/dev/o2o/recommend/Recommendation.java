package dev.o2o.recommend;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One recommended item in a top-K list.
 *
 * <p>Immutable and thread-safe.
 *
 * @param item           the item's id
 * @param score          the ranking score: the model score after the distance decay
 * @param modelScore     the model's own score (dimensionless; comparable only within one model)
 * @param distanceMetres the distance to the nearest store within the radius that offers the item,
 *                       when the query had a position
 */
public record Recommendation(String item, double score, double modelScore, OptionalDouble distanceMetres) {

    public Recommendation {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(distanceMetres, "distanceMetres");
        if (Double.isNaN(score) || Double.isNaN(modelScore)) {
            throw new IllegalArgumentException("score of item '" + item + "' is NaN");
        }
    }
}
