package dev.o2o.core.kpi;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * One row of a {@link CohortMatrix}: the customers whose first purchase fell in a month, and how
 * many of them bought in each month since.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cohort the month of first purchase
 * @param size   customers in the cohort
 * @param active {@code active.get(k)}: cohort customers with a purchase in month {@code cohort + k};
 *               {@code active.get(0) == size}
 */
public record CohortRow(YearMonth cohort, long size, List<Long> active) {

    public CohortRow {
        Objects.requireNonNull(cohort, "cohort");
        active = List.copyOf(Objects.requireNonNull(active, "active"));
        if (size < 1 || active.isEmpty() || active.get(0) != size) {
            throw new IllegalArgumentException("cohort " + cohort + " must have size >= 1 equal to its month-0 count");
        }
        for (int k = 0; k < active.size(); k++) {
            if (active.get(k) < 0 || active.get(k) > size) {
                throw new IllegalArgumentException("active[" + k + "] of cohort " + cohort + " must be within 0.."
                        + size + ": " + active.get(k));
            }
        }
    }

    /** Retention in month k: active(k) / size, with a 95% Wilson interval. */
    public RateEstimate retention(int k) {
        return RateEstimate.wilson(active.get(k), size);
    }
}
