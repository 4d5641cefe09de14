package dev.o2o.core.internal;

import java.math.BigDecimal;

/**
 * How error messages quote values taken from input, so that a hostile value (a megabyte-long
 * field, an amount with a huge exponent) cannot make a message unbounded.
 *
 * <p>Not API. Stateless and thread-safe.
 */
public final class Messages {

    /** The most characters of a value that a message quotes. */
    public static final int MAX_QUOTED = 40;

    private Messages() {
    }

    /**
     * The value in single quotes, cut to {@value #MAX_QUOTED} characters; a cut value is followed
     * by an ellipsis and its full length, as in {@code '1111…' (5000000 characters)}.
     */
    public static String quote(CharSequence value) {
        if (value.length() <= MAX_QUOTED) {
            return "'" + value + "'";
        }
        return "'" + cut(value, MAX_QUOTED) + "' (" + value.length() + " characters)";
    }

    /**
     * Text for a message, cut to {@code max} characters with an ellipsis when longer: for
     * messages of other libraries that may quote input.
     */
    public static String cut(CharSequence text, int max) {
        if (text.length() <= max) {
            return text.toString();
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a surrogate pair in half
        }
        return text.subSequence(0, end) + "…";
    }

    /**
     * A decimal for a message: plain notation while that is short, scientific notation (still
     * capped) otherwise. {@code toPlainString()} of {@code 1E-100000000} alone is 100 MB.
     */
    public static String decimal(BigDecimal value) {
        int digitsBeforePoint = value.precision() - value.scale();
        if (Math.abs(value.scale()) <= MAX_QUOTED && Math.abs(digitsBeforePoint) <= MAX_QUOTED) {
            return value.toPlainString();
        }
        String s = value.toString();
        return s.length() <= MAX_QUOTED ? s : quote(s);
    }
}
