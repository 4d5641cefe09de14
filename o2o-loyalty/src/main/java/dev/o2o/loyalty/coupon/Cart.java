package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;

import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The lines a coupon is validated against, all in one currency. A line's total is what it costs
 * after its own discount ({@link OrderLine#afterDiscount()}, a promotion price), so coupons apply to
 * that; line totals are kept in minor units so that validation does not re-derive them. Every unit price, line total and the cart
 * total are below core's {@link Money#TEXT_LIMIT} (10<sup>12</sup> in major units, whatever the
 * currency's scale; checked when built, naming the line), so sums of them fit a {@code long}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Cart {
    private final List<OrderLine> lines;
    private final Currency currency;
    private final long[] lineTotalMinor;
    private final long[] unitMinor;

    private Cart(List<OrderLine> lines, Currency currency) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(currency, "currency");
        this.lines = List.copyOf(lines);
        this.currency = currency;
        if (this.lines.isEmpty()) {
            throw new IllegalArgumentException("cart lines must not be empty");
        }
        lineTotalMinor = new long[this.lines.size()];
        long total = 0;
        unitMinor = new long[this.lines.size()];
        for (int i = 0; i < this.lines.size(); i++) {
            OrderLine l = this.lines.get(i);
            Currency c = l.unitPrice().currency();
            if (!c.equals(currency)) {
                throw new IllegalArgumentException("cart line " + i + " (sku '" + l.sku() + "') is in "
                        + c.getCurrencyCode() + ", cart currency is " + currency.getCurrencyCode());
            }
            String field = "cart line " + i;
            unitMinor[i] = l.unitPrice().minorUnits(); // OrderLine holds it below Money.TEXT_LIMIT
            // a line's own discount (a promotion price) is taken before any coupon
            lineTotalMinor[i] = Check.amount(l.afterDiscount(), field + " total").minorUnits();
            total += lineTotalMinor[i]; // both below 10^16 minor units: cannot overflow
            Check.amount(Money.ofMinor(total, currency), "cart total after line " + i);
        }
    }

    /**
     * A cart of the given lines.
     *
     * @throws IllegalArgumentException if there are no lines, a line is in another currency, or an
     *                                  amount is not below {@link Money#TEXT_LIMIT}
     */
    public static Cart of(List<OrderLine> lines, Currency currency) {
        return new Cart(lines, currency);
    }

    /** A cart in the currency of its first line. */
    public static Cart of(OrderLine... lines) {
        if (lines.length == 0) {
            throw new IllegalArgumentException("cart lines must not be empty");
        }
        return new Cart(List.of(lines), lines[0].unitPrice().currency());
    }

    /** The order lines, unmodifiable. */
    public List<OrderLine> lines() {
        return lines;
    }

    /** Number of lines. */
    public int size() {
        return lineTotalMinor.length;
    }

    /** The currency of every line. */
    public Currency currency() {
        return currency;
    }

    /** The total of line {@code i} (quantity × unit price, less the line's discount) in minor units. */
    public long lineTotalMinor(int i) {
        return lineTotalMinor[i];
    }

    /** The unit price of line {@code i} in minor units. */
    public long unitPriceMinor(int i) {
        return unitMinor[i];
    }

    /** The sum of the line totals. */
    public Money total() {
        long sum = 0;
        for (long v : lineTotalMinor) {
            sum += v; // bounded by the constructor
        }
        return Money.ofMinor(sum, currency);
    }

    @Override
    public String toString() {
        return "Cart" + lines;
    }
}
