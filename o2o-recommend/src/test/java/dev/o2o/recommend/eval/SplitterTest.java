package dev.o2o.recommend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.recommend.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitterTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Interaction e(String c, String i, long s) {
        return Interaction.of(c, i, T.plusSeconds(s));
    }

    @Test
    void temporalHoldsOutTheLastFloorFractionTiesByItemId() {
        List<Interaction> ev = List.of(e("u", "i5", 5), e("u", "i9", 9), e("u", "b", 9), e("u", "a", 9), e("u", "i1", 1),
                e("u", "i2", 2), e("u", "i3", 3), e("u", "i4", 4), e("u", "i6", 6), e("u", "i7", 7),
                e("v", "x", 1));
        // u: 10 rows, floor(10 × 0.25) = 2; last by (instant, item id): instant 9 -> a, b, i9 -> held: b, i9
        Split s = Splitter.temporal(0.25).split(ev, 3);
        assertEquals(Map.of("u", List.of("b", "i9")), s.test());
        assertEquals(9, s.train().size());
        // v has 1 row < min-interactions 3: all in training, not in the test map
        assertEquals(e("v", "x", 1), s.train().get(8));
        assertEquals(e("u", "i5", 5), s.train().get(0));
    }

    @Test
    void leaveLastOutHoldsOutOne() {
        Split s = Splitter.leaveLastOut().split(List.of(e("u", "p", 2), e("u", "q", 1)), 2);
        assertEquals(Map.of("u", List.of("p")), s.test());
        assertEquals(List.of(e("u", "q", 1)), s.train());
    }

    @Test
    void randomIsSeededAndHoldsOutTheFraction() {
        List<Interaction> ev = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ev.add(e("u", "i" + i, i));
        }
        Split a = Splitter.random(0.3, 7).split(ev, 1);
        Split b = Splitter.random(0.3, 7).split(ev, 1);
        Split c = Splitter.random(0.3, 8).split(ev, 1);
        assertEquals(a, b);
        assertEquals(6, a.test().get("u").size());
        assertEquals(14, a.train().size());
        assertNotEquals(a.test(), c.test());
    }

    @Test
    void badParameters() {
        assertThrows(IllegalArgumentException.class, () -> Splitter.temporal(0));
        assertThrows(IllegalArgumentException.class, () -> Splitter.random(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splitter.leaveLastOut().split(List.of(), 0));
    }
}
