package dev.o2o.predict;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared reference data (skipping the test when absent) and reads committed reference outputs. */
public final class TestData {
    private TestData() {
    }

    /** {@code shared/data/<relative>} above the working directory; skips the calling test when absent. */
    public static Path shared(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        assumeTrue(false, "shared/data/" + relative + " absent, skipping");
        throw new AssertionError();
    }

    /** A committed JSON resource under dev/o2o/predict/reference. */
    public static JsonNode reference(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/dev/o2o/predict/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
