package dev.o2o.loyalty.points;

import java.time.Instant;

/**
 * What one expiry run did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param upTo    lots expiring at or before this instant were expired
 * @param entries EXPIRE entries appended (one per lot)
 * @param points  points expired in total
 */
public record ExpiryRun(Instant upTo, int entries, long points) {
}
