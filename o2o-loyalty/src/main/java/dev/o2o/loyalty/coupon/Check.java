package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * Argument checks shared by the coupon values and by every {@link CouponStore} entry point, so that
 * the same limits hold in memory and in a database, before any store is called. Messages name the
 * field and say what is wrong, but never repeat an identifier's value (codes, keys and customers
 * are secrets or personal data).
 */
final class Check {
    /** The longest code, in UTF-16 chars (generated codes have at most 41). */
    static final int MAX_CODE_LENGTH = 64;
    /** The longest identifier (coupon, order, store, cashier, redemption key), in UTF-16 chars. */
    static final int MAX_ID_LENGTH = 200;
    /** The longest refusal message a store keeps, in UTF-16 chars. */
    static final int MAX_MESSAGE_LENGTH = 1000;
    /** The largest amount in minor units, 10^15 (10 trillion yuan): sums of many stay far inside a long. */
    static final long MAX_AMOUNT_MINOR = 1_000_000_000_000_000L;

    private Check() {
    }

    /**
     * Requires a non-blank identifier of at most {@value #MAX_ID_LENGTH} chars, well-formed
     * Unicode, without surrounding white space or control characters (NUL included).
     */
    static String id(String value, String field) {
        return id(value, field, MAX_ID_LENGTH);
    }

    /** Requires a code: an identifier of at most {@value #MAX_CODE_LENGTH} chars. */
    static String code(String value, String field) {
        return id(value, field, MAX_CODE_LENGTH);
    }

    private static String id(String value, String field, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must have at most " + maxLength + " characters, has " + value.length());
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(field + " must not have leading or trailing white space");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters (at index " + i + ")");
            }
        }
        wellFormed(value, field);
        return value;
    }

    /** Requires well-formed UTF-16: a database cannot store a lone surrogate exactly. */
    private static void wellFormed(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " is not well-formed Unicode: lone surrogate at index " + i);
            }
        }
    }

    /**
     * Requires a refusal message a store can keep exactly: at most {@value #MAX_MESSAGE_LENGTH}
     * chars, no NUL, well-formed Unicode.
     */
    static Violation refusal(Violation violation) {
        Objects.requireNonNull(violation, "violation");
        if (violation.code() == ReasonCode.KEY_CONFLICT) {
            throw new IllegalArgumentException("a refusal cannot be KEY_CONFLICT, which is never recorded");
        }
        String m = violation.message();
        if (m.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("refusal message must have at most " + MAX_MESSAGE_LENGTH
                    + " characters, has " + m.length());
        }
        if (m.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("refusal message must not contain NUL");
        }
        wellFormed(m, "refusal message");
        return violation;
    }

    /** Cuts a message to {@value #MAX_MESSAGE_LENGTH} chars, ending in "..." if cut (never inside a surrogate pair). */
    static String shorten(String message) {
        if (message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        int end = MAX_MESSAGE_LENGTH - 3;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end) + "...";
    }

    /**
     * Requires {@code |amount|} of at most {@value #MAX_AMOUNT_MINOR} minor units, so that every
     * later sum and conversion to minor units is exact.
     */
    static Money amount(Money amount, String field) {
        Objects.requireNonNull(amount, field);
        BigDecimal max = BigDecimal.valueOf(MAX_AMOUNT_MINOR, Money.scaleOf(amount.currency()));
        if (amount.amount().abs().compareTo(max) > 0) {
            // a huge amount is quoted in scientific notation with 4 digits: the message stays short
            throw new IllegalArgumentException(field + " is out of range: " + amount.amount().round(new MathContext(4))
                    + " " + amount.currency().getCurrencyCode() + "; at most " + max.toPlainString() + " (10^15 minor units)");
        }
        return amount;
    }
}
