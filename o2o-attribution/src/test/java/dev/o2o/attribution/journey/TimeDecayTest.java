package dev.o2o.attribution.journey;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.core.ChannelRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.o2o.attribution.journey.JourneyBuilderTest.ANN;
import static dev.o2o.attribution.journey.JourneyBuilderTest.APP;
import static dev.o2o.attribution.journey.JourneyBuilderTest.SOCIAL;
import static dev.o2o.attribution.journey.JourneyBuilderTest.STORE;
import static dev.o2o.attribution.journey.JourneyBuilderTest.order;
import static dev.o2o.attribution.journey.JourneyBuilderTest.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeDecayTest {

    @Test
    void halfLifeWeights() {
        // touches 14 and 7 days before the order: weights 1/4 and 1/2 of the order-time weight -> 1 : 2
        List<Journey> js = JourneyBuilder.withDefaults().build(
                List.of(touch(ANN, SOCIAL, 0), touch(ANN, APP, 7)), List.of(order("o1", ANN, STORE, 14, "30.00")));
        JourneySet set = JourneySet.of(new ChannelRegistry(), js);
        assertEquals(14.0, set.ageDays(0, 0), 1e-9);
        AttributionResult r = AttributionModel.timeDecay().attribute(set);
        assertEquals(1.0 / 3, r.conversions("social"), 1e-12);
        assertEquals(20.0, r.value("app"), 1e-9);
        AttributionResult longer = AttributionModel.timeDecay(Duration.ofDays(14)).attribute(set);
        // weights 2^-1 and 2^-0.5
        double a = Math.pow(2, -1);
        double b = Math.pow(2, -0.5);
        assertEquals(a / (a + b), longer.conversions("social"), 1e-12);
    }
}
