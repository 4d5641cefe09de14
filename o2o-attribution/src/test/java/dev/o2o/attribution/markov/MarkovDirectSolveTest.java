package dev.o2o.attribution.markov;

import dev.o2o.attribution.TestData;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.journey.PathCsvReader;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.test.ReferenceData;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks the iterative solver against a dense LU solve of (I - Q) x = b built from the published matrix. */
class MarkovDirectSolveTest {

    /** Conversion probability from start with the states containing {@code removed} (may be null) sent to null. */
    static double direct(TransitionMatrix m, String removed) {
        List<String> transient_ = new ArrayList<>();
        for (String s : m.states()) {
            if (!s.equals(TransitionMatrix.CONVERSION) && !s.equals(TransitionMatrix.NULL)) {
                transient_.add(s);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < transient_.size(); i++) {
            index.put(transient_.get(i), i);
        }
        int n = transient_.size();
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        RealVector b = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            a.setEntry(i, i, 1);
        }
        for (Transition t : m.transitions()) {
            int from = index.get(t.from());
            if (removed != null && Arrays.asList(t.from().split(" > ")).contains(removed)) {
                continue; // row stays identity with b = 0: x = 0
            }
            if (t.to().equals(TransitionMatrix.CONVERSION)) {
                b.setEntry(from, b.getEntry(from) + t.probability());
            } else if (!t.to().equals(TransitionMatrix.NULL)) {
                int to = index.get(t.to());
                a.addToEntry(from, to, -t.probability());
            }
        }
        RealVector x = new LUDecomposition(a).getSolver().solve(b);
        return x.getEntry(index.get(TransitionMatrix.START));
    }

    private static void check(JourneySet set, MarkovOptions options) {
        MarkovChain chain = MarkovChain.fit(set, options);
        TransitionMatrix m = chain.transitionMatrix();
        double base = direct(m, null);
        assertEquals(base, chain.conversionProbability(), 1e-12);
        for (int c = 0; c < set.channelCount(); c++) {
            String id = set.channelId(c);
            double expected = 1 - direct(m, id) / base;
            assertEquals(expected, chain.removalEffect(id), 1e-10, id + " " + options);
        }
    }

    @Test
    void randomChainsWithCyclesAndRepeats() {
        Random r = new Random(12);
        for (int g = 0; g < 6; g++) {
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int len = 1 + r.nextInt(6);
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < len; j++) {
                    sb.append(j > 0 ? " > " : "").append((char) ('a' + r.nextInt(5)));
                }
                rows.add(sb.toString());
                rows.add(r.nextInt(3));
                rows.add(r.nextInt(5));
            }
            JourneySet set = TestData.paths(rows.toArray());
            for (int order = 1; order <= 3; order++) {
                check(set, new MarkovOptions(order, g % 2 == 0, true));
                check(set, new MarkovOptions(order, g % 2 == 1, false));
            }
        }
    }

    @Test
    void pathDataOrderOne() {
        Path file = ReferenceData.fileOrSkip("attribution/PathData.csv");
        JourneySet set = PathCsvReader.defaults().read(file, new ChannelRegistry());
        check(set, MarkovOptions.defaults());
        check(set, MarkovOptions.defaults().withMergeRepeats(true));
        check(set, MarkovOptions.defaults().withOrder(2));
    }
}
