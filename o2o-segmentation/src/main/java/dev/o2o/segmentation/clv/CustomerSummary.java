package dev.o2o.segmentation.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;

/**
 * One customer's purchase history in a calibration period, as the buy-till-you-die models
 * read it: the number of repeat purchases {@code x}, the time of the last purchase
 * {@code t_x} and the customer's age {@code T}, both measured from the first purchase in one
 * time unit of the caller's choosing (weeks in the CDNOW literature).
 *
 * <p>Immutable and thread-safe.
 *
 * @param frequency repeat purchases {@code x} (purchases after the first), {@code >= 0}
 * @param recency   time of the last purchase {@code t_x}, {@code 0 <= t_x <= T}; 0 when {@code x = 0}
 * @param age       time from the first purchase to the end of the calibration period {@code T}, {@code > 0}
 */
public record CustomerSummary(int frequency, double recency, double age) {

    public CustomerSummary {
        check(frequency, recency, age, "customer");
    }

    static void check(int frequency, double recency, double age, String where) {
        if (frequency < 0) {
            throw new IllegalArgumentException(where + ": frequency must be >= 0, got " + frequency);
        }
        if (!Double.isFinite(age) || age <= 0) {
            throw new IllegalArgumentException(where + ": age T must be finite and > 0, got " + age);
        }
        if (!Double.isFinite(recency) || recency < 0) {
            throw new IllegalArgumentException(where + ": recency must be finite and >= 0, got " + recency);
        }
        if (recency > age) {
            throw new IllegalArgumentException(where + ": recency " + recency + " must not exceed age T " + age);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException(where + ": recency must be 0 when frequency is 0, got " + recency);
        }
    }

    /**
     * Summarises one customer's purchase dates, counting purchases on the same day once.
     *
     * <p>Only dates up to and including {@code calibrationEnd} are read; the customer's first
     * purchase must fall before it. Times are days divided by {@code daysPerUnit} (7 for weeks).
     *
     * @throws IllegalArgumentException if there is no purchase before {@code calibrationEnd}
     */
    public static CustomerSummary fromPurchaseDates(Collection<LocalDate> dates, LocalDate calibrationEnd,
                                                    double daysPerUnit) {
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        if (!(daysPerUnit > 0) || !Double.isFinite(daysPerUnit)) {
            throw new IllegalArgumentException("daysPerUnit must be > 0, got " + daysPerUnit);
        }
        long[] days = dates.stream().map(d -> Objects.requireNonNull(d, "date"))
                .filter(d -> !d.isAfter(calibrationEnd)).mapToLong(LocalDate::toEpochDay).sorted().distinct().toArray();
        if (days.length == 0 || days[0] >= calibrationEnd.toEpochDay()) {
            throw new IllegalArgumentException("no purchase before the calibration end " + calibrationEnd);
        }
        long first = days[0];
        long last = days[days.length - 1];
        return new CustomerSummary(days.length - 1, (last - first) / daysPerUnit,
                ChronoUnit.DAYS.between(LocalDate.ofEpochDay(first), calibrationEnd) / daysPerUnit);
    }

    @Override
    public String toString() {
        return "CustomerSummary[x=" + frequency + ", t_x=" + recency + ", T=" + age + "]";
    }
}
