package dev.o2o.loyalty.points;

import java.util.Objects;

/** Argument checks shared by the records of this package. */
final class Checks {

    private Checks() {
    }

    static String id(String value, String field) {
        Objects.requireNonNull(value, field);
        // one pass over the characters: this runs several times per posting on the ledger's hot path
        int n = value.length();
        if (n == 0 || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(n - 1))) {
            throw new IllegalArgumentException(field + " must be non-blank without surrounding white space: '"
                    + value + "'");
        }
        for (int i = 0; i < n; i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters: '" + value + "'");
            }
        }
        return value;
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
