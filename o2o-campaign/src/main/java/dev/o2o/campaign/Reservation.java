package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.time.Duration;
import java.time.Instant;
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
 * @param frequencyWindow the cap's window
 * @param coolDown        no other fire of the trigger for the customer within this; zero for none
 * @param day             the customer's local day of the event, as an ISO date, for the daily limit
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
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(frequencyWindow, "frequencyWindow");
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(day, "day");
        if (frequencyCap < 0 || dailyLimit < 0 || costMinor < 0) {
            throw new IllegalArgumentException("frequencyCap, dailyLimit and costMinor must be >= 0: "
                    + frequencyCap + ", " + dailyLimit + ", " + costMinor);
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
