package dev.o2o.recommend;

import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adapters from core's orders and touchpoints to interaction events.
 *
 * <p>Stateless and thread-safe.
 */
public final class InteractionSources {

    private InteractionSources() {
    }

    /**
     * One event per order line of completed or partially refunded orders: item = SKU, weight =
     * quantity, store = the order's store if it has one. Cancelled and fully refunded orders are not purchases and give no event.
     */
    public static List<Interaction> productsFromOrders(Iterable<Order> orders) {
        List<Interaction> out = new ArrayList<>();
        for (Order o : Objects.requireNonNull(orders, "orders")) {
            if (o.status() == OrderStatus.CANCELLED || o.status() == OrderStatus.REFUNDED) {
                continue;
            }
            for (OrderLine line : o.lines()) {
                out.add(new Interaction(o.customer().value(), line.sku(), o.instant(), line.quantity(), o.storeId()));
            }
        }
        return out;
    }

    /**
     * One event of weight 1 per store visit: completed or partially refunded orders with a store
     * (item = store id, store = the same id).
     */
    public static List<Interaction> storesFromOrders(Iterable<Order> orders) {
        List<Interaction> out = new ArrayList<>();
        for (Order o : Objects.requireNonNull(orders, "orders")) {
            if (o.status() != OrderStatus.CANCELLED && o.status() != OrderStatus.REFUNDED && o.storeId().isPresent()) {
                out.add(new Interaction(o.customer().value(), o.storeId().get(), o.instant(), 1.0, o.storeId()));
            }
        }
        return out;
    }

    /**
     * Coupon receipts and redemptions as events on the coupon template (the touchpoint's
     * campaign): the weight per type is given, for example {@code COUPON_RECEIVED → 1,
     * COUPON_REDEEMED → 3}; store = the touchpoint's store if it has one. Touchpoints of other types are not coupon events and give no event.
     *
     * @throws IllegalArgumentException naming the touchpoint's customer-free position if a
     *                                  coupon touchpoint has no campaign, or if a weight is negative
     *                                  or given for a type other than the two coupon types
     */
    public static List<Interaction> couponsFromTouchpoints(Iterable<Touchpoint> touchpoints,
                                                           Map<TouchpointType, Double> weights) {
        Objects.requireNonNull(weights, "weights");
        weights.forEach((t, w) -> {
            if (t != TouchpointType.COUPON_RECEIVED && t != TouchpointType.COUPON_REDEEMED) {
                throw new IllegalArgumentException("weights may name only COUPON_RECEIVED and COUPON_REDEEMED, not " + t);
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight of " + t + " must be finite and not negative: " + w);
            }
        });
        List<Interaction> out = new ArrayList<>();
        int position = 0;
        for (Touchpoint t : Objects.requireNonNull(touchpoints, "touchpoints")) {
            Double w = weights.get(t.type());
            if (w != null) {
                if (t.campaign().isEmpty()) {
                    throw new IllegalArgumentException("touchpoint #" + position + " (" + t.type()
                            + ") has no campaign naming the coupon template");
                }
                out.add(new Interaction(t.customer().value(), t.campaign().get(), t.instant(), w, t.storeId()));
            }
            position++;
        }
        return out;
    }
}
