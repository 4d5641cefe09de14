package dev.o2o.segmentation.lifecycle;

/** A customer's value tier by cumulative revenue share (see {@link ValueTiers}). Immutable and thread-safe. */
public enum ValueTier {
    /** The top customers who together bring the first share of revenue (80% by default). */
    HIGH,
    /** The next customers, up to the second cumulative share (95% by default). */
    MEDIUM,
    /** The rest, including customers without revenue. */
    LOW
}
