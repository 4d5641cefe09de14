package dev.o2o.loyalty.points;

/** The kind of a {@link LedgerEntry}. Immutable and thread-safe. */
public enum EntryType {
    /** Points earned; creates a lot with an optional expiry. Positive. */
    EARN,
    /** Points spent; consumes lots earliest-expiry first. Negative. */
    REDEEM,
    /** Points of a lot that reached its expiry. Negative. */
    EXPIRE,
    /** A manual correction: positive (creates a lot) or negative (consumes lots). */
    ADJUST,
    /** A compensating entry for an earlier EARN, REDEEM or ADJUST (refund, cancellation). */
    REVERSE,
    /**
     * Points moved between accounts by a customer merge or its undoing ({@link LedgerMerges}):
     * negative on the giving account (empties its lots), positive on the receiving one (one entry
     * and lot per lot moved, with that lot's availability and expiry). Not reversible.
     */
    TRANSFER
}
