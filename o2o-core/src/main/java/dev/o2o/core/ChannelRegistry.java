package dev.o2o.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Interns channels to dense int indexes 0..size-1 in order of first registration, so that hot
 * paths (attribution, journeys) work on int arrays instead of maps of strings.
 *
 * <p>An index never changes once given. Registering a channel whose id is known with a
 * different definition throws {@link IllegalArgumentException}.
 *
 * <p>Thread-safe: registration is synchronized; lookups read a published snapshot and do not
 * block.
 */
public final class ChannelRegistry {

    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

    private record Snapshot(Map<String, Integer> byId, List<Channel> channels) {
    }

    /** An empty registry. */
    public ChannelRegistry() {
    }

    /** A registry holding the given channels, indexed in iteration order. */
    public static ChannelRegistry of(Collection<Channel> channels) {
        ChannelRegistry registry = new ChannelRegistry();
        channels.forEach(registry::register);
        return registry;
    }

    /**
     * Returns the index of the channel, registering it if its id is new.
     *
     * @throws IllegalArgumentException if a channel with the same id but another definition is registered
     */
    public synchronized int register(Channel channel) {
        Objects.requireNonNull(channel, "channel");
        Snapshot s = snapshot;
        Integer known = s.byId.get(channel.id());
        if (known != null) {
            Channel existing = s.channels.get(known);
            if (!existing.equals(channel)) {
                throw new IllegalArgumentException("channel id '" + channel.id()
                        + "' is already registered as " + existing + ", not " + channel);
            }
            return known;
        }
        Map<String, Integer> byId = new HashMap<>(s.byId);
        List<Channel> channels = new ArrayList<>(s.channels);
        int index = channels.size();
        byId.put(channel.id(), index);
        channels.add(channel);
        snapshot = new Snapshot(Map.copyOf(byId), List.copyOf(channels));
        return index;
    }

    /** The index of a registered channel id, or empty. */
    public OptionalInt indexOf(String channelId) {
        Integer i = snapshot.byId.get(channelId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** The registered channel with this id, or empty. */
    public Optional<Channel> find(String channelId) {
        Snapshot s = snapshot;
        Integer i = s.byId.get(channelId);
        return i == null ? Optional.empty() : Optional.of(s.channels.get(i));
    }

    /**
     * The channel at an index.
     *
     * @throws IndexOutOfBoundsException if no channel has that index
     */
    public Channel get(int index) {
        return snapshot.channels.get(index);
    }

    /** The number of registered channels. */
    public int size() {
        return snapshot.channels.size();
    }

    /** All registered channels, in index order (an immutable snapshot). */
    public List<Channel> channels() {
        return snapshot.channels;
    }
}
