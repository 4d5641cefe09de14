package dev.o2o.loyalty.coupon;

import dev.o2o.core.Ids;
import dev.o2o.core.Money;

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
    static final int MAX_ID_LENGTH = Ids.MAX_LENGTH;
    /** The longest refusal message a store keeps, in UTF-16 chars. */
    static final int MAX_MESSAGE_LENGTH = 1000;

    private Check() {
    }

    /**
     * Requires an identifier as core's {@link Ids#requireId} does: non-blank, at most
     * {@value #MAX_ID_LENGTH} chars, well-formed Unicode (no lone surrogate), without surrounding
     * white space or control characters (NUL included).
     */
    static String id(String value, String field) {
        return Ids.requireId(value, field);
    }

    /** Requires a code: an identifier of at most {@value #MAX_CODE_LENGTH} chars. */
    static String code(String value, String field) {
        Ids.requireId(value, field);
        if (value.length() > MAX_CODE_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_CODE_LENGTH + " characters: "
                    + Ids.describe(value));
        }
        return value;
    }

    /**
     * Requires a refusal a store can keep exactly: not KEY_CONFLICT, a message of at most
     * {@value #MAX_MESSAGE_LENGTH} chars, without NUL, well-formed Unicode.
     */
    static Violation refusal(Violation violation) {
        Objects.requireNonNull(violation, "violation");
        if (violation.code() == ReasonCode.KEY_CONFLICT) {
            throw new IllegalArgumentException("a refusal cannot be KEY_CONFLICT, which is never recorded");
        }
        Ids.requireText(violation.message(), "refusal message", MAX_MESSAGE_LENGTH);
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
     * Requires {@code |amount|} below core's {@link Money#TEXT_LIMIT} (10^12 in major units), the
     * limit of the whole library, so that every later sum and conversion to minor units is exact.
     * The message names the field and quotes a huge value briefly; see
     * {@link Money#requireBelowLimit(Money, String)}.
     */
    static Money amount(Money amount, String field) {
        return Money.requireBelowLimit(amount, field);
    }
}
