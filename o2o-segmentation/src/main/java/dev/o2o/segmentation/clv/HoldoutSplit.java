package dev.o2o.segmentation.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One customer's purchases split into a calibration period (up to and including
 * {@code calibrationEnd}) and a holdout period (after it, up to and including
 * {@code holdoutEnd}). Purchases on the same day count once, their values summed. Times are
 * days divided by the chosen days per unit (7 for weeks).
 *
 * <p>A per-customer function, so it runs the same on any engine. Immutable and thread-safe.
 *
 * @param calibration      the calibration-period summary
 * @param meanRepeatValue  mean value of the repeat purchases in calibration (the Gamma-Gamma
 *                         {@code zbar}); empty without repeat purchases
 * @param holdoutPurchases purchases (distinct days) in the holdout period
 * @param holdoutLength    length of the holdout period in time units
 */
public record HoldoutSplit(CustomerSummary calibration, OptionalDouble meanRepeatValue, int holdoutPurchases,
                           double holdoutLength) {

    public HoldoutSplit {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(meanRepeatValue, "meanRepeatValue");
        if (holdoutPurchases < 0) {
            throw new IllegalArgumentException("holdoutPurchases must be >= 0, got " + holdoutPurchases);
        }
        if (!(holdoutLength >= 0) || !Double.isFinite(holdoutLength)) {
            throw new IllegalArgumentException("holdoutLength must be finite and >= 0, got " + holdoutLength);
        }
    }

    /**
     * Splits one customer's purchases.
     *
     * @throws IllegalArgumentException if the customer has no purchase before {@code calibrationEnd},
     *                                  or {@code holdoutEnd} is before {@code calibrationEnd}
     */
    public static HoldoutSplit of(Collection<Purchase> purchases, LocalDate calibrationEnd, LocalDate holdoutEnd,
                                  double daysPerUnit) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(holdoutEnd, "holdoutEnd");
        if (holdoutEnd.isBefore(calibrationEnd)) {
            throw new IllegalArgumentException("holdoutEnd " + holdoutEnd + " is before calibrationEnd " + calibrationEnd);
        }
        TreeMap<LocalDate, Double> byDay = new TreeMap<>();
        for (Purchase p : purchases) {
            Objects.requireNonNull(p, "purchase");
            if (!p.date().isAfter(holdoutEnd)) {
                byDay.merge(p.date(), p.value(), Double::sum);
            }
        }
        CustomerSummary cal = CustomerSummary.fromPurchaseDates(byDay.headMap(calibrationEnd, true).keySet(),
                calibrationEnd, daysPerUnit);
        double repeatSum = 0;
        int repeats = 0;
        boolean first = true;
        for (var e : byDay.headMap(calibrationEnd, true).entrySet()) {
            if (first) {
                first = false;
            } else {
                repeatSum += e.getValue();
                repeats++;
            }
        }
        int holdout = byDay.tailMap(calibrationEnd, false).size();
        return new HoldoutSplit(cal, repeats == 0 ? OptionalDouble.empty() : OptionalDouble.of(repeatSum / repeats),
                holdout, ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd) / daysPerUnit);
    }
}
