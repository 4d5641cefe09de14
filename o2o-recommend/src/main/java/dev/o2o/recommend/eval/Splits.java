package dev.o2o.recommend.eval;

import dev.o2o.recommend.Interaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/** The per-customer splitting shared by the {@link Splitter} built-ins. Stateless and thread-safe. */
final class Splits {

    private Splits() {
    }

    static void requireFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("testFraction must be within (0, 1): " + f);
        }
    }

    static Comparator<Integer> chronological(List<Interaction> events) {
        return Comparator.<Integer, java.time.Instant>comparing(p -> events.get(p).instant())
                .thenComparing(p -> events.get(p).item());
    }

    /** Orders a customer's row positions and says how many of the last ones are held out. */
    interface Holdout {
        int order(List<Integer> rows, List<Interaction> events, SplittableRandom random);
    }

    static Split byCustomer(List<Interaction> events, int minInteractions, Holdout holdout, long seed) {
        Objects.requireNonNull(events, "events");
        if (minInteractions < 1) {
            throw new IllegalArgumentException("minInteractions must be at least 1: " + minInteractions);
        }
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int p = 0; p < events.size(); p++) {
            positions.computeIfAbsent(events.get(p).customer(), k -> new ArrayList<>()).add(p);
        }
        boolean[] held = new boolean[events.size()];
        Map<String, List<String>> test = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, List<Integer>> e : positions.entrySet()) {
            List<Integer> pos = e.getValue();
            if (pos.size() < minInteractions) {
                continue;
            }
            List<Integer> rows = new ArrayList<>(pos);
            int nTest = Math.min(holdout.order(rows, events, random), rows.size());
            LinkedHashSet<String> items = new LinkedHashSet<>();
            for (int r = rows.size() - nTest; r < rows.size(); r++) {
                held[rows.get(r)] = true;
                items.add(events.get(rows.get(r)).item());
            }
            if (!items.isEmpty()) {
                test.put(e.getKey(), new ArrayList<>(items));
            }
        }
        List<Interaction> train = new ArrayList<>(events.size());
        for (int p = 0; p < events.size(); p++) {
            if (!held[p]) {
                train.add(events.get(p));
            }
        }
        return new Split(train, test);
    }
}
