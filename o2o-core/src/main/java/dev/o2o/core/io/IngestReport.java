package dev.o2o.core.io;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading one input: how many records were accepted and rejected, and why each
 * rejected one was (up to {@link IngestOptions#maxErrorsKept()} errors are kept; the counts are
 * always exact).
 *
 * <p>Every record is either accepted or rejected: {@code accepted + rejected} is the number of
 * records read. Immutable and thread-safe.
 *
 * @param source           name of the input
 * @param accepted         records turned into values
 * @param rejected         records refused
 * @param errors           the first errors, in input order
 * @param errorsTruncated  true when more errors occurred than were kept
 */
public record IngestReport(String source, long accepted, long rejected, List<RecordError> errors,
                           boolean errorsTruncated) {

    public IngestReport {
        Objects.requireNonNull(source, "source");
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        if (accepted < 0 || rejected < 0) {
            throw new IllegalArgumentException("counts must not be negative: accepted " + accepted
                    + ", rejected " + rejected);
        }
        if (errors.size() > rejected) {
            throw new IllegalArgumentException("more errors (" + errors.size() + ") than rejected records (" + rejected + ")");
        }
    }

    /** Records read in all. */
    public long total() {
        return accepted + rejected;
    }

    /** True when no record was rejected. */
    public boolean isClean() {
        return rejected == 0;
    }
}
