package dev.o2o.campaign;

import dev.o2o.campaign.Reservation.Outcome;
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
            if (fires.between(at.minus(r.coolDown()), at.plus(r.coolDown())) > 0) {
                return Outcome.COOL_DOWN;
            }
        }
        if (r.frequencyCap() > 0) {
            if (fires.between(at.minus(r.frequencyWindow()), at.plus(r.frequencyWindow())) >= r.frequencyCap()) {
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

    /** The widest window (cool-down or frequency window) the reservation looks at, in nanoseconds. */
    static long reach(Reservation r) {
        long cd = r.coolDown().toNanos();
        return r.frequencyCap() > 0 ? Math.max(cd, r.frequencyWindow().toNanos()) : cd;
    }
}
