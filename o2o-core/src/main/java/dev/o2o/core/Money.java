package dev.o2o.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
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
 * <p>Immutable and thread-safe.
 *
 * @param amount   the amount, at the currency's default fraction digits
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** The rounding o2o uses where a caller does not choose one. */
    public static final RoundingMode DEFAULT_ROUNDING = RoundingMode.HALF_EVEN;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int scale = scaleOf(currency);
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than "
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
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount is not a decimal number: '" + amount + "'");
        }
        return of(value, currency(currencyCode));
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
            throw new IllegalArgumentException("unknown ISO 4217 currency code: '" + currencyCode + "'");
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

    /** The amount in minor units (cents, fen), exact. */
    public long minorUnits() {
        return amount.movePointRight(scaleOf(currency)).longValueExact();
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
                throw new IllegalArgumentException("weights[" + i + "] is negative: " + w.toPlainString());
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
        java.util.Arrays.sort(order, (x, y) -> {
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
