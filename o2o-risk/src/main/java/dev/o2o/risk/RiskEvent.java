package dev.o2o.risk;

import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event the velocity rules see: its type, instant, the identifier it names, the optional
 * device, store, clerk and coupon, and an amount.
 *
 * <p>The amount is a whole number in the event's own unit: minor currency units for a discount or
 * a spend (use {@link dev.o2o.core.Money#minorUnits()}: exact, no floating point), points for a
 * posting, 0 where there is none. Sum rules add these, so a rule should select event types whose
 * amounts share a unit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type       what happened
 * @param at         when, in the years 0000 to 9999 (UTC); events may arrive out of time order (each is
 *                   counted at its own instant)
 * @param identifier the identifier (account, phone, member card), a valid id as {@link Ids#requireId} says
 * @param device     the device, if known; like the identifier, a valid id
 * @param store      the store, if any; a valid id
 * @param clerk      the clerk, if any; a valid id
 * @param coupon     the coupon definition, if any; a valid id
 * @param amount     not negative
 */
public record RiskEvent(EventType type, Instant at, String identifier, Optional<String> device, Optional<String> store,
                        Optional<String> clerk, Optional<String> coupon, long amount) {

    public RiskEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Ids.requireId(identifier, "identifier");
        // checked like the identifier: rules key by these, and a blank one would be one shared key
        requireId(device, "device");
        requireId(store, "store");
        requireId(clerk, "clerk");
        requireId(coupon, "coupon");
        if (!inCountableYears(at)) {
            throw new IllegalArgumentException("at of a " + type + " event must lie in the years 0000 to 9999: " + at);
        }
        if (amount < 0) {
            throw new IllegalArgumentException("amount of a " + type + " event must not be negative: " + amount);
        }
    }

    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * Whether {@code at} lies in the years 0000 to 9999 (UTC): the instants an event may have, and so
     * the guard's decisions and evictions. Windows count milliseconds since the epoch, and instants far
     * enough out have none (they failed inside the engine with 'long overflow').
     */
    public static boolean inCountableYears(Instant at) {
        return !at.isBefore(FIRST) && !at.isAfter(LAST);
    }

    private static void requireId(Optional<String> value, String field) {
        Objects.requireNonNull(value, field).ifPresent(v -> Ids.requireId(v, field));
    }

    /** An event with only a type, an instant and an identifier. */
    public static RiskEvent of(EventType type, Instant at, String identifier) {
        return new RiskEvent(type, at, identifier, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    /** A copy with a device. */
    public RiskEvent withDevice(String id) {
        return new RiskEvent(type, at, identifier, present(id, "device"), store, clerk, coupon, amount);
    }

    /** A copy at a store with a clerk. */
    public RiskEvent atStore(String storeId, String clerkId) {
        return new RiskEvent(type, at, identifier, device, present(storeId, "store"), present(clerkId, "clerk"), coupon,
                amount);
    }

    /** A copy naming a coupon. */
    public RiskEvent withCoupon(String couponId) {
        return new RiskEvent(type, at, identifier, device, store, clerk, present(couponId, "coupon"), amount);
    }

    /** Optional.of(null) would throw a NullPointerException that does not say which field was null. */
    private static Optional<String> present(String value, String field) {
        return Optional.of(Objects.requireNonNull(value, field));
    }

    /** A copy with an amount. */
    public RiskEvent withAmount(long value) {
        return new RiskEvent(type, at, identifier, device, store, clerk, coupon, value);
    }

    /**
     * The value of a field other than {@link Field#CUSTOMER} (which the engine resolves), empty
     * where the event has none.
     */
    public Optional<String> value(Field field) {
        return switch (field) {
            case IDENTIFIER -> Optional.of(identifier);
            case DEVICE -> device;
            case STORE -> store;
            case CLERK -> clerk;
            case COUPON -> coupon;
            case CUSTOMER -> throw new IllegalArgumentException("the CUSTOMER field is resolved by a CustomerResolver");
        };
    }
}
