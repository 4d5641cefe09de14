package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.Ids;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A {@link Reservation} is what every store checks, and its public constructor took what no
 * trigger can give: a frequency cap over a zero window (the stores counted fires between the
 * instant and itself, so the cap never bound: fire after fire was reserved), a negative
 * cool-down, a day that is no date (the in-memory store counted it, the JDBC store's 10-character
 * column failed on it) and ids longer than the JDBC store holds.
 */
class ReservationValidationTest {

    private static Reservation res(String trigger, int cap, Duration window, Duration coolDown, String day) {
        return new Reservation(c("a"), "camp", trigger, T0, cap, window, coolDown, day, 3, 0, -1, -1);
    }

    @Test
    void aCapOverNoWindowIsRefused() {
        assertEquals("reservation 't': frequencyWindow must be positive with frequencyCap 1: PT0S",
                assertThrows(IllegalArgumentException.class, () -> res("t", 1, Duration.ZERO, Duration.ZERO, "2026-06-01"))
                        .getMessage());
    }

    @Test
    void aNegativeCoolDownADayThatIsNoDateAndTooLongAnIdAreRefused() {
        assertEquals("reservation 't': coolDown must not be negative: PT-1H", assertThrows(IllegalArgumentException.class,
                () -> res("t", 0, Duration.ZERO, Duration.ofHours(-1), "2026-06-01")).getMessage());
        assertEquals("reservation 't': day must be an ISO date (yyyy-MM-dd): '2026-06-01T12:00'",
                assertThrows(IllegalArgumentException.class,
                        () -> res("t", 0, Duration.ZERO, Duration.ZERO, "2026-06-01T12:00")).getMessage());
        String id = "t".repeat(201);
        assertEquals("triggerId is longer than 200 characters: " + Ids.describe(id),
                assertThrows(IllegalArgumentException.class, () -> res(id, 0, Duration.ZERO, Duration.ZERO, "2026-06-01"))
                        .getMessage());
    }
}
