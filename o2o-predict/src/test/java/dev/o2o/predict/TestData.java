package dev.o2o.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads committed reference outputs. */
public final class TestData {
    private TestData() {
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
