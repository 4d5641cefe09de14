package dev.o2o.segmentation.clv;

import dev.o2o.core.Order;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One purchase as the CLV models read it: the local date and the value in currency units.
 *
 * <p>Immutable and thread-safe.
 *
 * @param date  the purchase's local date
 * @param value its value in currency units (net of refunds), finite and {@code >= 0}
 */
public record Purchase(LocalDate date, double value) {

    public Purchase {
        Objects.requireNonNull(date, "date");
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("purchase value must be finite and >= 0, got " + value);
        }
    }

    /**
     * The purchase an order represents: its date in {@code zone} and its net total; empty for
     * orders that do not count as purchases (refunded or cancelled).
     */
    public static Optional<Purchase> of(Order order, ZoneId zone) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(zone, "zone");
        if (!order.status().isPurchase()) {
            return Optional.empty();
        }
        return Optional.of(new Purchase(LocalDate.ofInstant(order.instant(), zone),
                order.netTotal().amount().doubleValue()));
    }
}
