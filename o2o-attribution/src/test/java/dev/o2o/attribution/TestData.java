package dev.o2o.attribution;

import dev.o2o.attribution.journey.JourneySet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Test helpers: building small journey sets and locating the shared reference data. */
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

    /** The shared data directory, found by walking up from the working directory. */
    public static Optional<Path> sharedData(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/data").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
