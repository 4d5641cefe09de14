package dev.o2o.core.consent;

/** Whether a consent change grants or withdraws. Immutable and thread-safe. */
public enum ConsentStatus {
    /** The customer agreed. */
    GRANTED,
    /** The customer withdrew (or refused). */
    WITHDRAWN
}
