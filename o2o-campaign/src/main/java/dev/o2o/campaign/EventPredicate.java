package dev.o2o.campaign;

import dev.o2o.campaign.CampaignEvent.Kind;
import dev.o2o.core.Money;
import java.util.Objects;

/**
 * Which events fire a trigger. Built-ins come from the static factories.
 *
 * <p>Implementations must be thread-safe and side-effect free.
 */
@FunctionalInterface
public interface EventPredicate {

    /** True if the event fires the trigger. */
    boolean test(CampaignEvent event);

    /** Any event of the kind. */
    static EventPredicate kind(Kind kind) {
        Objects.requireNonNull(kind, "kind");
        return e -> e.kind() == kind;
    }

    /** A check-in at any store. */
    static EventPredicate checkIn() {
        return kind(Kind.CHECK_IN);
    }

    /** A location ping (pair it with {@link Action#storeOffer} for location-based offers). */
    static EventPredicate ping() {
        return kind(Kind.LOCATION_PING);
    }

    /** Any order. */
    static EventPredicate order() {
        return kind(Kind.ORDER);
    }

    /** An order of at least {@code minimum} (same currency). */
    static EventPredicate orderAtLeast(Money minimum) {
        Objects.requireNonNull(minimum, "minimum");
        return e -> e.kind() == Kind.ORDER && e.amount().get().currency().equals(minimum.currency())
                && e.amount().get().compareTo(minimum) >= 0;
    }

    /** A touchpoint on the channel with this id. */
    static EventPredicate touchpoint(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        return e -> e.kind() == Kind.TOUCHPOINT && e.detail().equals(channelId);
    }

    /** The customer gained the tag. */
    static EventPredicate tagGained(String tag) {
        Objects.requireNonNull(tag, "tag");
        return e -> e.kind() == Kind.TAG_GAINED && e.detail().equals(tag);
    }

    /** The customer lost the tag. */
    static EventPredicate tagLost(String tag) {
        Objects.requireNonNull(tag, "tag");
        return e -> e.kind() == Kind.TAG_LOST && e.detail().equals(tag);
    }

    /** The lifecycle stage changed to {@code stage}. */
    static EventPredicate lifecycleChangedTo(String stage) {
        Objects.requireNonNull(stage, "stage");
        return e -> e.kind() == Kind.LIFECYCLE_CHANGE && e.detail().equals(stage);
    }

    /** The customer's birthday. */
    static EventPredicate birthday() {
        return kind(Kind.BIRTHDAY);
    }

    /**
     * The points balance reached at least {@code threshold}.
     *
     * @throws IllegalArgumentException if the threshold is not positive
     */
    static EventPredicate pointsReached(long threshold) {
        if (threshold <= 0) {
            throw new IllegalArgumentException("threshold must be > 0: " + threshold);
        }
        return e -> e.kind() == Kind.POINTS_THRESHOLD && e.value() >= threshold;
    }

    /** A custom event of the integrator's type. */
    static EventPredicate custom(String type) {
        Objects.requireNonNull(type, "type");
        return e -> e.kind() == Kind.CUSTOM && e.detail().equals(type);
    }

    default EventPredicate and(EventPredicate other) {
        Objects.requireNonNull(other, "other");
        return e -> test(e) && other.test(e);
    }
}
