package dev.o2o.campaign.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistanceBandTest {

    /**
     * The public array of band edges was the one band() read: any caller writing into it changed
     * every funnel by distance in the JVM (here: 500 m became "1-3km").
     */
    @Test
    void writingIntoThePublicBandEdgesChangesNoBand() {
        double first = CouponAnalytics.DISTANCE_BANDS_METRES[0];
        try {
            CouponAnalytics.DISTANCE_BANDS_METRES[0] = 100;
            assertEquals("0-1km", CouponAnalytics.band(500));
        } finally {
            CouponAnalytics.DISTANCE_BANDS_METRES[0] = first;
        }
    }

    /** NaN was banded "10km+" and a negative distance "0-1km"; CouponRecord refuses both. */
    @Test
    void aDistanceThatIsNotANumberOrNegativeIsRefused() {
        assertEquals("metres must be a number >= 0: NaN",
                assertThrows(IllegalArgumentException.class, () -> CouponAnalytics.band(Double.NaN)).getMessage());
        assertEquals("metres must be a number >= 0: -5.0",
                assertThrows(IllegalArgumentException.class, () -> CouponAnalytics.band(-5)).getMessage());
        assertEquals("10km+", CouponAnalytics.band(Double.POSITIVE_INFINITY));
        assertEquals("0-1km", CouponAnalytics.band(0));
        assertEquals("1-3km", CouponAnalytics.band(1_000));
    }
}
