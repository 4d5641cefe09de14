package dev.o2o.risk.audit;

/**
 * Where a recorded decision stands.
 *
 * <p>Immutable and thread-safe.
 */
public enum DecisionStatus {
    /** A REVIEW decision waiting for an operator (the operation went through). */
    OPEN,
    /** A REVIEW decision the operator found harmless. */
    RELEASED,
    /** A REVIEW decision the operator confirmed as abuse: its points are reversed, its code voided. */
    CONFIRMED,
    /** A DENY decision: the operation was stopped, there is nothing to review. */
    DENIED
}
