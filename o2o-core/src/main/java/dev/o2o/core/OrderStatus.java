package dev.o2o.core;

/** The state of an {@link Order}. Immutable and thread-safe. */
public enum OrderStatus {
    /** Placed and paid; counts as a purchase. */
    COMPLETED,
    /** Part of the amount was refunded; the rest counts as a purchase. */
    PARTIALLY_REFUNDED,
    /** Fully refunded; does not count as a purchase. */
    REFUNDED,
    /** Cancelled before payment or fulfilment; does not count as a purchase. */
    CANCELLED;

    /** Whether an order in this state counts as a purchase (completed or partially refunded). */
    public boolean isPurchase() {
        return this == COMPLETED || this == PARTIALLY_REFUNDED;
    }
}
