package dev.o2o.attribution;

import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.markov.TransitionCounts;
import dev.o2o.attribution.shapley.CoalitionCounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The sufficient statistic of the additive models (the rule-based models and {@link
 * AttributionModel#shapleyConversions()}): per channel, the sums of credited conversions and value, with the totals
 * of the journeys. Every journey's credit depends on that journey alone, so the sums of two disjoint journey sets,
 * {@link #merge merged}, equal the sums of their union (exactly, as long as the sums are exact in double), and a
 * distributed job sums each partition and merges. Markov and conversion-rate Shapley are not additive; merge their
 * {@link TransitionCounts} and {@link CoalitionCounts}
 * instead.
 *
 * <p>Immutable and thread-safe.
 */
public final class CreditSums {

    private final String model;
    private final boolean shapley;
    private final List<String> channels;
    private final double[] conversions;
    private final double[] value;
    private final double totalConversions;
    private final double totalValue;

    CreditSums(String model, boolean shapley, List<String> channels, double[] conversions, double[] value,
               double totalConversions, double totalValue) {
        this.model = model;
        this.shapley = shapley;
        this.channels = List.copyOf(channels);
        this.conversions = conversions;
        this.value = value;
        this.totalConversions = totalConversions;
        this.totalValue = totalValue;
    }

    /**
     * The credit sums of {@code model} over {@code journeys}.
     *
     * @throws IllegalArgumentException if the model is not one of the built-in additive models
     */
    public static CreditSums of(AttributionModel model, JourneySet journeys) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(journeys, "journeys");
        if (!(model instanceof RuleBasedModel rule)) {
            throw new IllegalArgumentException("credit sums exist for the built-in rule-based models and"
                    + " shapleyConversions only, not for " + model);
        }
        return rule.sums(journeys);
    }

    /**
     * The sums of both journey sets together.
     *
     * @throws IllegalArgumentException if the sums come from different models
     */
    public CreditSums merge(CreditSums other) {
        Objects.requireNonNull(other, "other");
        if (!model.equals(other.model)) {
            throw new IllegalArgumentException("cannot merge sums of " + other.model + " into sums of " + model);
        }
        List<String> ids = new ArrayList<>(channels);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < ids.size(); c++) {
            index.put(ids.get(c), c);
        }
        for (String id : other.channels) {
            if (index.putIfAbsent(id, ids.size()) == null) {
                ids.add(id);
            }
        }
        double[] conv = Arrays.copyOf(conversions, ids.size());
        double[] val = Arrays.copyOf(value, ids.size());
        for (int c = 0; c < other.channels.size(); c++) {
            int to = index.get(other.channels.get(c));
            conv[to] += other.conversions[c];
            val[to] += other.value[c];
        }
        return new CreditSums(model, shapley, ids, conv, val, totalConversions + other.totalConversions,
                totalValue + other.totalValue);
    }

    /** The model's name. */
    public String model() {
        return model;
    }

    /** Channel ids, in the order first met (for sums of one journey set: its channel index order). */
    public List<String> channels() {
        return channels;
    }

    /** The result: one credit per channel, in the order of {@link #channels()}. */
    public AttributionResult result() {
        List<ChannelCredit> credits = new ArrayList<>(channels.size());
        for (int c = 0; c < channels.size(); c++) {
            credits.add(new ChannelCredit(channels.get(c), conversions[c], value[c], OptionalDouble.empty(),
                    shapley ? OptionalDouble.of(conversions[c]) : OptionalDouble.empty(), OptionalDouble.empty()));
        }
        return new AttributionResult(model, credits, totalConversions, totalValue);
    }

    /** Equal when model, totals and every channel's sums are equal, whatever the channel order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CreditSums s && model.equals(s.model) && totalConversions == s.totalConversions
                && totalValue == s.totalValue && byChannel().equals(s.byChannel());
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, totalConversions, totalValue, byChannel());
    }

    private Map<String, List<Double>> byChannel() {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (int c = 0; c < channels.size(); c++) {
            m.put(channels.get(c), List.of(conversions[c], value[c]));
        }
        return m;
    }

    @Override
    public String toString() {
        return "CreditSums[" + model + ", " + channels.size() + " channels]";
    }
}
