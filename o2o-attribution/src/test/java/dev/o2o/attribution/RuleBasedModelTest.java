package dev.o2o.attribution;

import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.ChannelRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RuleBasedModelTest {

    private static final double EPS = 1e-12;
    // value = 10 * conversions
    private final JourneySet set = TestData.paths("a > b > c > d > e", 1, 0, "b > a", 2, 1, "c", 1, 5);

    @Test
    void firstLastLinear() {
        AttributionResult first = AttributionModel.firstTouch().attribute(set);
        assertEquals(1.0, first.conversions("a"), EPS);
        assertEquals(2.0, first.conversions("b"), EPS);
        assertEquals(1.0, first.conversions("c"), EPS);
        assertEquals(20.0, first.value("b"), EPS);
        AttributionResult last = AttributionModel.lastTouch().attribute(set);
        assertEquals(2.0, last.conversions("a"), EPS);
        assertEquals(1.0, last.conversions("e"), EPS);
        AttributionResult linear = AttributionModel.linear().attribute(set);
        assertEquals(0.2 + 1.0, linear.conversions("a"), EPS);
        assertEquals(0.2 + 1.0, linear.conversions("b"), EPS);
        assertEquals(0.2 + 1.0, linear.conversions("c"), EPS);
        assertEquals(0.2, linear.conversions("d"), EPS);
    }

    @Test
    void positionBasedAndWShaped() {
        AttributionResult u = AttributionModel.positionBased().attribute(set);
        // 5 touches: 0.4, 0.2/3 x3, 0.4 ; two touches 50/50 ; one touch all
        assertEquals(0.4 + 1.0, u.conversions("a"), EPS);
        assertEquals(0.2 / 3 + 1.0, u.conversions("b"), EPS);
        assertEquals(0.2 / 3 + 1.0, u.conversions("c"), EPS);
        assertEquals(0.4, u.conversions("e"), EPS);
        AttributionResult skew = AttributionModel.positionBased(0.3, 0.6).attribute(set);
        assertEquals(2.0 / 3 * 2, skew.conversions("a") - 0.3, EPS);
        AttributionResult w = AttributionModel.wShaped().attribute(set);
        // 5 touches: first, middle (index 2 = c) and last 0.3 each, b and d 0.05
        assertEquals(0.3 + 1.0, w.conversions("a"), EPS);
        assertEquals(0.05 + 1.0, w.conversions("b"), EPS);
        assertEquals(0.3 + 1.0, w.conversions("c"), EPS);
        assertEquals(0.05, w.conversions("d"), EPS);
        assertThrows(IllegalArgumentException.class, () -> AttributionModel.positionBased(0.7, 0.4));
        // lead creation at the first "b"-channel touch in the middle: a > b > c > d > e -> b gets 0.3
        AttributionResult lead = AttributionModel.wShaped(ch -> ch.id().equals("b")).attribute(set);
        assertEquals(0.3 + 1.0, lead.conversions("b"), EPS);
        assertEquals(0.05 + 1.0, lead.conversions("c"), EPS);
        assertEquals(0.3 + 1.0, lead.conversions("a"), EPS);
        // no matching middle touch: falls back to the middle
        assertEquals(w, new AttributionResult("wShaped", AttributionModel.wShaped(ch -> false).attribute(set).credits(),
                4, 40));
    }

    @Test
    void customPositionWeightsAndValidation() {
        AttributionResult r = AttributionModel.positionWeights((pos, len) -> pos + 1).attribute(set);
        // 5 touches weights 1..5 / 15 ; "b > a" weights 1/3, 2/3
        assertEquals(5.0 / 15 + 2 * 2.0 / 3 - 0 + 0, r.conversions("e") + r.conversions("a") - 1.0 / 15, EPS);
        assertEquals(1.0 / 15 + 2 * 2.0 / 3, r.conversions("a"), EPS);
        assertThrows(IllegalArgumentException.class,
                () -> AttributionModel.positionWeights((pos, len) -> -1).attribute(set));
        assertThrows(IllegalArgumentException.class,
                () -> AttributionModel.positionWeights((pos, len) -> 0).attribute(set));
    }

    @Test
    void lastNonDirectSkipsDirectChannels() {
        ChannelRegistry reg = new ChannelRegistry();
        reg.register(new Channel("direct", "Direct", ChannelKind.ONLINE, true));
        JourneySet s = JourneySet.builder(reg).add(List.of("email", "direct"), 1, 5, 0)
                .add(List.of("direct", "direct"), 1, 7, 0).build();
        AttributionResult r = AttributionModel.lastNonDirectTouch().attribute(s);
        assertEquals(1.0, r.conversions("email"), EPS);
        assertEquals(1.0, r.conversions("direct"), EPS);
        assertEquals(5.0, r.value("email"), EPS);
    }

    @Test
    void timeDecayNeedsTimes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributionModel.timeDecay().attribute(set));
        assertEquals(true, e.getMessage().contains("touch times"));
        assertThrows(IllegalArgumentException.class, () -> AttributionModel.timeDecay(Duration.ZERO));
    }

    @Test
    void timeDecayTakesHalfLivesBelowAMillisecondAndUpToForever() {
        JourneySet.Builder b = JourneySet.builder();
        int a = b.intern("a");
        int c = b.intern("c");
        JourneySet timed = b.add(new int[] {a, c}, new double[] {2, 0}, 1, 10, 0).build();
        // a half-life below one millisecond was read as 0 days: the weights were 0/0 = NaN
        AttributionResult fast = AttributionModel.timeDecay(Duration.ofNanos(1)).attribute(timed);
        assertEquals(1.0, fast.conversions("c"), EPS);
        assertEquals(0.0, fast.conversions("a"), EPS);
        // a half-life beyond a long of milliseconds (forever: no decay) threw ArithmeticException
        AttributionResult never = AttributionModel.timeDecay(ChronoUnit.FOREVER.getDuration()).attribute(timed);
        assertEquals(0.5, never.conversions("a"), EPS);
        assertEquals(0.5, never.conversions("c"), EPS);
    }

    @Test
    void customPositionWeightsNearTheDoubleRangeAreNormalized() {
        // the sum of three weights of Double.MAX_VALUE is infinite: each weight became 0 and the journey's
        // conversions were credited to nobody
        AttributionResult r = AttributionModel.positionWeights((pos, len) -> Double.MAX_VALUE).attribute(set);
        assertEquals(r.totalConversions(), r.creditedConversions(), 1e-9);
        assertEquals(0.2 + 1.0, r.conversions("a"), EPS);
        assertEquals(0.2, r.conversions("d"), EPS);
    }

    @Test
    void everyModelCreditsTheTotals() {
        List<AttributionModel> models = List.of(AttributionModel.firstTouch(), AttributionModel.lastTouch(),
                AttributionModel.lastNonDirectTouch(), AttributionModel.linear(), AttributionModel.positionBased(),
                AttributionModel.wShaped(), AttributionModel.positionWeights((p, n) -> 1 + p * p),
                AttributionModel.markov(), AttributionModel.shapleyConversions(),
                AttributionModel.shapleyConversionRate());
        for (AttributionModel m : models) {
            AttributionResult r = m.attribute(set);
            assertEquals(4.0, r.totalConversions(), EPS);
            assertEquals(4.0, r.creditedConversions(), 1e-9, r.model());
            assertEquals(40.0, r.creditedValue(), 1e-9, r.model());
        }
    }
}
