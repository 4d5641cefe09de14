package dev.o2o.core;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's order, placed online or in a store.
 *
 * <p>The order's {@link #total()} is the sum of its lines; {@code refunded} is how much of it was
 * paid back, consistent with the status: zero for {@link OrderStatus#COMPLETED} and
 * {@link OrderStatus#CANCELLED}, strictly between zero and the total for
 * {@link OrderStatus#PARTIALLY_REFUNDED}, the total for {@link OrderStatus#REFUNDED}.
 *
 * <h2>Limits</h2>
 * At most {@value #MAX_LINES} lines of at most {@value OrderLine#MAX_QUANTITY} units each, so
 * {@link #units()} fits an {@code int}; unit prices and the total below {@link Money#TEXT_LIMIT}
 * (10<sup>12</sup>), so that sums over many orders in minor units stay far from
 * {@code long} overflow. The constructor refuses an order outside them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       order id
 * @param customer who ordered
 * @param channel  where the order was placed
 * @param storeId  the store, for offline orders or online orders picked up in a store
 * @param instant  when it was placed
 * @param lines    at least one line, all in one currency
 * @param status   its state
 * @param refunded amount refunded so far, in the order's currency
 */
public record Order(String id, CustomerKey customer, Channel channel, Optional<String> storeId, Instant instant,
                    List<OrderLine> lines, OrderStatus status, Money refunded) {

    /** The most lines an order has. */
    public static final int MAX_LINES = 2_000;

    public Order {
        Ids.requireId(id, "order id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(storeId, "storeId");
        storeId.ifPresent(s -> Ids.requireId(s, "store id"));
        Objects.requireNonNull(instant, "instant");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order '" + id + "' must have at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("order '" + id + "' has " + lines.size() + " lines, more than "
                    + MAX_LINES);
        }
        Currency currency = lines.get(0).unitPrice().currency();
        Money total = Money.zero(currency);
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new IllegalArgumentException("order '" + id + "' mixes currencies "
                        + currency.getCurrencyCode() + " and " + line.unitPrice().currency().getCurrencyCode());
            }
            total = total.plus(line.total());
        }
        if (total.amount().compareTo(Money.TEXT_LIMIT) >= 0) {
            throw new IllegalArgumentException("total of order '" + id + "' must be below 10^12: " + total);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(refunded, "refunded");
        if (!refunded.currency().equals(currency)) {
            throw new IllegalArgumentException("refunded of order '" + id + "' is in "
                    + refunded.currency().getCurrencyCode() + ", the order in " + currency.getCurrencyCode());
        }
        boolean ok = switch (status) {
            case COMPLETED, CANCELLED -> refunded.isZero();
            case PARTIALLY_REFUNDED -> refunded.isPositive() && refunded.compareTo(total) < 0;
            case REFUNDED -> refunded.compareTo(total) == 0;
        };
        if (!ok) {
            throw new IllegalArgumentException("refunded " + refunded + " of order '" + id
                    + "' does not fit status " + status + " with total " + total);
        }
    }

    /** A completed order without refunds. */
    public static Order completed(String id, CustomerKey customer, Channel channel, Optional<String> storeId,
                                  Instant instant, List<OrderLine> lines) {
        Currency currency = Objects.requireNonNull(lines, "lines").isEmpty()
                ? Currency.getInstance("XXX") : lines.get(0).unitPrice().currency();
        return new Order(id, customer, channel, storeId, instant, lines, OrderStatus.COMPLETED, Money.zero(currency));
    }

    /** The currency of the order. */
    public Currency currency() {
        return lines.get(0).unitPrice().currency();
    }

    /** Sum of the lines. */
    public Money total() {
        Money t = Money.zero(currency());
        for (OrderLine line : lines) {
            t = t.plus(line.total());
        }
        return t;
    }

    /** Total less refunds. */
    public Money netTotal() {
        return total().minus(refunded);
    }

    /** Total number of units over all lines; at most {@value #MAX_LINES} × {@value OrderLine#MAX_QUANTITY}. */
    public int units() {
        int u = 0;
        for (OrderLine line : lines) {
            u += line.quantity();
        }
        return u;
    }

    /** Whether the order was placed on an offline channel. */
    public boolean isOffline() {
        return channel.isOffline();
    }
}
