package dev.o2o.campaign;

import dev.o2o.campaign.Reservation.Outcome;
import java.time.Duration;
import java.time.Instant;

/**
 * The checks of a {@link Reservation} in their one order, shared by the stores so that the
 * in-memory and the JDBC store refuse for the same reason: cool-down, frequency cap and the daily
 * contact limit (the customer's own counts), then budget and global cap (the campaign's totals).
 * Stateless.
 */
final class ReservationRules {

    private ReservationRules() {
    }

    /** Fires of the reservation's trigger and customer. */
    @FunctionalInterface
    interface FireCounts {
        /** Fires strictly between the two instants. */
        long between(Instant fromExclusive, Instant toExclusive);
    }

    /**
     * The customer's checks: cool-down and frequency cap count fires within one window either
     * side of the instant; {@link Outcome#RESERVED} if they and the daily limit pass.
     */
    static Outcome customerChecks(Reservation r, FireCounts fires, int contactsToday) {
        Instant at = r.at();
        if (!r.coolDown().isZero()) {
            if (fires.between(minus(at, r.coolDown()), plus(at, r.coolDown())) > 0) {
                return Outcome.COOL_DOWN;
            }
        }
        if (r.frequencyCap() > 0) {
            if (fires.between(minus(at, r.frequencyWindow()), plus(at, r.frequencyWindow())) >= r.frequencyCap()) {
                return Outcome.FREQUENCY_CAP;
            }
        }
        if (r.dailyLimit() > 0 && contactsToday >= r.dailyLimit()) {
            return Outcome.DAILY_CONTACT_LIMIT;
        }
        return Outcome.RESERVED;
    }

    /** The campaign's checks against its totals so far: budget first, then the global cap. */
    static Outcome campaignChecks(Reservation r, long campaignFires, long spentMinor) {
        if (r.budgetMinor() >= 0 && spentMinor + r.costMinor() > r.budgetMinor()) {
            return Outcome.BUDGET;
        }
        if (r.globalCap() >= 0 && campaignFires >= r.globalCap()) {
            return Outcome.GLOBAL_CAP;
        }
        return Outcome.RESERVED;
    }

    /** The widest window (cool-down or frequency window) the reservation looks at. */
    static Duration reach(Reservation r) {
        Duration cd = r.coolDown();
        return r.frequencyCap() > 0 && r.frequencyWindow().compareTo(cd) > 0 ? r.frequencyWindow() : cd;
    }

    /**
     * {@code at - d}, or {@link Instant#MIN} if that is earlier: a window may be as long as a
     * {@link Duration} goes (a cool-down of "once, ever"), longer than the instants before it.
     */
    static Instant minus(Instant at, Duration d) {
        return d.compareTo(Duration.between(Instant.MIN, at)) >= 0 ? Instant.MIN : at.minus(d);
    }

    /** {@code at + d}, or {@link Instant#MAX} if that is later (see {@link #minus}). */
    static Instant plus(Instant at, Duration d) {
        return d.compareTo(Duration.between(at, Instant.MAX)) >= 0 ? Instant.MAX : at.plus(d);
    }
}
