package dev.o2o.core.io;

import dev.o2o.core.internal.Messages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 23: error messages are ours. Jackson's parser messages ("Unexpected character ('x' (code 120)): was
 * expecting double-quote to start field name") and the JDK's ("Input length = 1") used to pass through.
 */
class OwnWordingTest {

    private static final List<String> FOREIGN = List.of("Unexpected character", "was expecting", "code 1", "Source:",
            "REDACTED", "Input length", "Exception", "For input string", "could not be parsed", "Duplicate field",
            "end-of-input", "JsonToken");

    private static String onlyReason(String ndjson) {
        RecordReader<?> r = Ingest.touchpoints(DataFormat.NDJSON, new StringReader(ndjson), "in", IngestTest.COLLECT);
        while (r.hasNext()) {
            r.next();
        }
        assertEquals(1, r.report().errors().size(), r.report().errors().toString());
        return r.report().errors().get(0).reason();
    }

    private static void assertOurs(String message) {
        for (String f : FOREIGN) {
            assertFalse(message.contains(f), () -> "'" + f + "' in: " + message);
        }
    }

    @Test
    void malformedJsonIsDescribedInOurWordsWithItsPosition() {
        String bad = onlyReason("{customer:\"c1\"}\n");
        assertEquals("malformed JSON: is not well-formed JSON at column 2", bad);
        String twice = onlyReason("{\"customer\":\"c1\",\"customer\":\"c2\"}\n");
        assertEquals("malformed JSON: field 'customer' appears twice at column 28", twice);
        String cut = onlyReason("{\"customer\":\"c1\"\n");
        assertOurs(cut);
        assertOurs(onlyReason("{\"customer\":tru}\n"));
        assertOurs(onlyReason("{\"a\":1}}\n"));
    }

    @Test
    void fileProblemsInOurWords() throws IOException {
        assertEquals("no such file", Messages.io(new NoSuchFileException("/x/y")));
        assertEquals("permission denied", Messages.io(new AccessDeniedException("/x/y")));
        assertEquals("not valid text in the expected encoding", Messages.io(new MalformedInputException(1)));
        assertEquals("Read-only file system", Messages.io(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("input/output error", Messages.io(new IOException("Broken pipe (Write failed) sun.nio.ch")));
        Path notUtf8 = Files.createTempFile("o2o", ".ndjson");
        try {
            Files.write(notUtf8, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '\n'});
            IngestException e = assertThrows(IngestException.class, () -> {
                try (var reader = Files.newBufferedReader(notUtf8)) {
                    RecordReader<?> r = Ingest.touchpoints(DataFormat.NDJSON, reader, "in", IngestTest.COLLECT);
                    while (r.hasNext()) {
                        r.next();
                    }
                }
            });
            assertOurs(e.getMessage());
        } finally {
            Files.delete(notUtf8);
        }
    }
}
