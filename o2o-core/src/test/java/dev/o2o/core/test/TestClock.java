package dev.o2o.core.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand, always in UTC, shared by every module's tests through o2o-core's
 * test-jar. Thread-safe. (o2o-testkit keeps its own public {@code dev.o2o.testkit.points.TestClock}
 * in main code for integrators: a published module cannot depend on a test-jar, and core sits below
 * the testkit.)
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    /** A clock at {@code start}. */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock forward by {@code d}. */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** Sets the clock to {@code t}. */
    public void set(Instant t) {
        now.set(t);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock itself: it only ever reads UTC, and a copy would stop moving with the test. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the test clock is fixed to UTC, not " + zone);
        }
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
