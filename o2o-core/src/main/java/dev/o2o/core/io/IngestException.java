package dev.o2o.core.io;

import java.util.Objects;

/**
 * Thrown under {@link ErrorPolicy#FAIL_FAST} at the first bad record, and under any policy when
 * the input cannot be read at all.
 *
 * <p>Immutable and thread-safe.
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RecordError error;

    public IngestException(RecordError error) {
        super(Objects.requireNonNull(error, "error").toString());
        this.error = error;
    }

    public IngestException(RecordError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").toString(), cause);
        this.error = error;
    }

    /** Where and why. */
    public RecordError error() {
        return error;
    }
}
