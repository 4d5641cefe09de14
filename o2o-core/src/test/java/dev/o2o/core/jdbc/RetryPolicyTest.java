package dev.o2o.core.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(2), Duration.ofMillis(200));

    @Test
    void backOffDoublesUpToTheCapWithTheUpperHalfJittered() {
        assertEquals(Duration.ofMillis(1), policy.delay(1, 0.0));
        assertEquals(Duration.ofNanos(1_500_000), policy.delay(1, 0.5));
        assertEquals(Duration.ofMillis(2), policy.delay(2, 0.0));
        assertEquals(Duration.ofMillis(64), policy.delay(7, 0.0));
        assertEquals(Duration.ofMillis(100), policy.delay(8, 0.0), "256 ms capped at 200, halved");
        assertEquals(Duration.ofMillis(100), policy.delay(1000, 0.0), "no overflow after many failures");
        assertEquals(Duration.ofNanos(199_999_900), policy.delay(50, 0.999999));
        assertEquals(RetryPolicy.defaults(), policy);
        assertEquals(Duration.ZERO, RetryPolicy.noRetry().delay(1, 0.3));
    }

    @Test
    void invalidPoliciesAndArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(101, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(4)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMinutes(2)));
        assertThrows(NullPointerException.class, () -> new RetryPolicy(2, null, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> policy.delay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> policy.delay(1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> policy.delay(1, Double.NaN));
    }
}
