package dev.o2o.attribution.shapley;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Shapley value of every channel in one cooperative game over channel sets, exact or estimated.
 *
 * @param description    the game and the method, e.g. {@code "shapley(conversionRate, exact)"}
 * @param values         channel id to Shapley value, in the channel order of the counts (a channel in no counted
 *                       journey has 0)
 * @param standardErrors channel id to the standard error of its estimate; empty when the values are exact
 * @param grandValue     the value of the coalition of all channels (the values sum to it when exact)
 *
 * <p>Immutable and thread-safe.
 */
public record ShapleyValues(String description, Map<String, Double> values, Map<String, Double> standardErrors,
                            double grandValue) {

    /** Validates and copies (keeping the order of the maps). */
    public ShapleyValues {
        Objects.requireNonNull(description, "description");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(standardErrors, "standardErrors")));
        if (!standardErrors.isEmpty() && !standardErrors.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("standardErrors must be empty or cover the channels of values");
        }
    }

    /** Whether the values are exact (no standard errors). */
    public boolean exact() {
        return standardErrors.isEmpty();
    }
}
