package dev.o2o.campaign.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistanceBandTest {

    /**
     * The band edges were a public array: any caller could write into it (band() kept its own
     * copy, but every other reader of the constant saw the write). Now an unmodifiable list.
     */
    @Test
    @SuppressWarnings("unchecked")
    void thePublicBandEdgesCannotBeWritten() throws ReflectiveOperationException {
        Object edges = CouponAnalytics.class.getField("DISTANCE_BANDS_METRES").get(null);
        List<Double> list = assertInstanceOf(List.class, edges);
        assertEquals(List.of(1_000.0, 3_000.0, 5_000.0, 10_000.0), list);
        assertThrows(UnsupportedOperationException.class, () -> list.set(0, 100.0));
        assertEquals("0-1km", CouponAnalytics.band(500));
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
