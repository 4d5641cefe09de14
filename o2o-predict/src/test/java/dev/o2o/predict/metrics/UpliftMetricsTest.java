package dev.o2o.predict.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.o2o.predict.Hillstrom;
import dev.o2o.predict.TestData;
import dev.o2o.predict.data.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpliftMetricsTest {

    @Test
    void smallCurvesByHand() {
        // sorted by score: (t1,y1) (c0,y0) tie{(t1,y0),(c0,y1)}
        double[] y = {1, 0, 0, 1};
        double[] s = {0.9, 0.5, 0.1, 0.1};
        int[] t = {1, 0, 1, 0};
        UpliftMetrics.Curve q = UpliftMetrics.qiniCurve(y, s, t);
        assertArrayEquals(new double[] {0, 1, 2, 4}, q.x());
        // n=1: Yt 1 - 0 ; n=2: 1 - 0*1/1 ; n=4: 1 - 1*2/2 = 0
        assertArrayEquals(new double[] {0, 1, 1, 0}, q.y(), 1e-15);
        UpliftMetrics.Curve u = UpliftMetrics.upliftCurve(y, s, t);
        // n=1: (1/1 - 0)*1 ; n=2: (1 - 0/1)*2 ; n=4: (1/2 - 1/2)*4
        assertArrayEquals(new double[] {0, 1, 2, 0}, u.y(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> UpliftMetrics.qiniCurve(y, s, new int[] {1, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> UpliftMetrics.upliftAtK(y, s, t, 1.0));
    }

    @Test
    void hillstromScoresEqualTheScikitUpliftTranscription() {
        Frame f = Hillstrom.frame();
        JsonNode ref = TestData.reference("hillstrom_reference.json");
        String[] segment = f.categorical("segment");
        double[] visit = f.numeric("visit");
        double[] history = f.numeric("history");
        double[] recency = f.numeric("recency");
        JsonNode random = ref.get("randomScores");
        for (String arm : List.of("Mens E-Mail", "Womens E-Mail")) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < segment.length; i++) {
                if (segment[i].equals(arm) || segment[i].equals("No E-Mail")) {
                    rows.add(i);
                }
            }
            int n = rows.size();
            double[] y = new double[n];
            int[] t = new int[n];
            double[] h = new double[n];
            double[] r = new double[n];
            double[] rnd = new double[n];
            for (int k = 0; k < n; k++) {
                int i = rows.get(k);
                y[k] = visit[i];
                t[k] = segment[i].equals(arm) ? 1 : 0;
                h[k] = history[i];
                r[k] = -recency[i];
                rnd[k] = random.get(i).asDouble();
            }
            check(ref.at("/uplift/" + arm.replace("/", "~1") + "/history"), y, h, t);
            check(ref.at("/uplift/" + arm + "/negRecency"), y, r, t);
            check(ref.at("/uplift/" + arm + "/random"), y, rnd, t);
        }
    }

    private static void check(JsonNode ref, double[] y, double[] s, int[] t) {
        assertEquals(ref.get("qini").asDouble(), UpliftMetrics.qiniAucScore(y, s, t), 1e-12);
        assertEquals(ref.get("auuc").asDouble(), UpliftMetrics.upliftAucScore(y, s, t), 1e-12);
        assertEquals(ref.get("upliftAt0.1").asDouble(), UpliftMetrics.upliftAtK(y, s, t, 0.1), 1e-12);
        assertEquals(ref.get("upliftAt0.3").asDouble(), UpliftMetrics.upliftAtK(y, s, t, 0.3), 1e-12);
    }
    /**
     * With every outcome 0 the perfect curve is the random line, so the normalised areas are 0/0:
     * they were returned as NaN; now refused by name.
     */
    @Test
    void normalisedAreasAreRefusedWhenThePerfectCurveIsTheRandomLine() {
        double[] y = {0, 0, 0, 0};
        double[] s = {0.9, 0.5, 0.1, 0.3};
        int[] t = {1, 0, 1, 0};
        IllegalArgumentException qini = assertThrows(IllegalArgumentException.class,
                () -> UpliftMetrics.qiniAucScore(y, s, t));
        assertEquals("qiniAucScore is undefined: the perfect curve's area equals the random line's (0.0),"
                + " as when every outcome is 0", qini.getMessage());
        IllegalArgumentException auuc = assertThrows(IllegalArgumentException.class,
                () -> UpliftMetrics.upliftAucScore(y, s, t));
        assertEquals("upliftAucScore is undefined: the perfect curve's area equals the random line's (0.0),"
                + " as when every outcome is 0", auuc.getMessage());
    }
}
