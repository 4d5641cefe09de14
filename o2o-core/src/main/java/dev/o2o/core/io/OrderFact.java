package dev.o2o.core.io;

import dev.o2o.core.OrderStatus;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * What per-customer aggregates (RFM, purchase summaries) need of one accepted order, as
 * {@link Ingest#orderFacts} reads it: the customer as a number, not a key per order, and the
 * net total in minor units, not an {@link dev.o2o.core.Order} with its lines.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer      the customer's number in its reader, 0, 1, 2... in the order customers first
 *                      appear among accepted orders; {@link OrderFactsReader#customerKey(int)} gives the key
 * @param instant       when the order was placed ({@link dev.o2o.core.Order#instant()})
 * @param status        its state
 * @param netMinorUnits {@link dev.o2o.core.Order#netTotal()} in minor units of {@code currency} (the
 *                      amount's unscaled value at {@link dev.o2o.core.Money#scaleOf the currency's scale})
 * @param currency      the order's currency
 */
public record OrderFact(int customer, Instant instant, OrderStatus status, long netMinorUnits, Currency currency) {

    public OrderFact {
        if (customer < 0) {
            throw new IllegalArgumentException("customer must not be negative, was " + customer);
        }
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
    }
}
