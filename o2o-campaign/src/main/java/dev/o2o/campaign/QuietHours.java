package dev.o2o.campaign;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A daily window in the customer's own time zone during which a trigger does not contact
 * them, for example 22:00 to 08:00 (it may wrap midnight). Start inclusive, end exclusive.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start first quiet minute
 * @param end   first minute no longer quiet; differs from start
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quietHours: start and end must differ: " + start);
        }
    }

    /** True if the local time is quiet. */
    public boolean contains(LocalTime t) {
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** Whether two windows share a moment. */
    boolean overlaps(QuietHours other) {
        return contains(other.start) || other.contains(start);
    }

    /** Refuses overlapping windows, naming both. */
    static void requireDisjoint(List<QuietHours> windows) {
        for (int i = 0; i < windows.size(); i++) {
            for (int j = i + 1; j < windows.size(); j++) {
                if (windows.get(i).overlaps(windows.get(j))) {
                    throw new IllegalArgumentException("quietHours: windows " + windows.get(i) + " and " + windows.get(j)
                            + " overlap");
                }
            }
        }
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
