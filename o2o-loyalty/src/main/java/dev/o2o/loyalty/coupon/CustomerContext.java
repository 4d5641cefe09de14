package dev.o2o.loyalty.coupon;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is using a coupon, where and through which channel.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer        the customer
 * @param channel         the channel of the order
 * @param storeId         the store of the order, if any (offline or pick-up)
 * @param location        the customer's location, if known (for geo-fences)
 * @param tier            the customer's loyalty tier, if any
 * @param tags            the customer's tags
 * @param completedOrders number of orders the customer completed before this one (0 = first order)
 */
public record CustomerContext(CustomerKey customer, Channel channel, Optional<String> storeId,
                              Optional<GeoPoint> location, Optional<String> tier, Set<String> tags,
                              int completedOrders) {

    public CustomerContext {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(tier, "tier");
        tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
        if (completedOrders < 0) {
            throw new IllegalArgumentException("completedOrders must not be negative: " + completedOrders);
        }
    }

    /** A context with only a customer and a channel: no store, location, tier or tags, and a first order. */
    public static CustomerContext of(CustomerKey customer, Channel channel) {
        return new CustomerContext(customer, channel, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), 0);
    }

    /** A copy at a store. */
    public CustomerContext atStore(String id) {
        return new CustomerContext(customer, channel, Optional.of(Check.id(id, "storeId")), location, tier, tags, completedOrders);
    }

    /** A copy with a location. */
    public CustomerContext at(GeoPoint point) {
        return new CustomerContext(customer, channel, storeId, Optional.of(point), tier, tags, completedOrders);
    }

    /** A copy with a tier. */
    public CustomerContext withTier(String t) {
        return new CustomerContext(customer, channel, storeId, location, Optional.of(Check.id(t, "tier")), tags, completedOrders);
    }

    /** A copy with tags. */
    public CustomerContext withTags(Set<String> newTags) {
        return new CustomerContext(customer, channel, storeId, location, tier, newTags, completedOrders);
    }

    /** A copy with a count of completed orders. */
    public CustomerContext withCompletedOrders(int n) {
        return new CustomerContext(customer, channel, storeId, location, tier, tags, n);
    }
}
