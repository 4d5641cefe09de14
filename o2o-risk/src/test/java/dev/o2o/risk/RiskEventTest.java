package dev.o2o.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskEventTest {
    static final Instant T0 = Instant.parse("2026-07-15T10:00:00Z");

    @Test
    void aBlankOrPaddedDeviceStoreClerkOrCouponIsRefusedByName() {
        RiskEvent e = RiskEvent.of(EventType.COUPON_REDEMPTION, T0, "a");
        // once accepted: every event with device "" was counted under one shared device ""
        assertEquals("device must not be blank",
                assertThrows(IllegalArgumentException.class, () -> e.withDevice("")).getMessage());
        assertEquals("store must not be blank",
                assertThrows(IllegalArgumentException.class, () -> e.atStore(" ", "k1")).getMessage());
        assertEquals("clerk must not have leading or trailing white space: '****' (3 chars)",
                assertThrows(IllegalArgumentException.class, () -> e.atStore("s1", "k1 ")).getMessage());
        assertEquals("coupon must not contain control characters (U+0000 at index 1): '****' (2 chars)",
                assertThrows(IllegalArgumentException.class, () -> e.withCoupon("C\0")).getMessage());
        assertEquals("device", assertThrows(NullPointerException.class,
                () -> new RiskEvent(EventType.SIGN_UP, T0, "a", null, Optional.empty(), Optional.empty(),
                        Optional.empty(), 0)).getMessage());
        RiskEvent ok = e.withDevice("d1").atStore("s1", "k1").withCoupon("C1");
        assertEquals(Optional.of("d1"), ok.device());
        assertEquals(Optional.of("k1"), ok.clerk());
    }

    @Test
    void aNullDeviceStoreClerkOrCouponIsRefusedByName() {
        RiskEvent e = RiskEvent.of(EventType.COUPON_REDEMPTION, T0, "a");
        // once: Optional.of(null) threw a NullPointerException without a message
        assertEquals("device", assertThrows(NullPointerException.class, () -> e.withDevice(null)).getMessage());
        assertEquals("store", assertThrows(NullPointerException.class, () -> e.atStore(null, "k1")).getMessage());
        assertEquals("clerk", assertThrows(NullPointerException.class, () -> e.atStore("s1", null)).getMessage());
        assertEquals("coupon", assertThrows(NullPointerException.class, () -> e.withCoupon(null)).getMessage());
    }
}
