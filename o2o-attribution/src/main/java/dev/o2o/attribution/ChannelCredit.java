package dev.o2o.attribution;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The credit one channel receives from an attribution model.
 *
 * @param channel       channel id
 * @param conversions   conversions credited (fractional)
 * @param value         conversion value credited, in the unit of the input data
 * @param removalEffect Markov models: relative drop of the conversion probability when the channel is removed
 * @param shapleyValue  Shapley models: the channel's Shapley value for the model's coalition value
 * @param standardError sampled Shapley values: the standard error of {@code shapleyValue}
 *
 * <p>Immutable and thread-safe.
 */
public record ChannelCredit(String channel, double conversions, double value, OptionalDouble removalEffect,
                            OptionalDouble shapleyValue, OptionalDouble standardError) {

    /** Validates the credit. */
    public ChannelCredit {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(removalEffect, "removalEffect");
        Objects.requireNonNull(shapleyValue, "shapleyValue");
        Objects.requireNonNull(standardError, "standardError");
        if (Double.isNaN(conversions) || Double.isNaN(value)) {
            throw new IllegalArgumentException("credit of channel '" + channel + "' is NaN");
        }
    }

    /** A credit without model-specific scores. */
    public static ChannelCredit of(String channel, double conversions, double value) {
        return new ChannelCredit(channel, conversions, value, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty());
    }
}
