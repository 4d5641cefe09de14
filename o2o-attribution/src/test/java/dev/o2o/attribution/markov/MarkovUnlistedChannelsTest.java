package dev.o2o.attribution.markov;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.ChannelCredit;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.core.ChannelRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 23: Markov listed channels that appear in no journey (from a shared registry) with a zero credit. */
class MarkovUnlistedChannelsTest {

    @Test
    void channelsInNoCountedPathAreNotListed() {
        ChannelRegistry registry = new ChannelRegistry();
        registry.register(dev.o2o.core.Channel.online("email"));   // met in another file read with the same registry
        JourneySet set = JourneySet.builder(registry)
                .add(List.of("a", "b"), 1, 10, 1)
                .add(List.of("b"), 1, 10, 0)
                .add(List.of("poster"), 0, 0, 3)   // only in a non-converting path
                .build();
        assertEquals(List.of("email", "a", "b", "poster"), set.channelIds());

        AttributionResult withNulls = AttributionModel.markov().attribute(set);
        assertEquals(List.of("a", "b", "poster"), withNulls.credits().stream().map(ChannelCredit::channel).toList());
        assertEquals(0.0, withNulls.conversions("poster"));

        AttributionResult convertingOnly = AttributionModel.markov(MarkovOptions.defaults().withNonConverting(false))
                .attribute(set);
        assertEquals(List.of("a", "b"), convertingOnly.credits().stream().map(ChannelCredit::channel).toList());
        MarkovChain chain = MarkovChain.fit(set, MarkovOptions.defaults());
        assertEquals(List.of("a", "b", "poster"), List.copyOf(chain.removalEffects().keySet()));
        assertEquals(0.0, chain.removalEffect("email"));
        assertEquals(set.totalConversions(), withNulls.creditedConversions(), 1e-12);
    }
}
