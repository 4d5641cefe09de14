package dev.o2o.core.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared reference data ({@code shared/data}, beside the project and never copied into it),
 * found by walking up from the working directory, for every module's tests through o2o-core's
 * test-jar. Tests that need a file skip with a message when it is absent. Thread-safe (stateless).
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** {@code shared/data/<relative>} in the working directory or the nearest parent that has it. */
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

    /** {@code shared/data/<relative>} (see {@link #find}); skips the calling test when it is absent. */
    public static Path fileOrSkip(String relative) {
        Optional<Path> file = find(relative);
        Assumptions.assumeTrue(file.isPresent(), "shared/data/" + relative + " absent, skipping");
        return file.get();
    }
}
