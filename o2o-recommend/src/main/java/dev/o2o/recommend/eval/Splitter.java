package dev.o2o.recommend.eval;

import dev.o2o.recommend.Interaction;
import java.util.List;

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
        Splits.requireFraction(testFraction);
        return (events, min) -> Splits.byCustomer(events, min, (rows, all, random) -> {
            rows.sort(Splits.chronological(all));
            return (int) Math.floor(rows.size() * testFraction);
        }, 0);
    }

    /** Per-customer random holdout of {@code floor(n × testFraction)} events, seeded. */
    static Splitter random(double testFraction, long seed) {
        Splits.requireFraction(testFraction);
        return (events, min) -> Splits.byCustomer(events, min, (rows, all, random) -> {
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
        return (events, min) -> Splits.byCustomer(events, min, (rows, all, random) -> {
            rows.sort(Splits.chronological(all));
            return 1;
        }, 0);
    }
}
