package dev.o2o.core.io;

import java.util.Objects;

/**
 * Why one input record was rejected: where it is (source and line) and what is wrong with
 * which field.
 *
 * <p>Immutable and thread-safe. The reason may quote the offending value so that the
 * operator can fix the data; do not log it where personal data must not appear.
 *
 * @param source name of the input (usually a file name)
 * @param line   1-based line where the record starts
 * @param field  the field at fault, or {@code "record"} when the record as a whole is malformed
 * @param reason what is wrong, quoting the value where useful
 */
public record RecordError(String source, long line, String field, String reason) {

    public RecordError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    /** For example {@code orders.csv:12: quantity: must be at least 1, was '-2'}. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + field + ": " + reason;
    }
}
