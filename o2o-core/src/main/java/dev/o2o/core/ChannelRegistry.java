package dev.o2o.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns channels to dense int indexes 0..size-1 in order of first registration, so that hot
 * paths (attribution, journeys) work on int arrays instead of maps of strings.
 *
 * <p>An index never changes once given. Registering a channel whose id is known with a
 * different definition throws {@link IllegalArgumentException}. Registration is amortised
 * O(1): the channels live in an array that doubles when full, so registering n channels copies
 * fewer than 2n references in total.
 *
 * <p>Thread-safe: registration is synchronized; lookups do not block and see every channel
 * whose registration returned before they started.
 */
public final class ChannelRegistry {

    private final ConcurrentHashMap<String, Integer> byId = new ConcurrentHashMap<>();
    /** Slots {@code 0..size-1} are filled; replaced by a larger copy when full. */
    private volatile Channel[] channels = new Channel[16];
    /** Written after the slot it covers, read before {@link #channels}, so readers never see an empty slot. */
    private volatile int size;
    /** An immutable list of the first channels, rebuilt on demand when shorter than {@link #size}. */
    private volatile List<Channel> snapshot = List.of();
    private int growths;

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
        Integer known = byId.get(channel.id());
        if (known != null) {
            Channel existing = channels[known];
            if (!existing.equals(channel)) {
                throw new IllegalArgumentException("channel id '" + channel.id()
                        + "' is already registered as " + existing + ", not " + channel);
            }
            return known;
        }
        int index = size;
        Channel[] array = channels;
        if (index == array.length) {
            array = Arrays.copyOf(array, array.length * 2);
            growths++;
            channels = array;
        }
        array[index] = channel;
        size = index + 1;
        byId.put(channel.id(), index);
        return index;
    }

    /** The index of a registered channel id, or empty. */
    public OptionalInt indexOf(String channelId) {
        Integer i = byId.get(channelId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** The registered channel with this id, or empty. */
    public Optional<Channel> find(String channelId) {
        Integer i = byId.get(channelId);
        return i == null ? Optional.empty() : Optional.of(get(i));
    }

    /**
     * The channel at an index.
     *
     * @throws IndexOutOfBoundsException if no channel has that index
     */
    public Channel get(int index) {
        Objects.checkIndex(index, size);
        return channels[index];
    }

    /** The number of registered channels. */
    public int size() {
        return size;
    }

    /** All registered channels, in index order (an immutable snapshot). */
    public List<Channel> channels() {
        int n = size;
        List<Channel> s = snapshot;
        if (s.size() != n) {
            // indexes never change, so a list of the first n channels is current exactly when n is the size
            s = List.of(Arrays.copyOf(channels, n));
            snapshot = s;
        }
        return s;
    }

    /** How often the backing array was replaced by a larger copy; for tests of the growth policy. */
    synchronized int growths() {
        return growths;
    }
}
