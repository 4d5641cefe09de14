package dev.o2o.core;

import java.util.Objects;

/**
 * One line of an {@link Order}: a quantity of one SKU at a unit (list) price, less a discount on
 * the line (a promotion price, a coupon applied to the line).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sku       stock keeping unit
 * @param category  product category
 * @param quantity  units, from 1 to {@value #MAX_QUANTITY}
 * @param unitPrice list price of one unit, not negative and below {@link Money#TEXT_LIMIT} (10<sup>12</sup>)
 * @param discount  discount on the whole line, in the unit price's currency, from zero to {@link #total()}
 */
public record OrderLine(String sku, String category, int quantity, Money unitPrice, Money discount) {

    /**
     * The largest quantity of a line. With at most {@value Order#MAX_LINES} lines an order's
     * units fit an {@code int}.
     */
    public static final int MAX_QUANTITY = 1_000_000;

    public OrderLine {
        Ids.requireId(sku, "sku");
        Ids.requireId(category, "category");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity of sku '" + sku + "' must be at least 1: " + quantity);
        }
        if (quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity of sku '" + sku + "' must be at most " + MAX_QUANTITY
                    + ": " + quantity);
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("unitPrice of sku '" + sku + "' must not be negative: " + unitPrice);
        }
        if (unitPrice.amount().compareTo(Money.TEXT_LIMIT) >= 0) {
            throw new IllegalArgumentException("unitPrice of sku '" + sku + "' must be below 10^12: " + unitPrice);
        }
        Objects.requireNonNull(discount, "discount");
        if (!discount.currency().equals(unitPrice.currency())) {
            throw new IllegalArgumentException("discount of sku '" + sku + "' is in "
                    + discount.currency().getCurrencyCode() + ", the unit price in "
                    + unitPrice.currency().getCurrencyCode());
        }
        if (discount.isNegative() || discount.compareTo(unitPrice.times(quantity)) > 0) {
            throw new IllegalArgumentException("discount of sku '" + sku + "' must be within 0.."
                    + unitPrice.times(quantity) + " (the line's list total): " + discount);
        }
    }

    /** A line without a discount. */
    public OrderLine(String sku, String category, int quantity, Money unitPrice) {
        this(sku, category, quantity, unitPrice, Money.zero(Objects.requireNonNull(unitPrice, "unitPrice").currency()));
    }

    /** A copy with a discount on the whole line. */
    public OrderLine withDiscount(Money lineDiscount) {
        return new OrderLine(sku, category, quantity, unitPrice, lineDiscount);
    }

    /** quantity × unitPrice, exact: the list total, before the line's discount. */
    public Money total() {
        return unitPrice.times(quantity);
    }

    /** The list total less the line's discount. */
    public Money afterDiscount() {
        return total().minus(discount);
    }
}
