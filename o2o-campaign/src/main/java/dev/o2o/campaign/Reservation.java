package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One request to a {@link CampaignStore} to record a trigger fire if every counted constraint
 * allows it: all are checked and, if they pass, all counters move, atomically.
 *
 * <p>Time-window constraints count recorded fires within one window on either side of
 * {@link #at}, so that late events (evaluated at their own instant) can never put more than the
 * cap in any window of that length, whatever the arrival order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer        the customer
 * @param campaignId      the campaign
 * @param triggerId       the trigger
 * @param at              the event's instant
 * @param frequencyCap    fires allowed within any {@code frequencyWindow}; 0 for no cap
 * @param frequencyWindow the cap's window; positive if there is a cap
 * @param coolDown        no other fire of the trigger for the customer within this; zero for none, never negative
 * @param day             the customer's local day of the event, as an ISO date ({@code 2026-06-01}), for the
 *                        daily limit
 * @param dailyLimit      contacts allowed per customer and local day across all campaigns; 0 for none
 * @param costMinor       budget the fire consumes, in minor units of the budget's currency
 * @param budgetMinor     the campaign budget in minor units; negative for unlimited
 * @param globalCap       total fires allowed for the campaign; negative for unlimited
 */
public record Reservation(CustomerKey customer, String campaignId, String triggerId, Instant at, int frequencyCap,
                          Duration frequencyWindow, Duration coolDown, String day, int dailyLimit, long costMinor,
                          long budgetMinor, long globalCap) {

    public Reservation {
        Objects.requireNonNull(customer, "customer");
        Ids.requireId(campaignId, "campaignId");
        Ids.requireId(triggerId, "triggerId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(frequencyWindow, "frequencyWindow");
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(day, "day");
        if (frequencyCap < 0 || dailyLimit < 0 || costMinor < 0) {
            throw new IllegalArgumentException("frequencyCap, dailyLimit and costMinor must be >= 0: "
                    + frequencyCap + ", " + dailyLimit + ", " + costMinor);
        }
        // the stores count fires strictly inside the window either side: over no window a cap never binds
        if (frequencyCap > 0 && (frequencyWindow.isZero() || frequencyWindow.isNegative())) {
            throw new IllegalArgumentException("reservation '" + triggerId + "': frequencyWindow must be positive with"
                    + " frequencyCap " + frequencyCap + ": " + frequencyWindow);
        }
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("reservation '" + triggerId + "': coolDown must not be negative: " + coolDown);
        }
        // the daily contact counts are keyed by it, in a 10-character column of the JDBC store
        boolean isoDay;
        try {
            LocalDate.parse(day);
            isoDay = day.length() == 10; // years 0000..9999
        } catch (DateTimeParseException e) {
            isoDay = false;
        }
        if (!isoDay) {
            throw new IllegalArgumentException("reservation '" + triggerId + "': day must be an ISO date (yyyy-MM-dd): '"
                    + day + "'");
        }
    }

    /** The result of a reservation: {@link #RESERVED} or the first constraint that refused. */
    public enum Outcome {
        RESERVED, COOL_DOWN, FREQUENCY_CAP, DAILY_CONTACT_LIMIT, BUDGET, GLOBAL_CAP;

        /** The suppression reason of a refusal. */
        SuppressionReason reason() {
            return SuppressionReason.valueOf(name());
        }
    }
}
