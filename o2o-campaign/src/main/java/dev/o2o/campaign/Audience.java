package dev.o2o.campaign;

import java.util.Objects;

/**
 * Who a trigger addresses: a predicate over the customer's view. Built-ins come from the
 * static factories; combine them with {@link #and}, {@link #or} and {@link #negate}.
 *
 * <p>Implementations must be thread-safe and side-effect free.
 */
@FunctionalInterface
public interface Audience {

    /** True if the customer belongs to the audience. */
    boolean includes(CustomerView customer);

    /** Everyone. */
    static Audience everyone() {
        return c -> true;
    }

    /** Customers with the tag. */
    static Audience hasTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        return c -> c.tags().contains(tag);
    }

    /** Customers in the segment the host supplied. */
    static Audience inSegment(String segment) {
        Objects.requireNonNull(segment, "segment");
        return c -> c.segments().contains(segment);
    }

    default Audience and(Audience other) {
        Objects.requireNonNull(other, "other");
        return c -> includes(c) && other.includes(c);
    }

    default Audience or(Audience other) {
        Objects.requireNonNull(other, "other");
        return c -> includes(c) || other.includes(c);
    }

    default Audience negate() {
        return c -> !includes(c);
    }
}
