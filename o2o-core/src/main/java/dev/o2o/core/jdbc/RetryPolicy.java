package dev.o2o.core.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently {@link Transactions} runs a transaction again after a serialization
 * failure or deadlock: at most {@code maxAttempts} runs in all; before run {@code k + 1} it waits
 * {@link #delay(int, double) delay(k, u)}, an exponential back-off from {@code initialBackoff}
 * doubling up to {@code maxBackoff}, of which the upper half is random ("equal jitter"), so that
 * two transactions that collided do not collide again in step. Immutable and thread-safe.
 *
 * @param maxAttempts runs in all, 1 to 100 (1: no retry)
 * @param initialBackoff the wait before the second run, before jitter; not negative
 * @param maxBackoff the longest wait, before jitter; at least {@code initialBackoff}, at most one minute
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    private static final Duration LONGEST = Duration.ofMinutes(1);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 100: " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0 || maxBackoff.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("maxBackoff must be between initialBackoff (" + initialBackoff
                    + ") and " + LONGEST + ": " + maxBackoff);
        }
    }

    /** 8 attempts, waits from 2 ms doubling up to 200 ms (at most about 0.6 s of waiting in all). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(2), Duration.ofMillis(200));
    }

    /** One attempt: errors surface at once (for tests and callers that retry themselves). */
    public static RetryPolicy noRetry() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait after the {@code failures}-th failed run: {@code b = min(maxBackoff, initialBackoff * 2^(failures-1))},
     * then {@code b/2 + u * b/2}.
     *
     * @param failures runs that have failed so far, at least 1
     * @param u the jitter, a uniform number in [0, 1)
     */
    public Duration delay(int failures, double u) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1: " + failures);
        }
        if (!(u >= 0 && u < 1)) {
            throw new IllegalArgumentException("u must be in [0, 1): " + u);
        }
        long max = maxBackoff.toNanos();
        long base = initialBackoff.toNanos();
        for (int i = 1; i < failures && base < max; i++) {
            base *= 2;
        }
        base = Math.min(base, max);
        long half = base / 2;
        return Duration.ofNanos(base - half + (long) (u * half));
    }
}
