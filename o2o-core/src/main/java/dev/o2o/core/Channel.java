package dev.o2o.core;

import java.util.Objects;

/**
 * A marketing channel: where a touchpoint or an order happened.
 *
 * <p>The {@code id} is stable and is what data files and paths refer to; the display name is
 * for reports. A "direct" channel is unpaid, typed-in or walk-in traffic (attribution models
 * such as last non-direct touch skip it).
 *
 * <p>Immutable and thread-safe. Two channels are equal when all their components are.
 *
 * @param id          stable identifier, non-blank, no surrounding white space
 * @param displayName name for reports, non-blank
 * @param kind        online or offline
 * @param direct      true for direct / unpaid traffic
 */
public record Channel(String id, String displayName, ChannelKind kind, boolean direct) {

    public Channel {
        Ids.requireId(id, "channel id");
        Objects.requireNonNull(displayName, "displayName");
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("displayName of channel '" + id + "' must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
    }

    /** A paid or owned online channel whose display name is its id. */
    public static Channel online(String id) {
        return new Channel(id, id, ChannelKind.ONLINE, false);
    }

    /** An offline channel whose display name is its id. */
    public static Channel offline(String id) {
        return new Channel(id, id, ChannelKind.OFFLINE, false);
    }

    public boolean isOnline() {
        return kind == ChannelKind.ONLINE;
    }

    public boolean isOffline() {
        return kind == ChannelKind.OFFLINE;
    }
}
