package dev.o2o.core.io;

/** What a reader does with a bad record. Immutable and thread-safe. */
public enum ErrorPolicy {
    /** Throw {@link IngestException} at the first bad record. */
    FAIL_FAST,
    /** Report the bad record in the {@link IngestReport} and go on with the next one. */
    COLLECT
}
