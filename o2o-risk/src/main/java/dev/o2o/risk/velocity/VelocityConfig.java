package dev.o2o.risk.velocity;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link VelocityEngine} keeps its windows.
 *
 * <p>Events are counted in buckets of {@code resolution}: an event at instant {@code e} is in the
 * window of length {@code W} ending at {@code t} when {@code bucket(e)} lies in
 * {@code (bucket(t) - W/resolution, bucket(t)]}, {@code bucket(x) = floor(x / resolution)} since
 * the epoch. With the default one-millisecond resolution (the precision of the stores' instants)
 * that is the exact window {@code (t - W, t]}; a coarser resolution makes the edges exact at that
 * resolution and merges bursts into one entry. Windows must be whole multiples of the resolution.
 *
 * <p>Memory per key and rule is bounded by {@code maxEntriesPerKey} entries of 16 bytes (one per
 * bucket with events, or for distinct counts one per bucket and value, where a value keeps only its
 * latest entry older than {@code maxLateness}, which changes no figure). A rule of a key with more
 * entries folds: it merges two adjacent entries, those whose merged entry covers the shortest span,
 * into one at the newer bucket (counts and sums move there; distinct values become a number of
 * values, each taken as distinct from every other). No amount moves back and no value is dropped, so
 * every figure is an upper bound of the exact one: only too high, never too low (for events decided
 * within {@code maxLateness}). It is also a tight one: at most the exact figure over the window
 * stretched back by the span of the oldest entry it holds, which for in-order traffic is less than
 * {@code 2 × window / (maxEntriesPerKey − 1 − e)}, {@code e} being the entries within
 * {@code maxLateness} of the key's newest event. For a distinct count "exact figure" there means the
 * number of (bucket, value) pairs kept (at most one per value older than {@code maxLateness}), since
 * a merged entry no longer knows its values. The rule reports
 * its figures as not exact ("at most") from its first fold until its window is empty again. So does
 * a sum whose total would pass {@link Long#MAX_VALUE}: its figure stays there, rather than wrapping
 * round to a negative one that would allow everything, until its window is empty again.
 *
 * <p>Events may arrive out of time order: each is counted at its own instant. One that is at most
 * {@code maxLateness} older than the newest event of its key is decided exactly; an older one is
 * decided on the entries still kept and its figures are reported as not exact.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resolution       bucket width, positive, whole milliseconds, at most 106,751 days (as a rule's window)
 * @param maxEntriesPerKey entries kept per key and rule, at least 2
 * @param maxLateness      how far behind its key's newest event an event is still decided exactly, not negative,
 *                         at most 106,751 days
 */
public record VelocityConfig(Duration resolution, int maxEntriesPerKey, Duration maxLateness) {

    public VelocityConfig {
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(maxLateness, "maxLateness");
        // bounded like a rule's window, so that the engine's sums of instants, windows and lateness in
        // milliseconds fit a long: a lateness rounded up past it once wrapped round to a negative one
        // that evicted every entry as it came, and no rule fired
        if (resolution.compareTo(VelocityRule.LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("resolution must be at most " + VelocityRule.LONGEST_WINDOW.toDays()
                    + " days: " + resolution);
        }
        if (resolution.isNegative() || resolution.isZero() || resolution.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("resolution must be a positive whole number of milliseconds: " + resolution);
        }
        if (maxEntriesPerKey < 2) {
            throw new IllegalArgumentException("maxEntriesPerKey must be at least 2: " + maxEntriesPerKey);
        }
        if (maxLateness.isNegative()) {
            throw new IllegalArgumentException("maxLateness must not be negative: " + maxLateness);
        }
        if (maxLateness.compareTo(VelocityRule.LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("maxLateness must be at most " + VelocityRule.LONGEST_WINDOW.toDays()
                    + " days: " + maxLateness);
        }
    }

    /** Millisecond resolution, 64 entries per key and rule, one minute of lateness. */
    public static VelocityConfig defaults() {
        return new VelocityConfig(Duration.ofMillis(1), 64, Duration.ofMinutes(1));
    }
}
