package dev.o2o.segmentation.lifecycle;

/** Where a customer stands in the purchase lifecycle on a given day. Immutable and thread-safe. */
public enum LifecycleStage {
    /** First purchase recently (within the policy's new-customer window). */
    NEW,
    /** Purchased recently, without a churn-length gap before the last purchase. */
    ACTIVE,
    /** No purchase for longer than the sleeping threshold, but not yet churned. */
    SLEEPING,
    /** No purchase for at least the churn threshold. */
    CHURNED,
    /** Purchased recently after a gap of at least the churn threshold. */
    WON_BACK
}
