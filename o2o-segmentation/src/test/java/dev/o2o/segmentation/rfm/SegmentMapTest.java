package dev.o2o.segmentation.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentMapTest {

    @Test
    void standardMapCoversEveryCodeExactlyOnce() {
        SegmentMap map = SegmentMap.standard();
        Set<String> used = new HashSet<>();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    int matches = 0;
                    for (SegmentRule rule : map.rules()) {
                        matches += rule.matches(r, f, m) ? 1 : 0;
                    }
                    assertEquals(1, matches, "code " + r + f + m);
                    used.add(map.segmentOf(r, f, m));
                }
            }
        }
        assertEquals(Set.copyOf(SegmentMap.STANDARD_SEGMENTS), used);
        assertEquals(11, used.size());
        assertEquals("Champions", map.segmentOf(5, 5, 5));
        assertEquals("Lost", map.segmentOf(1, 1, 1));
        assertEquals("Can't Lose Them", map.segmentOf(1, 5, 4));
        assertEquals("Recent Customers", map.segmentOf(5, 1, 1));
    }

    @Test
    void userMapsFirstMatchWinsAndDefault() {
        SegmentMap map = SegmentMap.of(List.of(
                SegmentRule.box("Best", 5, 5, 5, 5, 1, 5),
                SegmentRule.box("Recent", 4, 5, 1, 5, 1, 5),
                SegmentRule.of("Big spenders", (r, f, m) -> m == 5)), "Rest", 5);
        assertEquals("Best", map.segmentOf(5, 5, 5));
        assertEquals("Recent", map.segmentOf(5, 4, 5));
        assertEquals("Big spenders", map.segmentOf(1, 1, 5));
        assertEquals("Rest", map.segmentOf(1, 1, 1));
        assertEquals(List.of("Best", "Recent", "Big spenders", "Rest"), map.segmentNames());
        assertThrows(IllegalArgumentException.class, () -> map.segmentOf(6, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SegmentRule.box("x", 3, 2, 1, 1, 1, 1));
    }

    @Test
    void segmentationAndSummary() {
        double[] r = {1, 2, 300, 400, 5, 6, 350, 8, 9, 200};
        double[] f = {10, 9, 1, 1, 8, 2, 1, 3, 7, 2};
        double[] m = {500, 450, 10, 20, 300, 50, 15, 80, 250, 40};
        RfmTable t = RfmTable.of(r, f, m);
        RfmScores s = RfmScoring.defaults().score(t);
        Segmentation seg = SegmentMap.standard().segment(s);
        for (int i = 0; i < t.size(); i++) {
            assertEquals(SegmentMap.standard().segmentOf(s.recency(i), s.frequency(i), s.monetary(i)), seg.segment(i));
        }
        assertEquals("Champions", seg.segment(0));
        assertEquals("Lost", seg.segment(3));
        List<SegmentSummary> sum = seg.summary(t);
        double share = 0;
        double revenue = 0;
        long customers = 0;
        for (SegmentSummary x : sum) {
            share += x.share();
            revenue += x.revenueShare();
            customers += x.customers();
        }
        assertEquals(1, share, 1e-12);
        assertEquals(1, revenue, 1e-12);
        assertEquals(10, customers);
        SegmentSummary champions = sum.get(0);
        assertEquals("Champions", champions.segment());
        assertEquals(2, champions.customers());
        assertEquals(1.5, champions.meanRecencyDays(), 1e-12);
        assertEquals(950.0 / 1715, champions.revenueShare(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> SegmentMap.standard().segment(RfmScoring.defaults().withBins(4).score(t)));
    }
}
