package dev.o2o.loyalty.points;

/**
 * Upper bounds on points per member: per local day, per local month, and in total. An award that
 * would exceed a cap is cut to what is left, and its reason says so.
 *
 * <p>Immutable and thread-safe.
 *
 * @param perDay   points per local day, {@link Long#MAX_VALUE} for no cap
 * @param perMonth points per local month, {@link Long#MAX_VALUE} for no cap
 * @param total    points ever, {@link Long#MAX_VALUE} for no cap
 */
public record Caps(long perDay, long perMonth, long total) {

    private static final Caps NONE = new Caps(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    public Caps {
        Checks.nonNegative(perDay, "perDay");
        Checks.nonNegative(perMonth, "perMonth");
        Checks.nonNegative(total, "total");
    }

    /** No caps. */
    public static Caps none() {
        return NONE;
    }

    /** Only a daily cap. */
    public static Caps perDay(long points) {
        return new Caps(points, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Only a monthly cap. */
    public static Caps perMonth(long points) {
        return new Caps(Long.MAX_VALUE, points, Long.MAX_VALUE);
    }

    /** Only a total cap. */
    public static Caps inTotal(long points) {
        return new Caps(Long.MAX_VALUE, Long.MAX_VALUE, points);
    }

    /** These caps with a daily cap. */
    public Caps andPerDay(long points) {
        return new Caps(points, perMonth, total);
    }

    /** These caps with a monthly cap. */
    public Caps andPerMonth(long points) {
        return new Caps(perDay, points, total);
    }

    /** These caps with a total cap. */
    public Caps andInTotal(long points) {
        return new Caps(perDay, perMonth, points);
    }

    /** Whether no cap is set. */
    public boolean isNone() {
        return perDay == Long.MAX_VALUE && perMonth == Long.MAX_VALUE && total == Long.MAX_VALUE;
    }
}
