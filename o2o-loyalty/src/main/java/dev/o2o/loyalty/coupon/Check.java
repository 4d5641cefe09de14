package dev.o2o.loyalty.coupon;

import java.util.Objects;

/** Argument checks shared by the coupon values. */
final class Check {
    private Check() {
    }

    /** Requires a non-blank identifier without surrounding white space or control characters. */
    static String id(String value, String field) {
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
