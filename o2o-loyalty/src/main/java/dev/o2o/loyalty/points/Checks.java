package dev.o2o.loyalty.points;

/** Number checks shared by the records of this package (ids: {@link dev.o2o.core.Ids}). */
final class Checks {

    private Checks() {
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return value;
    }
}
