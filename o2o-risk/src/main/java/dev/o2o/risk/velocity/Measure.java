package dev.o2o.risk.velocity;

/**
 * What a velocity rule measures over its window.
 *
 * <p>Immutable and thread-safe.
 */
public enum Measure {
    /** The number of matching events. */
    COUNT,
    /** The sum of the matching events' amounts. */
    SUM,
    /** The number of distinct values of another field among the matching events. */
    DISTINCT
}
