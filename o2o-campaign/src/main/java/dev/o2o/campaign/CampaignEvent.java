package dev.o2o.campaign;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a customer did or that happened to a customer, as the campaign engine sees it.
 * Build one with the static factories ({@link #checkIn}, {@link #ping}, {@link #onlineOrder}, ...).
 *
 * <p>The {@link #id} de-duplicates: the engine acts on an event id at most once, so replaying a
 * stream never repeats an action. Events may arrive out of time order; each is evaluated at
 * its own instant {@link #at} (see {@link CampaignEngine}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       unique event id (for an order event, the order id), not blank, at most
 *                 {@value #MAX_ID_LENGTH} characters, without NUL or unpaired surrogates
 * @param customer the customer
 * @param at       when it happened, within 1677-09-21T00:12:43.145224192Z..2262-04-11T23:47:16.854775807Z
 *                 (epoch nanoseconds in a long: what the JDBC store holds)
 * @param kind     what happened
 * @param detail   the kind's subject: channel id, tag, lifecycle stage, custom type; empty if none
 * @param storeId  the store for check-ins, scans and store orders
 * @param location the position for location pings
 * @param amount   the amount of an order, below {@link Money#TEXT_LIMIT}
 * @param channel  online or offline, for orders and touchpoints
 * @param value    the points balance of a points-threshold event; 0 otherwise
 */
public record CampaignEvent(String id, CustomerKey customer, Instant at, Kind kind, String detail,
                            Optional<String> storeId, Optional<GeoPoint> location, Optional<Money> amount,
                            Optional<ChannelKind> channel, long value) {

    /** The longest event id, in UTF-16 code units: the JDBC store's {@code VARCHAR(400)}. */
    public static final int MAX_ID_LENGTH = 400;

    /** The kinds of events triggers listen to. */
    public enum Kind {
        TOUCHPOINT, ORDER, CHECK_IN, SCAN, LOCATION_PING, TAG_GAINED, TAG_LOST, LIFECYCLE_CHANGE,
        BIRTHDAY, POINTS_THRESHOLD, CUSTOM
    }

    public CampaignEvent {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("event id must not be blank");
        }
        // what the JDBC store holds exactly (no NUL or lone surrogate, which PostgreSQL cannot
        // store or turns into '?'), so that no store takes an id another refuses or merges
        Ids.requireText(id, "event id", MAX_ID_LENGTH);
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(at, "at");
        // refused here, before the engine claims the event: a store that cannot hold the instant
        // would refuse it only after the claim, and the event could never be sent again
        if (at.isBefore(Codec.EARLIEST) || at.isAfter(Codec.LATEST)) {
            throw new IllegalArgumentException("at of event '" + id + "' must be within " + Codec.EARLIEST + ".."
                    + Codec.LATEST + " (the instants a campaign store holds): " + at);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(storeId, "storeId");
        storeId.ifPresent(s -> Ids.requireId(s, "storeId of event '" + id + "'"));
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(channel, "channel");
        if (kind == Kind.ORDER && (amount.isEmpty() || channel.isEmpty())) {
            throw new IllegalArgumentException("order event '" + id + "' needs an amount and a channel");
        }
        if (amount.isPresent() && amount.get().isNegative()) {
            throw new IllegalArgumentException("amount of event '" + id + "' must not be negative: " + amount.get());
        }
        amount.ifPresent(a -> Money.requireBelowLimit(a, "amount of event '" + id + "'"));
        if ((kind == Kind.CHECK_IN || kind == Kind.SCAN) && storeId.isEmpty()) {
            throw new IllegalArgumentException(kind + " event '" + id + "' needs a storeId");
        }
        if (kind == Kind.LOCATION_PING && location.isEmpty()) {
            throw new IllegalArgumentException("location ping '" + id + "' needs a location");
        }
        if (value < 0) {
            throw new IllegalArgumentException("value of event '" + id + "' must be >= 0: " + value);
        }
    }

    private static CampaignEvent simple(String id, CustomerKey customer, Instant at, Kind kind, String detail) {
        return new CampaignEvent(id, customer, at, kind, detail, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0);
    }

    /** A check-in at a store (scan of the store's code, Wi-Fi login, beacon). */
    public static CampaignEvent checkIn(String id, CustomerKey customer, Instant at, String storeId) {
        return new CampaignEvent(id, customer, at, Kind.CHECK_IN, "", Optional.of(storeId), Optional.empty(),
                Optional.empty(), Optional.of(ChannelKind.OFFLINE), 0);
    }

    /** A scan of an in-store QR code (for "scan in store, buy online" missions). */
    public static CampaignEvent scan(String id, CustomerKey customer, Instant at, String storeId) {
        return new CampaignEvent(id, customer, at, Kind.SCAN, "", Optional.of(storeId), Optional.empty(),
                Optional.empty(), Optional.of(ChannelKind.OFFLINE), 0);
    }

    /** A location ping from the customer's device. */
    public static CampaignEvent ping(String id, CustomerKey customer, Instant at, GeoPoint location) {
        return new CampaignEvent(id, customer, at, Kind.LOCATION_PING, "", Optional.empty(), Optional.of(location),
                Optional.empty(), Optional.empty(), 0);
    }

    /** An online order; the event id is the order id. */
    public static CampaignEvent onlineOrder(String orderId, CustomerKey customer, Instant at, Money amount) {
        return new CampaignEvent(orderId, customer, at, Kind.ORDER, "", Optional.empty(), Optional.empty(),
                Optional.of(amount), Optional.of(ChannelKind.ONLINE), 0);
    }

    /** An order in a store; the event id is the order id. */
    public static CampaignEvent storeOrder(String orderId, CustomerKey customer, Instant at, Money amount, String storeId) {
        return new CampaignEvent(orderId, customer, at, Kind.ORDER, "", Optional.of(storeId), Optional.empty(),
                Optional.of(amount), Optional.of(ChannelKind.OFFLINE), 0);
    }

    /** A marketing touchpoint on a channel (its id, for example {@code "wechat"}). */
    public static CampaignEvent touchpoint(String id, CustomerKey customer, Instant at, String channelId, ChannelKind kind) {
        return new CampaignEvent(id, customer, at, Kind.TOUCHPOINT, channelId, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(kind), 0);
    }

    /** The customer gained a tag. */
    public static CampaignEvent tagGained(String id, CustomerKey customer, Instant at, String tag) {
        return simple(id, customer, at, Kind.TAG_GAINED, tag);
    }

    /** The customer lost a tag. */
    public static CampaignEvent tagLost(String id, CustomerKey customer, Instant at, String tag) {
        return simple(id, customer, at, Kind.TAG_LOST, tag);
    }

    /** The customer's lifecycle stage changed to {@code stage}. */
    public static CampaignEvent lifecycleChanged(String id, CustomerKey customer, Instant at, String stage) {
        return simple(id, customer, at, Kind.LIFECYCLE_CHANGE, stage);
    }

    /** The customer's birthday (the host emits it on the day). */
    public static CampaignEvent birthday(String id, CustomerKey customer, Instant at) {
        return simple(id, customer, at, Kind.BIRTHDAY, "");
    }

    /** The customer's points balance reached {@code balance}. */
    public static CampaignEvent pointsReached(String id, CustomerKey customer, Instant at, long balance) {
        return new CampaignEvent(id, customer, at, Kind.POINTS_THRESHOLD, "", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), balance);
    }

    /** An event of a type the integrator defines. */
    public static CampaignEvent custom(String id, CustomerKey customer, Instant at, String type) {
        if (Objects.requireNonNull(type, "type").isBlank()) {
            throw new IllegalArgumentException("custom event type must not be blank");
        }
        return simple(id, customer, at, Kind.CUSTOM, type);
    }
}
