package dev.o2o.core;

import java.util.Objects;

/**
 * One line of an {@link Order}: a quantity of one SKU at a unit price.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sku       stock keeping unit
 * @param category  product category
 * @param quantity  units, at least 1
 * @param unitPrice price of one unit, not negative
 */
public record OrderLine(String sku, String category, int quantity, Money unitPrice) {

    public OrderLine {
        Ids.requireId(sku, "sku");
        Ids.requireId(category, "category");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity of sku '" + sku + "' must be at least 1: " + quantity);
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("unitPrice of sku '" + sku + "' must not be negative: " + unitPrice);
        }
    }

    /** quantity × unitPrice, exact. */
    public Money total() {
        return unitPrice.times(quantity);
    }
}
