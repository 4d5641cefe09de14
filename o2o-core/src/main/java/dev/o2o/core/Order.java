package dev.o2o.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's order, placed online or in a store.
 *
 * <h2>Amounts</h2>
 * The order's {@link #total()} is the sum of its lines at list price; each line may carry a
 * discount ({@link OrderLine#discount()}), the order a discount of its own ({@code orderDiscount},
 * a coupon on the whole order), and {@code paid} is what the customer paid: the total less the
 * line discounts less the order discount, exactly (the constructor refuses an order whose amounts
 * do not add up, naming them). {@link #paidByLine()} spreads the order discount over the lines.
 * All amounts are {@link Money} in the order's one currency, at its scale.
 *
 * <p>{@code refunded} is how much of the paid amount was paid back, consistent with the status:
 * zero for {@link OrderStatus#COMPLETED} and {@link OrderStatus#CANCELLED}, strictly between zero and
 * {@code paid} for {@link OrderStatus#PARTIALLY_REFUNDED}, {@code paid} for
 * {@link OrderStatus#REFUNDED}. An order built without discounts has {@code paid} equal to the total,
 * as before discounts existed.
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
 * @param orderDiscount discount on the whole order, from zero to the lines' amount after their discounts
 * @param paid     the amount paid: total less line discounts less the order discount
 */
public record Order(String id, CustomerKey customer, Channel channel, Optional<String> storeId, Instant instant,
                    List<OrderLine> lines, OrderStatus status, Money refunded, Money orderDiscount, Money paid) {

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
        Money afterLineDiscounts = Money.zero(currency);
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new IllegalArgumentException("order '" + id + "' mixes currencies "
                        + currency.getCurrencyCode() + " and " + line.unitPrice().currency().getCurrencyCode());
            }
            total = total.plus(line.total());
            afterLineDiscounts = afterLineDiscounts.plus(line.afterDiscount());
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
        Objects.requireNonNull(orderDiscount, "orderDiscount");
        Objects.requireNonNull(paid, "paid");
        if (!orderDiscount.currency().equals(currency) || !paid.currency().equals(currency)) {
            throw new IllegalArgumentException("orderDiscount " + orderDiscount + " and paid " + paid + " of order '"
                    + id + "' must be in the order's currency " + currency.getCurrencyCode());
        }
        if (orderDiscount.isNegative() || orderDiscount.compareTo(afterLineDiscounts) > 0) {
            throw new IllegalArgumentException("orderDiscount of order '" + id + "' must be within 0.."
                    + afterLineDiscounts + " (the lines after their discounts): " + orderDiscount);
        }
        Money expected = afterLineDiscounts.minus(orderDiscount);
        if (paid.compareTo(expected) != 0) {
            throw new IllegalArgumentException("paid " + paid + " of order '" + id + "' must be the total " + total
                    + " less line discounts " + total.minus(afterLineDiscounts) + " less the order discount "
                    + orderDiscount + ": " + expected);
        }
        boolean ok = switch (status) {
            case COMPLETED, CANCELLED -> refunded.isZero();
            case PARTIALLY_REFUNDED -> refunded.isPositive() && refunded.compareTo(paid) < 0;
            case REFUNDED -> refunded.compareTo(paid) == 0;
        };
        if (!ok) {
            throw new IllegalArgumentException("refunded " + refunded + " of order '" + id
                    + "' does not fit status " + status + " with paid " + paid);
        }
    }

    /**
     * An order without an order discount, paying its lines after their discounts (the form from
     * before discounts existed: without line discounts, {@code paid} is the total).
     */
    public Order(String id, CustomerKey customer, Channel channel, Optional<String> storeId, Instant instant,
                 List<OrderLine> lines, OrderStatus status, Money refunded) {
        this(id, customer, channel, storeId, instant, lines, status, refunded, zeroIn(lines),
                afterLineDiscounts(lines));
    }

    private static Money zeroIn(List<OrderLine> lines) {
        return Money.zero(currencyOf(lines));
    }

    private static Currency currencyOf(List<OrderLine> lines) {
        return Objects.requireNonNull(lines, "lines").isEmpty()
                ? Currency.getInstance("XXX") : lines.get(0).unitPrice().currency();
    }

    /** The sum of the lines after their discounts, or zero for an empty list (refused by the constructor). */
    private static Money afterLineDiscounts(List<OrderLine> lines) {
        Money sum = zeroIn(lines);
        for (OrderLine line : lines) {
            sum = line.unitPrice().currency().equals(sum.currency()) ? sum.plus(line.afterDiscount()) : sum;
        }
        return sum;
    }

    /**
     * A completed order with line discounts (on its lines) and an order discount; {@code paid} is
     * computed.
     */
    public static Order completed(String id, CustomerKey customer, Channel channel, Optional<String> storeId,
                                  Instant instant, List<OrderLine> lines, Money orderDiscount) {
        Objects.requireNonNull(orderDiscount, "orderDiscount");
        Money zero = zeroIn(lines);
        Money paid = afterLineDiscounts(lines).currency().equals(orderDiscount.currency())
                ? afterLineDiscounts(lines).minus(orderDiscount) : afterLineDiscounts(lines);
        return new Order(id, customer, channel, storeId, instant, lines, OrderStatus.COMPLETED, zero, orderDiscount,
                paid);
    }

    /**
     * What was paid for each line: its amount after its discount less its share of the order
     * discount, shared in proportion to the lines' amounts after their discounts by largest
     * remainder in minor units (ties to the earlier line). Sums exactly to {@link #paid()}.
     */
    public List<Money> paidByLine() {
        List<Money> after = new ArrayList<>(lines.size());
        List<BigDecimal> weights = new ArrayList<>(lines.size());
        for (OrderLine line : lines) {
            after.add(line.afterDiscount());
            weights.add(line.afterDiscount().amount());
        }
        if (orderDiscount.isZero()) {
            return List.copyOf(after);
        }
        // orderDiscount is positive here, so the lines after their discounts are too: weights not all zero
        List<Money> shares = orderDiscount.allocate(weights);
        List<Money> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(after.get(i).minus(shares.get(i)));
        }
        return List.copyOf(out);
    }

    /** The line discounts and the order discount together: {@code total() - paid()}. */
    public Money discounts() {
        return total().minus(paid);
    }

    /** A completed order without refunds or an order discount. */
    public static Order completed(String id, CustomerKey customer, Channel channel, Optional<String> storeId,
                                  Instant instant, List<OrderLine> lines) {
        return new Order(id, customer, channel, storeId, instant, lines, OrderStatus.COMPLETED, zeroIn(lines));
    }

    /** The currency of the order. */
    public Currency currency() {
        return lines.get(0).unitPrice().currency();
    }

    /** Sum of the lines at list price (before any discount); see {@link #paid()}. */
    public Money total() {
        Money t = Money.zero(currency());
        for (OrderLine line : lines) {
            t = t.plus(line.total());
        }
        return t;
    }

    /** What the customer paid less refunds: {@code paid - refunded} (the total less refunds for an order without discounts). */
    public Money netTotal() {
        return paid.minus(refunded);
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
