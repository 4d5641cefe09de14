package dev.o2o.attribution;

import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.markov.MarkovChain;
import dev.o2o.attribution.markov.MarkovOptions;
import dev.o2o.attribution.shapley.CoalitionCounts;
import dev.o2o.attribution.shapley.ShapleyAttribution;
import dev.o2o.attribution.shapley.ShapleyRateOptions;
import dev.o2o.core.Channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An attribution model: distributes the conversions and conversion value of a {@link JourneySet} over channels.
 * Integrators may implement it; the built-in models come from the static factories below. Built-in models credit
 * exactly the set's {@link JourneySet#totalConversions()} and {@link JourneySet#totalValue()} (journeys without any
 * touch stay unattributed), are deterministic, and are immutable and thread-safe.
 */
@FunctionalInterface
public interface AttributionModel {

    /** Attributes the journeys. */
    AttributionResult attribute(JourneySet journeys);

    /** All credit to the first touch. */
    static AttributionModel firstTouch() {
        return RuleBasedModel.FIRST;
    }

    /** All credit to the last touch. */
    static AttributionModel lastTouch() {
        return RuleBasedModel.LAST;
    }

    /**
     * All credit to the last touch whose channel is not {@link Channel#direct() direct}; paths made only
     * of direct touches credit their last touch.
     */
    static AttributionModel lastNonDirectTouch() {
        return RuleBasedModel.LAST_NON_DIRECT;
    }

    /** Equal credit to every touch. */
    static AttributionModel linear() {
        return RuleBasedModel.LINEAR;
    }

    /** Time decay with a 7-day half-life. */
    static AttributionModel timeDecay() {
        return timeDecay(Duration.ofDays(7));
    }

    /**
     * Credit proportional to {@code 2^(-age / halfLife)} where age is the time from the touch to the conversion.
     * Needs journeys with touch times ({@link JourneySet#hasTimes()}); otherwise {@code attribute} throws
     * {@link IllegalArgumentException}.
     */
    static AttributionModel timeDecay(Duration halfLife) {
        return RuleBasedModel.timeDecay(halfLife);
    }

    /** Position-based (U-shaped) 40/20/40: 40% to the first and last touch, 20% spread over the middle. */
    static AttributionModel positionBased() {
        return positionBased(0.4, 0.4);
    }

    /**
     * Position-based with {@code first} and {@code last} shares (the rest spread over middle touches); a path of two
     * touches splits in proportion {@code first : last}, a single touch gets everything.
     */
    static AttributionModel positionBased(double first, double last) {
        return RuleBasedModel.positionBased(first, last);
    }

    /**
     * W-shaped: 30% each to the first touch, the lead-creation touch and the last touch, 10% spread over the others.
     * Without lead events in path data, the lead-creation touch is taken to be the middle touch (index
     * {@code length / 2}). Paths of 1 to 3 touches split equally.
     */
    static AttributionModel wShaped() {
        return RuleBasedModel.W_SHAPED;
    }

    /**
     * W-shaped with the lead-creation touch taken as the first touch between the first and the last whose channel
     * satisfies {@code leadCreation} (for example the app sign-up or coupon channel); paths without such a touch use
     * the middle touch. The predicate must be thread-safe.
     */
    static AttributionModel wShaped(Predicate<Channel> leadCreation) {
        return RuleBasedModel.wShaped(Objects.requireNonNull(leadCreation, "leadCreation"));
    }

    /** Credit by custom position weights, normalized per path. */
    static AttributionModel positionWeights(PositionWeights weights) {
        return RuleBasedModel.custom(Objects.requireNonNull(weights, "weights"));
    }

    /** Exact Markov-chain removal-effect attribution with the given options. */
    static AttributionModel markov(MarkovOptions options) {
        Objects.requireNonNull(options, "options");
        return journeys -> AttributionResult.fromMarkov(MarkovChain.fit(journeys, options));
    }

    /** Exact first-order Markov attribution with default options. */
    static AttributionModel markov() {
        return markov(MarkovOptions.defaults());
    }

    /**
     * Shapley attribution with "conversions of journeys whose channel set is inside the coalition" as coalition
     * value: each converting journey is split equally over its distinct channels (the simplified Shapley value of
     * Zhao et al. 2018).
     */
    static AttributionModel shapleyConversions() {
        return RuleBasedModel.SHAPLEY_CONVERSIONS;
    }

    /**
     * Shapley attribution with the conversion rate of the journeys inside the coalition as coalition value (the game
     * is described in {@link ShapleyAttribution}), with the {@link ShapleyRateOptions#defaults() default} shrinkage
     * and minimum support; exact up to 20 players, otherwise {@code samples} seeded random permutations with standard
     * errors. {@link #shapleyConversionRate(ShapleyRateOptions, long, int)} with {@link ShapleyRateOptions#raw()}
     * gives the raw game.
     */
    static AttributionModel shapleyConversionRate(long seed, int samples) {
        return shapleyConversionRate(ShapleyRateOptions.defaults(), seed, samples);
    }

    /**
     * Shapley attribution on the conversion-rate game that {@code options} define, credited as
     * {@link AttributionResult#fromShapley}; besides that method's warnings, the result warns about every channel
     * credited more conversions than the journeys touching it had.
     */
    static AttributionModel shapleyConversionRate(ShapleyRateOptions options, long seed, int samples) {
        Objects.requireNonNull(options, "options");
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2: " + samples);
        }
        return journeys -> {
            CoalitionCounts counts = CoalitionCounts.of(journeys);
            AttributionResult result = AttributionResult.fromShapley(
                    ShapleyAttribution.conversionRate(counts, options, seed, samples),
                    counts.totalConversions(), counts.totalValue());
            return result.withWarnings(overCredited(result, counts));
        };
    }

    /**
     * {@link #shapleyConversionRate(long, int)} with seed 1 and 2,000 permutations when sampling, and the default
     * options.
     */
    static AttributionModel shapleyConversionRate() {
        return shapleyConversionRate(1L, 2000);
    }

    /** Warnings for channels credited more conversions than the journeys that touch them had. */
    private static List<String> overCredited(AttributionResult result, CoalitionCounts counts) {
        Map<String, Double> touching = counts.conversionsTouching();
        List<String> warnings = new ArrayList<>();
        for (ChannelCredit c : result.credits()) {
            double had = touching.getOrDefault(c.channel(), 0.0);
            if (c.conversions() > had + 1e-9 * Math.max(1, had)) {
                warnings.add("channel '" + c.channel() + "' is credited " + AttributionResult.format(c.conversions())
                        + " conversions, more than the " + AttributionResult.format(had)
                        + " of the journeys that touch it");
            }
        }
        return warnings;
    }
}
