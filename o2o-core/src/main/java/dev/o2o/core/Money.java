package dev.o2o.core;

import dev.o2o.core.internal.Messages;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An amount of money in one currency, held as a {@link BigDecimal} at the currency's scale
 * (2 for CNY, USD and EUR, 0 for JPY).
 *
 * <p>The canonical constructor refuses amounts that would need rounding; use
 * {@link #of(BigDecimal, Currency, RoundingMode)} to round explicitly, or
 * {@link #of(String, String)} which rounds {@link RoundingMode#HALF_EVEN} (the default
 * throughout o2o). Arithmetic between different currencies throws
 * {@link IllegalArgumentException}; nothing is converted implicitly.
 *
 * <h2>The largest amount</h2>
 * A {@code Money} has at most {@value #MAX_INTEGER_DIGITS} digits before the point, a bound on
 * the cost of arithmetic. Where amounts enter o2o they are held to a much smaller limit, one for
 * all modules: below {@link #TEXT_LIMIT}, 10<sup>12</sup> in major units whatever the currency's
 * scale. Text is checked by {@link #parse} and {@link #of(String, String)}, order lines and orders
 * by their constructors, other amounts by {@link #requireBelowLimit(Money, String)}. Below that
 * limit every amount has its {@link #minorUnits()}; above it, only while they fit in a {@code long}.
 *
 * <h2>Amounts from text</h2>
 * {@link #parse(String, Currency)} and {@link #of(String, String)} read plain decimals
 * ({@code 12.50}, {@code -3}, {@code +0.5}) and exponent notation with at most three exponent
 * digits ({@code 1.25E+3}, as Jackson and {@link BigDecimal#toString()} write large values), in
 * ASCII digits, at most {@value #MAX_TEXT_LENGTH} characters, and below {@link #TEXT_LIMIT}
 * (10<sup>12</sup>) in absolute value. The text is checked before a {@code BigDecimal} is built,
 * so a hostile value such as {@code 1e999999999} costs nothing; error messages quote at most
 * 40 characters of it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param amount   the amount, at the currency's default fraction digits
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** The rounding o2o uses where a caller does not choose one. */
    public static final RoundingMode DEFAULT_ROUNDING = RoundingMode.HALF_EVEN;

    /** The longest amount text that {@link #parse(String, Currency)} reads (after stripping white space). */
    public static final int MAX_TEXT_LENGTH = 64;

    /**
     * The one largest-amount limit of o2o, exclusive: 10<sup>12</sup> in major units whatever the
     * currency's scale, so 999,999,999,999.99 CNY and 999,999,999,999 JPY are the largest amounts.
     * Amounts read from text, order line unit prices and order totals are below it in absolute
     * value, and so is every amount other modules take in through {@link #requireBelowLimit}
     * (coupon discounts, budgets, carts). In minor units it is at most 10<sup>16</sup> (four
     * fraction digits), so sums of many such amounts stay far inside a {@code long}.
     */
    public static final BigDecimal TEXT_LIMIT = BigDecimal.TEN.pow(12);

    /** {@link #TEXT_LIMIT} as messages write it. */
    private static final String LIMIT_NAME = "10^" + (TEXT_LIMIT.precision() - 1);

    /** Longer values are quoted in messages with four significant digits. */
    private static final int MAX_PLAIN_PRECISION = 16;

    private static final int MAX_EXPONENT_DIGITS = 3;

    /**
     * The most digits before the decimal point an amount has (amounts below 10<sup>30</sup>): far
     * above any real amount or sum of amounts, and a bound on the cost of every operation.
     */
    public static final int MAX_INTEGER_DIGITS = 30;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if ((long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            // checked before rescaling, which for 1E+100000000 would build a 100-million-digit number
            throw new IllegalArgumentException("amount " + Messages.decimal(amount) + " has more than "
                    + MAX_INTEGER_DIGITS + " digits before the point");
        }
        int scale = scaleOf(currency);
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + Messages.decimal(amount) + " has more than "
                    + scale + " fraction digits for " + currency.getCurrencyCode()
                    + "; round it explicitly with Money.of(amount, currency, roundingMode)");
        }
    }

    /** An amount rounded to the currency's scale with the given rounding. */
    public static Money of(BigDecimal amount, Currency currency, RoundingMode rounding) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(rounding, "rounding");
        return new Money(amount.setScale(scaleOf(currency), rounding), currency);
    }

    /** An amount rounded {@link #DEFAULT_ROUNDING HALF_EVEN} to the currency's scale. */
    public static Money of(BigDecimal amount, Currency currency) {
        return of(amount, currency, DEFAULT_ROUNDING);
    }

    /**
     * Parses a decimal amount and an ISO 4217 code, for example {@code of("12.50", "CNY")}.
     *
     * @throws IllegalArgumentException if the amount is not a decimal number or the code is unknown
     */
    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount");
        Currency currency = currency(currencyCode);
        BigDecimal value;
        try {
            value = decimal(amount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("amount " + e.getMessage(), e);
        }
        return of(value, currency);
    }

    /**
     * Parses an exact amount (see the class comment for the forms read and the limits), for
     * example {@code parse("12.50", CNY)}. Nothing is rounded.
     *
     * @throws IllegalArgumentException whose message completes a sentence about the field, as in
     *         {@code "is not a decimal number: '12,5'"}, if the text is not such a decimal, is
     *         out of range, or has more fraction digits than the currency has
     */
    public static Money parse(String amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        BigDecimal value = decimal(amount);
        // stripping only lowers the scale: a value within the currency's scale needs none
        BigDecimal exact = value.signum() == 0 ? BigDecimal.ZERO
                : value.scale() <= scaleOf(currency) ? value : value.stripTrailingZeros();
        if (exact.scale() > scaleOf(currency)) {
            throw new IllegalArgumentException("has more fraction digits than " + currency.getCurrencyCode()
                    + " allows: " + Messages.quote(amount));
        }
        return new Money(value.setScale(scaleOf(currency), RoundingMode.UNNECESSARY), currency);
    }

    /**
     * A decimal checked character by character before {@code BigDecimal} sees it, so that its
     * size is bounded: at most 64 characters, an exponent of at most three digits, and then
     * below {@link #TEXT_LIMIT}. Only then is it safe to rescale or print it.
     */
    private static BigDecimal decimal(String text) {
        String s = text.strip();
        if (s.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_TEXT_LENGTH + " characters: "
                    + Messages.quote(s));
        }
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            throw new IllegalArgumentException("is not a decimal number: " + Messages.quote(text));
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("is not a decimal number: " + Messages.quote(text));
            }
            if (i - start > MAX_EXPONENT_DIGITS) {
                throw new IllegalArgumentException("has an exponent out of range: " + Messages.quote(text));
            }
        }
        if (i != n) {
            throw new IllegalArgumentException("is not a decimal number: " + Messages.quote(text));
        }
        BigDecimal value = new BigDecimal(s);
        if (value.abs().compareTo(TEXT_LIMIT) >= 0) {
            throw new IllegalArgumentException("is too large (the limit is below " + LIMIT_NAME + "): "
                    + Messages.quote(text));
        }
        return value;
    }

    /**
     * Requires an amount below {@link #TEXT_LIMIT} in absolute value, for amounts that do not come
     * from text (which {@link #parse} already checks): other modules call it where an amount
     * enters their API, so that one limit holds everywhere and later sums in minor units are exact.
     *
     * @param amount the amount to check
     * @param field  names the amount in the message, as in {@code "fixed amount"}
     * @return {@code amount}
     * @throws NullPointerException     naming {@code field} if {@code amount} is null
     * @throws IllegalArgumentException if it is not below the limit, with a message of the form
     *         {@code "<field> is out of range: 1.000E+29 CNY; must be below 10^12"} that starts with
     *         the field and quotes a long value with four significant digits only
     */
    public static Money requireBelowLimit(Money amount, String field) {
        Objects.requireNonNull(amount, field);
        BigDecimal value = amount.amount;
        if (value.abs().compareTo(TEXT_LIMIT) < 0) {
            return amount;
        }
        String shown = value.precision() <= MAX_PLAIN_PRECISION ? value.toPlainString()
                : value.round(new MathContext(4)).toString();
        throw new IllegalArgumentException(field + " is out of range: " + shown + " "
                + amount.currency.getCurrencyCode() + "; must be below " + LIMIT_NAME);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Zero in the given currency. */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /**
     * Looks up an ISO 4217 currency.
     *
     * @throws IllegalArgumentException naming the code if it is unknown
     */
    public static Currency currency(String currencyCode) {
        Objects.requireNonNull(currencyCode, "currencyCode");
        try {
            return Currency.getInstance(currencyCode.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency code: " + Messages.quote(currencyCode));
        }
    }

    /** The number of fraction digits of a currency (0 for currencies without minor units). */
    public static int scaleOf(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(long factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    /** This amount times a factor, rounded to the currency's scale with the given rounding. */
    public Money times(BigDecimal factor, RoundingMode rounding) {
        return of(amount.multiply(factor), currency, rounding);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public Money abs() {
        return amount.signum() < 0 ? negate() : this;
    }

    /** The smaller of the two amounts (same currency). */
    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The larger of the two amounts (same currency). */
    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /**
     * The amount in minor units (cents, fen), exact. Every amount below {@link #TEXT_LIMIT} has
     * one; larger amounts, which a {@code Money} may hold up to {@value #MAX_INTEGER_DIGITS}
     * digits, have one only while it fits in a {@code long}.
     *
     * @throws ArithmeticException naming the amount if its minor units do not fit in a {@code long}
     */
    public long minorUnits() {
        try {
            return amount.movePointRight(scaleOf(currency)).longValueExact();
        } catch (ArithmeticException e) {
            // longValueExact says only "Overflow"
            throw new ArithmeticException("amount " + this + " is out of range in minor units: a long holds "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }

    /** An amount from minor units (cents, fen). */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits, scaleOf(currency)), currency);
    }

    /**
     * Splits this amount over non-negative weights so that the parts sum exactly to this
     * amount, by the largest-remainder method in minor units (ties go to the earlier part).
     *
     * @throws IllegalArgumentException if weights are empty, negative, or all zero
     * @throws ArithmeticException       as {@link #minorUnits()} does, for an amount beyond a
     *                                   {@code long} in minor units
     */
    public List<Money> allocate(List<BigDecimal> weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights must not be empty");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < weights.size(); i++) {
            BigDecimal w = Objects.requireNonNull(weights.get(i), "weights[" + i + "]");
            if (w.signum() < 0) {
                throw new IllegalArgumentException("weights[" + i + "] is negative: " + Messages.decimal(w));
            }
            sum = sum.add(w);
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        long total = minorUnits();
        long sign = Long.signum(total);
        long abs = Math.abs(total);
        int n = weights.size();
        long[] parts = new long[n];
        BigDecimal[] remainders = new BigDecimal[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal exact = BigDecimal.valueOf(abs).multiply(weights.get(i));
            BigDecimal[] qr = exact.divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            assigned += parts[i];
        }
        long left = abs - assigned;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = remainders[y].compareTo(remainders[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        for (int k = 0; k < left; k++) {
            parts[order[k]]++;
        }
        List<Money> result = new ArrayList<>(n);
        for (long p : parts) {
            result.add(ofMinor(sign * p, currency));
        }
        return List.copyOf(result);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency.getCurrencyCode()
                    + " and " + other.currency.getCurrencyCode());
        }
    }

    /** For example {@code "12.50 CNY"}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
