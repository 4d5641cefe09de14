package dev.o2o.campaign;

import dev.o2o.campaign.CampaignEvent.Kind;
import dev.o2o.core.Money;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which events fire a trigger. Built-ins come from the static factories.
 *
 * <p>Implementations must be thread-safe and side-effect free.
 */
@FunctionalInterface
public interface EventPredicate {

    /** True if the event fires the trigger. */
    boolean test(CampaignEvent event);

    /**
     * The kinds of event this predicate can accept; the engine indexes triggers by them and tests
     * a trigger only on events of these kinds. The built-ins name their kind; the default (for a
     * lambda) is every kind. An implementation that overrides it must return false from
     * {@link #test} for every other kind.
     */
    default Set<Kind> kinds() {
        return Collections.unmodifiableSet(EnumSet.allOf(Kind.class));
    }

    /** A predicate over events of one kind, that says so in {@link #kinds()}. */
    private static EventPredicate ofKind(Kind kind, EventPredicate test) {
        Set<Kind> kinds = Collections.unmodifiableSet(EnumSet.of(kind));
        return new EventPredicate() {
            @Override
            public boolean test(CampaignEvent e) {
                return e.kind() == kind && test.test(e);
            }

            @Override
            public Set<Kind> kinds() {
                return kinds;
            }
        };
    }

    /** Any event of the kind. */
    static EventPredicate kind(Kind kind) {
        Objects.requireNonNull(kind, "kind");
        return ofKind(kind, e -> true);
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
        return ofKind(Kind.ORDER, e -> e.amount().get().currency().equals(minimum.currency())
                && e.amount().get().compareTo(minimum) >= 0);
    }

    /** A touchpoint on the channel with this id. */
    static EventPredicate touchpoint(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        return ofKind(Kind.TOUCHPOINT, e -> e.detail().equals(channelId));
    }

    /** The customer gained the tag. */
    static EventPredicate tagGained(String tag) {
        Objects.requireNonNull(tag, "tag");
        return ofKind(Kind.TAG_GAINED, e -> e.detail().equals(tag));
    }

    /** The customer lost the tag. */
    static EventPredicate tagLost(String tag) {
        Objects.requireNonNull(tag, "tag");
        return ofKind(Kind.TAG_LOST, e -> e.detail().equals(tag));
    }

    /** The lifecycle stage changed to {@code stage}. */
    static EventPredicate lifecycleChangedTo(String stage) {
        Objects.requireNonNull(stage, "stage");
        return ofKind(Kind.LIFECYCLE_CHANGE, e -> e.detail().equals(stage));
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
        return ofKind(Kind.POINTS_THRESHOLD, e -> e.value() >= threshold);
    }

    /** A custom event of the integrator's type. */
    static EventPredicate custom(String type) {
        Objects.requireNonNull(type, "type");
        return ofKind(Kind.CUSTOM, e -> e.detail().equals(type));
    }

    /** Both predicates; its kinds are those both accept. */
    default EventPredicate and(EventPredicate other) {
        Objects.requireNonNull(other, "other");
        EventPredicate self = this;
        EnumSet<Kind> both = EnumSet.noneOf(Kind.class);
        both.addAll(kinds());
        both.retainAll(other.kinds());
        Set<Kind> kinds = Collections.unmodifiableSet(both);
        return new EventPredicate() {
            @Override
            public boolean test(CampaignEvent e) {
                return self.test(e) && other.test(e);
            }

            @Override
            public Set<Kind> kinds() {
                return kinds;
            }
        };
    }
}
