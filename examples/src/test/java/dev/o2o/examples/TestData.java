package dev.o2o.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the shared reference data by walking up from the working directory. */
public final class TestData {
    private TestData() {
    }

    /** {@code shared/data/<relative>} if it exists above the working directory. */
    public static Optional<Path> find(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
