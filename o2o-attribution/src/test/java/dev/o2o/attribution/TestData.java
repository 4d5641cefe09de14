package dev.o2o.attribution;

import dev.o2o.attribution.journey.JourneySet;

import java.util.Arrays;

/** Test helpers: building small journey sets. */
public final class TestData {
    private TestData() {
    }

    /** Rows of {path, conversions, nulls} with value = 10 * conversions. */
    public static JourneySet paths(Object... rows) {
        JourneySet.Builder b = JourneySet.builder();
        for (int i = 0; i < rows.length; i += 3) {
            String path = (String) rows[i];
            double conv = ((Number) rows[i + 1]).doubleValue();
            double nul = ((Number) rows[i + 2]).doubleValue();
            b.add(Arrays.asList(path.split("\\s*>\\s*")), conv, 10 * conv, nul);
        }
        return b.build();
    }
}
