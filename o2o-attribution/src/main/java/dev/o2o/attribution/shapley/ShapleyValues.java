package dev.o2o.attribution.shapley;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Shapley value of every channel in one cooperative game over channel sets, exact or estimated.
 *
 * @param description    the game and the method, e.g. {@code "shapley(conversionRate, exact)"}
 * @param values         channel id to Shapley value, in the channel order of the counts (a channel in no counted
 *                       journey, or below the minimum support, has 0)
 * @param standardErrors channel id to the standard error of its estimate; empty when the values are exact
 * @param grandValue     the value of the coalition of all channels (the values sum to it when exact)
 * @param warnings       what a reader of the values should know: channels left out for lack of support, journeys
 *                       left out of the game, the prior's strength when the data decided it; empty when none
 *
 * <p>Immutable and thread-safe.
 */
public record ShapleyValues(String description, Map<String, Double> values, Map<String, Double> standardErrors,
                            double grandValue, List<String> warnings) {

    /** Validates and copies (keeping the order of the maps). */
    public ShapleyValues {
        Objects.requireNonNull(description, "description");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(standardErrors, "standardErrors")));
        if (!standardErrors.isEmpty() && !standardErrors.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("standardErrors must be empty or cover the channels of values");
        }
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** Values without warnings. */
    public ShapleyValues(String description, Map<String, Double> values, Map<String, Double> standardErrors,
                         double grandValue) {
        this(description, values, standardErrors, grandValue, List.of());
    }

    /** Whether the values are exact (no standard errors). */
    public boolean exact() {
        return standardErrors.isEmpty();
    }
}
