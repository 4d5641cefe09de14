package dev.o2o.core.kpi;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a monthly {@link CohortMatrix} from orders. A customer's cohort is the month (in the
 * given zone) of the first purchase; the customer is active in a month with at least one
 * purchase (completed or partially refunded order). Retention in month k of a cohort is the
 * share of its customers active in month cohort + k.
 *
 * <p>The state is the set of active months per customer; two builders over disjoint orders
 * {@link #merge merge} into the builder over all of them.
 *
 * <p>Not thread-safe.
 */
public final class CohortRetention {

    private final ZoneId zone;
    private final Map<CustomerKey, TreeSet<YearMonth>> months = new HashMap<>();

    private CohortRetention(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** An empty builder counting months in the given zone. */
    public static CohortRetention create(ZoneId zone) {
        return new CohortRetention(zone);
    }

    /** Adds an order; orders that are not purchases are ignored by definition. */
    public CohortRetention add(Order order) {
        Objects.requireNonNull(order, "order");
        if (order.status().isPurchase()) {
            months.computeIfAbsent(order.customer(), k -> new TreeSet<>())
                    .add(YearMonth.from(order.instant().atZone(zone)));
        }
        return this;
    }

    /** Adds orders. */
    public CohortRetention addAll(Iterable<Order> orders) {
        Objects.requireNonNull(orders, "orders").forEach(this::add);
        return this;
    }

    /**
     * Adds the other builder's months to this one.
     *
     * @throws IllegalArgumentException if the zones differ
     */
    public CohortRetention merge(CohortRetention other) {
        Objects.requireNonNull(other, "other");
        if (!other.zone.equals(zone)) {
            throw new IllegalArgumentException("cannot merge cohorts counted in " + other.zone + " and " + zone);
        }
        other.months.forEach((k, v) -> months.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
        return this;
    }

    /** The matrix through the last month with a purchase (empty without purchases). */
    public CohortMatrix matrix() {
        YearMonth last = null;
        for (TreeSet<YearMonth> m : months.values()) {
            if (last == null || m.last().isAfter(last)) {
                last = m.last();
            }
        }
        return last == null ? new CohortMatrix(List.of()) : matrix(last);
    }

    /**
     * The matrix through the given month: each cohort's row runs from month 0 to {@code through}.
     * Purchases after {@code through} are left out; so are cohorts starting after it.
     */
    public CohortMatrix matrix(YearMonth through) {
        Objects.requireNonNull(through, "through");
        TreeMap<YearMonth, long[]> rows = new TreeMap<>();
        for (TreeSet<YearMonth> m : months.values()) {
            YearMonth cohort = m.first();
            if (cohort.isAfter(through)) {
                continue;
            }
            int width = (int) (cohort.until(through, ChronoUnit.MONTHS) + 1);
            long[] row = rows.computeIfAbsent(cohort, c -> new long[width]);
            for (YearMonth month : m.headSet(through, true)) {
                row[(int) cohort.until(month, ChronoUnit.MONTHS)]++;
            }
        }
        List<CohortRow> out = new ArrayList<>();
        rows.forEach((cohort, row) -> {
            List<Long> active = new ArrayList<>(row.length);
            for (long v : row) {
                active.add(v);
            }
            out.add(new CohortRow(cohort, row[0], active));
        });
        return new CohortMatrix(out);
    }
}
