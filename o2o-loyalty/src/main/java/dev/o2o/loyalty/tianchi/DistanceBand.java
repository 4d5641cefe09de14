package dev.o2o.loyalty.tianchi;

import java.util.OptionalInt;

/** Bands of the Tianchi distance (500 m units) for reports. Immutable and thread-safe. */
public enum DistanceBand {
    /** Distance 0: under 500 m. */
    UNDER_500_M,
    /** Distance 1-2: 500 m to 1.5 km. */
    FROM_500_M_TO_1_5_KM,
    /** Distance 3-5: 1.5 km to 3 km. */
    FROM_1_5_TO_3_KM,
    /** Distance 6-9: 3 km to 5 km. */
    FROM_3_TO_5_KM,
    /** Distance 10: over 5 km. */
    OVER_5_KM,
    /** Distance "null". */
    UNKNOWN;

    /** The band of a distance in 500 m units (0..10), or {@link #UNKNOWN}. */
    public static DistanceBand of(OptionalInt distance) {
        if (distance.isEmpty()) {
            return UNKNOWN;
        }
        int d = distance.getAsInt();
        if (d < 0 || d > 10) {
            throw new IllegalArgumentException("distance must be within 0..10: " + d);
        }
        if (d == 0) {
            return UNDER_500_M;
        }
        if (d <= 2) {
            return FROM_500_M_TO_1_5_KM;
        }
        if (d <= 5) {
            return FROM_1_5_TO_3_KM;
        }
        return d <= 9 ? FROM_3_TO_5_KM : OVER_5_KM;
    }
}
