package dev.o2o.attribution.shapley;

import java.util.List;
import java.util.Objects;

/**
 * The ordered Shapley value of Zhao et al. (2018): each converting journey's conversions are split equally over its
 * distinct channels, and a channel's share further equally over the positions (1-based touch numbers) where it
 * appears. Summed over positions, a channel's credit equals its simplified Shapley value.
 *
 * <p>Immutable and thread-safe.
 */
public final class OrderedShapley {

    private final List<String> channels;
    private final int maxPosition;
    private final double[] conversions; // channel * maxPosition + (position - 1)
    private final double[] values;

    OrderedShapley(List<String> channels, int maxPosition, double[] conversions, double[] values) {
        this.channels = List.copyOf(channels);
        this.maxPosition = maxPosition;
        this.conversions = conversions;
        this.values = values;
    }

    /** Channel ids in channel index order. */
    public List<String> channels() {
        return channels;
    }

    /** Length of the longest journey. */
    public int maxPosition() {
        return maxPosition;
    }

    private int index(String channel, int position) {
        Objects.requireNonNull(channel, "channel");
        int c = channels.indexOf(channel);
        if (c < 0) {
            throw new IllegalArgumentException("unknown channel '" + channel + "'");
        }
        if (position < 1 || position > maxPosition) {
            throw new IllegalArgumentException("position must be between 1 and " + maxPosition + ": " + position);
        }
        return c * maxPosition + position - 1;
    }

    /** Conversions credited to {@code channel} at touch number {@code position} (1 = first touch). */
    public double conversions(String channel, int position) {
        return conversions[index(channel, position)];
    }

    /** Value credited to {@code channel} at touch number {@code position}. */
    public double value(String channel, int position) {
        return values[index(channel, position)];
    }

    /** Conversions credited to {@code channel} over all positions. */
    public double conversions(String channel) {
        double s = 0;
        for (int p = 1; p <= maxPosition; p++) {
            s += conversions(channel, p);
        }
        return s;
    }
}
