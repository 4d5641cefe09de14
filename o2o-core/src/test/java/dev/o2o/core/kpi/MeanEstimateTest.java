package dev.o2o.core.kpi;

import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeanEstimateTest {

    /** Cases and intervals written by src/test/resources/kpi/mean-t-interval-scipy.py (scipy 1.10.1). */
    @Test
    void equalsScipyStudentTIntervals() throws IOException {
        InputStream in = MeanEstimateTest.class.getResourceAsStream("/kpi/mean-t-interval-scipy.csv");
        assertNotNull(in, "missing test resource kpi/mean-t-interval-scipy.csv");
        int cases = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.startsWith("case,")) {
                    continue;
                }
                String[] f = line.split(",");
                double[] values = Arrays.stream(f[7].split(";")).mapToDouble(Double::parseDouble).toArray();
                MeanEstimate e = Kpis.mean(values, Double.parseDouble(f[1]));
                String c = f[0];
                assertEquals(Long.parseLong(f[2]), e.count(), c);
                assertEquals(Double.parseDouble(f[3]), e.mean(), 1e-12 * Math.abs(e.mean()) + 1e-13, c);
                assertEquals(Double.parseDouble(f[4]), e.standardDeviation(), 1e-12 * e.standardDeviation(), c);
                // commons-math3's t quantile is accurate to about 1e-9 relative
                double half = (Double.parseDouble(f[6]) - Double.parseDouble(f[5])) / 2;
                assertEquals(Double.parseDouble(f[5]), e.lower(), 1e-8 * half, c);
                assertEquals(Double.parseDouble(f[6]), e.upper(), 1e-8 * half, c);
                cases++;
            }
        }
        assertEquals(6, cases);
    }

    @Test
    void mergedHalvesEqualTheWhole() {
        SplittableRandom r = new SplittableRandom(5);
        MeanEstimate.Accumulator all = new MeanEstimate.Accumulator();
        MeanEstimate.Accumulator a = new MeanEstimate.Accumulator();
        MeanEstimate.Accumulator b = new MeanEstimate.Accumulator();
        for (int i = 0; i < 10_001; i++) {
            double v = Math.exp(3 + r.nextGaussian());
            all.add(v);
            (i % 3 == 0 ? a : b).add(v);
        }
        MeanEstimate whole = all.estimate();
        MeanEstimate merged = a.merge(b).estimate();
        assertEquals(whole.count(), merged.count());
        assertEquals(whole.mean(), merged.mean(), 1e-12 * whole.mean());
        assertEquals(whole.standardDeviation(), merged.standardDeviation(), 1e-12 * whole.standardDeviation());
        assertEquals(whole.lower(), merged.lower(), 1e-9);
        assertEquals(whole.upper(), merged.upper(), 1e-9);
        assertEquals(whole.count(), new MeanEstimate.Accumulator().merge(all).estimate().count());
    }

    @Test
    void averageOrderValueWithItsInterval() {
        List<Order> orders = new ArrayList<>(List.of(
                KpisTest.order("o1", "a", "2026-01-01T00:00:00Z", "12.50", OrderStatus.COMPLETED, "0"),
                KpisTest.order("o2", "b", "2026-01-02T00:00:00Z", "30.00", OrderStatus.COMPLETED, "0"),
                KpisTest.order("o3", "c", "2026-01-03T00:00:00Z", "18.75", OrderStatus.COMPLETED, "0"),
                KpisTest.order("o4", "d", "2026-01-04T00:00:00Z", "50.00", OrderStatus.PARTIALLY_REFUNDED, "8.00"),
                KpisTest.order("o5", "e", "2026-01-05T00:00:00Z", "9.90", OrderStatus.COMPLETED, "0"),
                KpisTest.order("o6", "e", "2026-01-06T00:00:00Z", "99.00", OrderStatus.CANCELLED, "0")));
        MoneyEstimate aov = Kpis.averageOrderValueWithInterval(orders).orElseThrow();
        // the "hand" case of the scipy file: 12.5, 30, 18.75, 42 (net), 9.9 -> 22.63, [6.096298.., 39.163701..]
        assertEquals(Money.of("22.63", "CNY"), aov.value());
        assertEquals(Money.of("6.09", "CNY"), aov.lower());
        assertEquals(Money.of("39.17", "CNY"), aov.upper());
        assertEquals(5, aov.estimate().count());
        assertEquals(Kpis.averageOrderValue(orders).orElseThrow(), aov.value());
        assertTrue(Kpis.averageOrderValueWithInterval(orders.subList(0, 1)).isEmpty(), "one purchase, no interval");
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Kpis.mean());
        assertThrows(IllegalArgumentException.class, () -> Kpis.mean(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Kpis.mean(new double[] {1, 2}, 1.0));
        MeanEstimate one = Kpis.mean(4);
        assertEquals(Double.NEGATIVE_INFINITY, one.lower());
        assertTrue(Double.isNaN(one.standardDeviation()));
        MeanEstimate same = Kpis.mean(5, 5, 5);
        assertEquals(5, same.lower());
        assertEquals(5, same.upper());
    }
}
