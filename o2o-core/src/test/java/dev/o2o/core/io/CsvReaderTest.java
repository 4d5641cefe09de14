package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public CSV reader: header lookup, line numbers, one bad record costing one record. */
class CsvReaderTest {

    @Test
    void readsRowsWithLinesAndHeaderIndexes() {
        String csv = "\uFEFF path ;conversions;value\n"
                + "a > b;1;2.5\n"
                + "\n"
                + "\"c;\n d\";0;\n"
                + "x;1\n"
                + "e;2;3\n";
        try (CsvReader r = CsvReader.open(new StringReader(csv), "paths.csv", CsvFormat.defaults().withDelimiter(';'))) {
            assertEquals(List.of("path", "conversions", "value"), r.header());
            assertEquals(OptionalInt.of(2), r.column(" value"));
            assertEquals(OptionalInt.empty(), r.column("missing"));
            assertEquals(new CsvReader.Row(2, List.of("a > b", "1", "2.5"), Optional.empty()), r.next().orElseThrow());
            CsvReader.Row multi = r.next().orElseThrow();
            assertEquals(4, multi.line());
            assertEquals("c;\n d", multi.field(0));
            assertEquals(new CsvReader.Row(6, List.of("x", "1"), Optional.of("has 2 fields, the header has 3")),
                    r.next().orElseThrow());
            assertEquals(7, r.next().orElseThrow().line());
            assertEquals(Optional.empty(), r.next());
        }
    }

    @Test
    void headerProblemsThrow() {
        assertEquals("p.csv:1: header: duplicate column 'a'", assertThrows(IngestException.class,
                () -> CsvReader.open(new StringReader("a,b, a\n"), "p.csv", CsvFormat.defaults())).getMessage());
        assertEquals("p.csv:1: header: the input is empty; a header row is required", assertThrows(IngestException.class,
                () -> CsvReader.open(new StringReader(""), "p.csv", CsvFormat.defaults())).getMessage());
    }

    @Test
    void aNewlineInsideAnUnclosedQuoteAtTheEndCostsOneRecord() {
        try (CsvReader r = CsvReader.open(new StringReader("a,b\n1,\"2\n"), "p.csv", CsvFormat.defaults())) {
            assertEquals(Optional.of("unterminated quoted field"), r.next().orElseThrow().error());
        }
    }

    @Test
    void opensFilesDecodingThemItself(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.csv");
        byte[] good = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'3', ',', (byte) 0xFF, '\n', '5', ',', '6', '\n'};
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(f, all);
        try (CsvReader r = CsvReader.open(f, CsvFormat.defaults())) {
            assertEquals("p.csv", r.source());
            assertEquals(Optional.empty(), r.next().orElseThrow().error());
            assertEquals(Optional.of("invalid UTF-8 input at byte offset 10 (byte 0xFF)"), r.next().orElseThrow().error());
            assertEquals(List.of("5", "6"), r.next().orElseThrow().fields());
        }
    }

    // reading on after the end used to ask the flushed decoder to decode again (IllegalStateException)
    @Test
    void aFileWithoutAFinalLineBreakCanBeReadPastItsEnd(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "a,b\n1,2");
        try (CsvReader r = CsvReader.open(f, CsvFormat.defaults())) {
            assertEquals(List.of("1", "2"), r.next().orElseThrow().fields());
            assertEquals(Optional.empty(), r.next());
            assertEquals(Optional.empty(), r.next());
        }
        Path j = dir.resolve("t.ndjson");
        Files.writeString(j, "{\"customer\":\"c1\",\"channel\":\"app\",\"instant\":\"2024-05-01T10:00:00Z\",\"type\":\"CLICK\"}");
        try (RecordReader<dev.o2o.core.Touchpoint> r = Ingest.touchpoints(DataFormat.NDJSON, j,
                IngestOptions.defaults(IngestTest.CHANNELS))) {
            assertEquals("c1", r.next().customer().value());
            assertEquals(false, r.hasNext());
        }
    }
}
