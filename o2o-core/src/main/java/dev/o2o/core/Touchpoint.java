package dev.o2o.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One interaction of a customer with the brand on a channel at an instant: an ad seen, a link
 * clicked, a store check-in, a QR code scanned, a coupon received.
 *
 * <p>Immutable and thread-safe; {@code attributes} is copied into an unmodifiable map.
 *
 * @param customer   who
 * @param channel    where
 * @param instant    when (UTC instant)
 * @param type       what kind of interaction
 * @param campaign   the campaign, if any
 * @param storeId    the store involved, if any
 * @param attributes further string attributes (keys and values non-null)
 */
public record Touchpoint(CustomerKey customer, Channel channel, Instant instant, TouchpointType type,
                         Optional<String> campaign, Optional<String> storeId, Map<String, String> attributes) {

    public Touchpoint {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(storeId, "storeId");
        campaign.ifPresent(c -> Ids.requireId(c, "campaign"));
        storeId.ifPresent(s -> Ids.requireId(s, "store id"));
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    }

    /** A touchpoint without campaign, store or attributes. */
    public static Touchpoint of(CustomerKey customer, Channel channel, Instant instant, TouchpointType type) {
        return new Touchpoint(customer, channel, instant, type, Optional.empty(), Optional.empty(), Map.of());
    }

    /** A copy with the given campaign. */
    public Touchpoint withCampaign(String campaign) {
        return new Touchpoint(customer, channel, instant, type, Optional.of(campaign), storeId, attributes);
    }

    /** A copy with the given store. */
    public Touchpoint withStore(String storeId) {
        return new Touchpoint(customer, channel, instant, type, campaign, Optional.of(storeId), attributes);
    }
}
