package dev.o2o.attribution.journey;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer journey: touchpoints in time order ending at a conversion (an order) or without one.
 *
 * @param customer        the customer whose journey this is
 * @param touchpoints     touchpoints in non-decreasing time order (may be empty for an order without touches)
 * @param conversion      the order that ended the journey, if it converted
 * @param end             when the journey ended: the order time, or the last touch of a non-converting journey
 * @param onlineToOffline true when the journey converted in a store (offline order) after at least one online touch
 *
 * <p>Immutable and thread-safe.
 */
public record Journey(CustomerKey customer, List<Touchpoint> touchpoints, Optional<Order> conversion, Instant end,
                      boolean onlineToOffline) {

    /** Validates the journey. */
    public Journey {
        Objects.requireNonNull(customer, "customer");
        touchpoints = List.copyOf(Objects.requireNonNull(touchpoints, "touchpoints"));
        Objects.requireNonNull(conversion, "conversion");
        Objects.requireNonNull(end, "end");
        if (touchpoints.isEmpty() && conversion.isEmpty()) {
            throw new IllegalArgumentException("journey of " + customer + " has neither touchpoints nor a conversion");
        }
        Instant prev = Instant.MIN;
        for (int i = 0; i < touchpoints.size(); i++) {
            Touchpoint t = touchpoints.get(i);
            if (!t.customer().equals(customer)) {
                throw new IllegalArgumentException("touchpoints[" + i + "] belongs to " + t.customer() + ", not " + customer);
            }
            if (t.instant().isBefore(prev)) {
                throw new IllegalArgumentException("touchpoints[" + i + "] at " + t.instant() + " is before the previous touch");
            }
            if (t.instant().isAfter(end)) {
                throw new IllegalArgumentException("touchpoints[" + i + "] at " + t.instant() + " is after the journey end " + end);
            }
            prev = t.instant();
        }
        conversion.ifPresent(o -> {
            if (!o.customer().equals(customer)) {
                throw new IllegalArgumentException("conversion order '" + o.id() + "' belongs to " + o.customer());
            }
        });
        boolean expected = conversion.isPresent() && conversion.get().isOffline()
                && touchpoints.stream().anyMatch(t -> t.channel().isOnline());
        if (onlineToOffline != expected) {
            throw new IllegalArgumentException("onlineToOffline must be " + expected + " for this journey");
        }
    }

    /** Whether the journey ended in a conversion. */
    public boolean converted() {
        return conversion.isPresent();
    }
}
