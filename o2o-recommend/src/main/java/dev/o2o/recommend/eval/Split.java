package dev.o2o.recommend.eval;

import dev.o2o.recommend.Interaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A train/test split of interaction events.
 *
 * <p>Immutable and thread-safe.
 *
 * @param train training events, in input order
 * @param test  per customer, the distinct items of their held-out events in held-out order;
 *              customers without held-out events are absent
 */
public record Split(List<Interaction> train, Map<String, List<String>> test) {

    public Split {
        train = List.copyOf(Objects.requireNonNull(train, "train"));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(test, "test").forEach((c, items) -> copy.put(c, List.copyOf(items)));
        test = java.util.Collections.unmodifiableMap(copy);
    }
}
