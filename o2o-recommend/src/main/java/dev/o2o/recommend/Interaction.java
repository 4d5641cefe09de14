package dev.o2o.recommend;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One implicit-feedback event: a customer interacted with an item (bought a product, redeemed a
 * coupon template, visited a merchant or a store) at an instant, with a weight (quantity, count,
 * or 1).
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer the customer's id (an internal id or pseudonym, never personal data)
 * @param item     the item's id
 * @param instant  when it happened
 * @param weight   how strongly, finite and not negative (dimensionless; summed over duplicates)
 * @param store    the store where it happened, if known (an order's store, a check-in's store);
 *                 used by explanations ("because you bought X at store Y")
 */
public record Interaction(String customer, String item, Instant instant, double weight, Optional<String> store) {

    public Interaction {
        requireId(customer, "customer");
        requireId(item, "item");
        Objects.requireNonNull(instant, "instant");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be finite and not negative: " + weight);
        }
        Objects.requireNonNull(store, "store");
        store.ifPresent(s -> requireId(s, "store"));
    }

    /** An event at no known store. */
    public Interaction(String customer, String item, Instant instant, double weight) {
        this(customer, item, instant, weight, Optional.empty());
    }

    /** A copy of this event at the given store. */
    public Interaction withStore(String store) {
        return new Interaction(customer, item, instant, weight, Optional.of(store));
    }

    /** An event of weight 1. */
    public static Interaction of(String customer, String item, Instant instant) {
        return new Interaction(customer, item, instant, 1.0);
    }

    static void requireId(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || !value.strip().equals(value)) {
            throw new IllegalArgumentException(field + " id must be non-blank without surrounding white space: '"
                    + value + "'");
        }
    }
}
