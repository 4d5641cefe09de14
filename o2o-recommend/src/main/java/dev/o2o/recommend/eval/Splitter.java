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

/**
 * How events are split into training and test events, per customer.
 *
 * <p>Every splitter works customer by customer: a customer with n events, n at least
 * {@code minInteractions}, has {@code floor(n × testFraction)} of them (computed in IEEE
 * double) held out, or exactly one for leave-last-one-out; customers with fewer events keep
 * all of them in training and are not evaluated. {@code minInteractions} counts events (rows),
 * not distinct items. Built-ins come from the static factories; they are immutable and
 * thread-safe.
 */
@FunctionalInterface
public interface Splitter {

    /** Splits the events (in input order). */
    Split split(List<Interaction> events, int minInteractions);

    /**
     * Per-customer temporal holdout: each customer's events sorted by (instant, item id in
     * {@link String#compareTo} order); the last {@code floor(n × testFraction)} are held out.
     */
    static Splitter temporal(double testFraction) {
        requireFraction(testFraction);
        return (events, min) -> byCustomer(events, min, (rows, all, random) -> {
            rows.sort(chronological(all));
            return (int) Math.floor(rows.size() * testFraction);
        }, 0);
    }

    /** Per-customer random holdout of {@code floor(n × testFraction)} events, seeded. */
    static Splitter random(double testFraction, long seed) {
        requireFraction(testFraction);
        return (events, min) -> byCustomer(events, min, (rows, all, random) -> {
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
            }
            return (int) Math.floor(rows.size() * testFraction);
        }, seed);
    }

    /** Leave-last-one-out: each customer's last event by (instant, item id) is held out. */
    static Splitter leaveLastOut() {
        return (events, min) -> byCustomer(events, min, (rows, all, random) -> {
            rows.sort(chronological(all));
            return 1;
        }, 0);
    }

    private static void requireFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("testFraction must be within (0, 1): " + f);
        }
    }

    private static Comparator<Integer> chronological(List<Interaction> events) {
        return Comparator.<Integer, java.time.Instant>comparing(p -> events.get(p).instant())
                .thenComparing(p -> events.get(p).item());
    }

    /** Orders a customer's row positions and says how many of the last ones are held out. */
    interface Holdout {
        int order(List<Integer> rows, List<Interaction> events, SplittableRandom random);
    }

    private static Split byCustomer(List<Interaction> events, int minInteractions, Holdout holdout, long seed) {
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
