package dev.o2o.core;

import java.util.Objects;

/**
 * One line of an {@link Order}: a quantity of one SKU at a unit price.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sku       stock keeping unit
 * @param category  product category
 * @param quantity  units, from 1 to {@value #MAX_QUANTITY}
 * @param unitPrice price of one unit, not negative and below {@link Money#TEXT_LIMIT} (10<sup>12</sup>)
 */
public record OrderLine(String sku, String category, int quantity, Money unitPrice) {

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
    }

    /** quantity × unitPrice, exact. */
    public Money total() {
        return unitPrice.times(quantity);
    }
}
