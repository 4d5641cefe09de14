package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one expiry run did, and where it failed. Each account expires in its own transaction: a
 * failure on one account is recorded in {@link #failures()} and the run goes on, so that
 * {@code entries} and {@code points} are always what was committed. Run expiry again to retry the
 * failed accounts (expiring is idempotent per lot).
 *
 * <p>Immutable and thread-safe.
 *
 * @param upTo     lots expiring at or before this instant were expired
 * @param entries  EXPIRE entries committed (one per lot)
 * @param points   points expired in total by those entries
 * @param failures the accounts whose transaction failed, with the error; empty when all succeeded
 */
public record ExpiryRun(Instant upTo, int entries, long points, List<Failure> failures) {

    public ExpiryRun {
        Objects.requireNonNull(upTo, "upTo");
        Checks.nonNegative(entries, "entries");
        Checks.nonNegative(points, "points");
        failures = List.copyOf(failures);
    }

    /** Whether every due account was expired. */
    public boolean complete() {
        return failures.isEmpty();
    }

    /**
     * One account whose expiry transaction failed; nothing of it was committed (or, for a
     * {@code CommitOutcomeUnknownException}, the outcome is unknown until the next run).
     *
     * @param account the account
     * @param error   what went wrong
     */
    public record Failure(CustomerKey account, RuntimeException error) {
        public Failure {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(error, "error");
        }
    }
}
