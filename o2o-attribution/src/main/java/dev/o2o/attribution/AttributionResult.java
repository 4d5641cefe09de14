package dev.o2o.attribution;

import dev.o2o.attribution.markov.MarkovChain;
import dev.o2o.attribution.shapley.ShapleyValues;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Per-channel credits of one model run, in channel index order of the journey set.
 *
 * @param model            a short description of the model, e.g. {@code "markov(order=2)"}
 * @param credits          one entry per channel of the journey set (Markov: per channel in a counted path)
 * @param totalConversions conversions of all attributable journeys; built-in models credit exactly this total
 * @param totalValue       conversion value of all attributable journeys
 * @param warnings         what a reader of the credits should know (negative credits, credits that are values
 *                         rescaled by their sum, channels left out); empty when none
 *
 * <p>Immutable and thread-safe.
 */
public record AttributionResult(String model, List<ChannelCredit> credits, double totalConversions, double totalValue,
                                List<String> warnings) {

    /** Validates the result. */
    public AttributionResult {
        Objects.requireNonNull(model, "model");
        credits = List.copyOf(Objects.requireNonNull(credits, "credits"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** A result without warnings. */
    public AttributionResult(String model, List<ChannelCredit> credits, double totalConversions, double totalValue) {
        this(model, credits, totalConversions, totalValue, List.of());
    }

    /** This result with {@code more} warnings after its own. */
    public AttributionResult withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(Objects.requireNonNull(more, "more"));
        return new AttributionResult(model, credits, totalConversions, totalValue, all);
    }

    /**
     * Conversions and value of a fitted chain credited in proportion to its removal effects; they sum to the chain's
     * totals (all zero when the chain never converts). The channels of {@link MarkovChain#removalEffects()}, in the
     * chain's order: a channel that appears in no counted path is not listed.
     */
    public static AttributionResult fromMarkov(MarkovChain chain) {
        Objects.requireNonNull(chain, "chain");
        Map<String, Double> effects = chain.removalEffects();
        double sum = 0;
        for (double re : effects.values()) {
            sum += re;
        }
        List<ChannelCredit> credits = new ArrayList<>(effects.size());
        for (Map.Entry<String, Double> e : effects.entrySet()) {
            double share = sum > 0 ? e.getValue() / sum : 0;
            credits.add(new ChannelCredit(e.getKey(), chain.totalConversions() * share, chain.totalValue() * share,
                    OptionalDouble.of(e.getValue()), OptionalDouble.empty(), OptionalDouble.empty()));
        }
        return new AttributionResult("markov(order=" + chain.options().order() + ",mergeRepeats="
                + chain.options().mergeRepeats() + ",nonConverting=" + chain.options().includeNonConverting() + ")",
                credits, chain.totalConversions(), chain.totalValue());
    }

    /**
     * Conversions and value credited in proportion to Shapley values ({@code total * phi_i / sum of phi}), so that
     * they add up to the totals even for sampled estimates. Nothing is hidden: the raw values stay in
     * {@link ChannelCredit#shapleyValue()}, a channel whose presence lowers the coalition value gets a negative
     * credit, and the warnings say so, say that the credits are values divided by their sum (when the sum is not
     * the total itself), and carry the values' own warnings. A zero sum credits nothing (and says so).
     */
    public static AttributionResult fromShapley(ShapleyValues values, double totalConversions, double totalValue) {
        Objects.requireNonNull(values, "values");
        double sum = 0;
        for (double phi : values.values().values()) {
            sum += phi;
        }
        List<String> warnings = new ArrayList<>(values.warnings());
        List<ChannelCredit> credits = new ArrayList<>(values.values().size());
        for (Map.Entry<String, Double> e : values.values().entrySet()) {
            double phi = e.getValue();
            double share = sum != 0 ? phi / sum : 0;
            Double se = values.standardErrors().get(e.getKey());
            credits.add(new ChannelCredit(e.getKey(), totalConversions * share, totalValue * share,
                    OptionalDouble.empty(), OptionalDouble.of(phi),
                    se == null ? OptionalDouble.empty() : OptionalDouble.of(se)));
            if (phi < 0) {
                warnings.add("channel '" + e.getKey() + "' has a negative Shapley value " + format(phi)
                        + ": its presence lowers the coalition value, and it is credited "
                        + format(totalConversions * share) + " conversions");
            }
        }
        if (sum == 0 && totalConversions != 0) {
            warnings.add("the Shapley values sum to 0: no conversions are credited");
        } else if (sum != totalConversions) {
            warnings.add("credits are total * value / sum of values (sum " + format(sum) + "): the values are in "
                    + "the game's unit, not conversions, and are rescaled to the " + format(totalConversions)
                    + " conversions");
        }
        return new AttributionResult(values.description(), credits, totalConversions, totalValue, warnings);
    }

    /**
     * {@code x} with six significant digits and no trailing zeros, for messages (package-private: not API).
     */
    static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        return new BigDecimal(x).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    /** The credit of {@code channel}, if the result has it. */
    public Optional<ChannelCredit> credit(String channel) {
        for (ChannelCredit c : credits) {
            if (c.channel().equals(channel)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Conversions credited to {@code channel} (0 when the channel is not in the result). */
    public double conversions(String channel) {
        return credit(channel).map(ChannelCredit::conversions).orElse(0.0);
    }

    /** Value credited to {@code channel} (0 when the channel is not in the result). */
    public double value(String channel) {
        return credit(channel).map(ChannelCredit::value).orElse(0.0);
    }

    /** Sum of credited conversions. */
    public double creditedConversions() {
        double s = 0;
        for (ChannelCredit c : credits) {
            s += c.conversions();
        }
        return s;
    }

    /** Sum of credited value. */
    public double creditedValue() {
        double s = 0;
        for (ChannelCredit c : credits) {
            s += c.value();
        }
        return s;
    }
}
