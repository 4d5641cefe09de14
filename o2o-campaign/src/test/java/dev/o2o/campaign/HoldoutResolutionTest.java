package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The holdout works at 1/10,000 resolution. A share below 1 that rounded to all 10,000 buckets
 * held every customer out (what the "below 1" rule is there to prevent), and a positive share that
 * rounded to none held nobody out: both were accepted.
 */
class HoldoutResolutionTest {

    @Test
    void aShareThatRoundsToEveryCustomerIsRefused() {
        // before: accepted, and every customer was held out (every bucket is below 10,000)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Campaign.of("geo").withHoldout(0.99996));
        assertEquals("campaign 'geo': holdoutShare must be 0 or in [0.00005, 0.99995) (1/10,000 resolution): 0.99996",
                e.getMessage());
        assertEquals("share must be 0 or in [0.00005, 0.99995) (1/10,000 resolution): 0.99996",
                assertThrows(IllegalArgumentException.class, () -> Holdout.isHeldOut(c("a"), "geo", 0.99996)).getMessage());
    }

    @Test
    void aPositiveShareThatRoundsToNoCustomerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Campaign.of("geo").withHoldout(0.00004));
        assertEquals("campaign 'geo': holdoutShare must be 0 or in [0.00005, 0.99995) (1/10,000 resolution): 4.0E-5",
                e.getMessage());
    }

    @Test
    void theEdgesOfTheRangeStillWork() {
        assertEquals(0.00005, Campaign.of("geo").withHoldout(0.00005).holdoutShare());
        Campaign most = Campaign.of("geo").withHoldout(0.99994);
        // 9,999 of 10,000 buckets: some customers are treated
        assertTrue(IntStream.range(0, 100_000).anyMatch(i -> !Holdout.isHeldOut(c("k" + i), "geo", most.holdoutShare())));
        assertEquals(0.0, Campaign.of("geo").withHoldout(0).holdoutShare());
    }
}
