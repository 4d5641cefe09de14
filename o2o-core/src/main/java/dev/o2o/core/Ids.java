package dev.o2o.core;

import java.util.Objects;

/** Validation shared by the identifier-like values of o2o. */
final class Ids {
    private Ids() {
    }

    /** Requires a non-blank identifier without leading or trailing white space or control characters. */
    static String requireId(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(field + " must not have leading or trailing white space: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
        return value;
    }
}
