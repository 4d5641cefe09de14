package dev.o2o.core.kpi;

import java.util.List;
import java.util.Objects;

/**
 * Retention by monthly cohort: one row per month of first purchase, oldest first, each as long
 * as the months observed since (a triangle).
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows the cohorts, oldest first
 */
public record CohortMatrix(List<CohortRow> rows) {

    public CohortMatrix {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    }
}
