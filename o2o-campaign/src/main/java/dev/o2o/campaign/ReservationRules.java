package dev.o2o.campaign;

import dev.o2o.campaign.Reservation.Outcome;

/**
 * The checks of a {@link Reservation} in their one order, shared by the stores so that the
 * in-memory and the JDBC store refuse for the same reason: cool-down, frequency cap and the daily
 * contact limit (the customer's own counts), then budget and global cap (the campaign's totals).
 * Stateless.
 */
final class ReservationRules {

    private ReservationRules() {
    }

    /** Fires of the reservation's trigger and customer, as epoch nanoseconds. */
    @FunctionalInterface
    interface FireCounts {
        /** Fires strictly between the two bounds (epoch nanoseconds). */
        long between(long fromExclusive, long toExclusive);
    }

    /**
     * The customer's checks: cool-down and frequency cap count fires within one window either
     * side of the instant; {@link Outcome#RESERVED} if they and the daily limit pass.
     */
    static Outcome customerChecks(Reservation r, FireCounts fires, int contactsToday) {
        long at = Codec.nanos(r.at());
        if (!r.coolDown().isZero()) {
            long cd = r.coolDown().toNanos();
            if (fires.between(at - cd, at + cd) > 0) {
                return Outcome.COOL_DOWN;
            }
        }
        if (r.frequencyCap() > 0) {
            long w = r.frequencyWindow().toNanos();
            if (fires.between(at - w, at + w) >= r.frequencyCap()) {
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
