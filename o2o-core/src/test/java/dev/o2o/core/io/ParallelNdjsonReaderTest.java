package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Order;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file in blocks on several threads gives what one reader over the whole file gives:
 * the same orders in the same order, the same errors with the same lines (duplicates across
 * blocks, a byte order mark or a bad byte at a block's start, blank lines and CR LF line ends
 * included), the same counts.
 */
class ParallelNdjsonReaderTest {

    @TempDir
    Path dir;

    private static String order(String id, String customer, String price) {
        return "{\"id\":\"" + id + "\",\"customer\":\"" + customer + "\",\"channel\":\"app\","
                + "\"instant\":\"2024-05-01T10:00:00Z\",\"currency\":\"CNY\",\"lines\":[{\"sku\":\"a\","
                + "\"category\":\"b\",\"quantity\":1,\"unit_price\":\"" + price + "\"}]}";
    }

    /** A file of good and bad lines, mixed so that small blocks start at each kind of line. */
    private Path mixedFile() throws IOException {
        return mixedFile(dir);
    }

    /** {@link #mixedFile()} in {@code dir}; also read by {@code OrderFactsTest}. */
    static Path mixedFile(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        out.writeBytes(bom);
        for (int i = 0; i < 300; i++) {
            String line = switch (i % 11) {
                case 3 -> order("o" + (i - 3), "c" + i, "1.00"); // the id of 3 lines before: a duplicate
                case 4 -> order("o" + i, "c" + i, "1.2.3");
                case 5 -> "";
                case 6 -> "{\"id\":\"o" + i + "\"";
                default -> order("o" + i, "c" + (i % 17), (i % 90) + ".50");
            };
            if (i % 37 == 0 && i > 0) {
                out.writeBytes(bom); // a byte order mark on a later line: rejected, wherever a block starts
            }
            if (i % 53 == 0 && i > 0) {
                out.write(0xFF); // not UTF-8
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes((i % 7 == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(order("o-last", "c1", "3.00").getBytes(StandardCharsets.UTF_8)); // no line end
        Path file = dir.resolve("orders.ndjson");
        Files.write(file, out.toByteArray());
        return file;
    }

    private record Result(List<Order> orders, IngestReport report) {
    }

    private static Result readAll(RecordReader<Order> reader) {
        try (reader) {
            List<Order> orders = new ArrayList<>();
            reader.forEachRemaining(orders::add);
            return new Result(orders, reader.report());
        }
    }

    @Test
    void blocksOnSeveralThreadsReadWhatOneReaderReads() throws IOException {
        Path file = mixedFile();
        IngestOptions options = IngestTest.COLLECT.withMaxErrorsKept(10_000);
        Result single = readAll(Ingest.orders(DataFormat.NDJSON, file, options));
        assertTrue(single.report().rejected() > 50, "the file has bad lines of every kind: " + single.report());
        assertTrue(single.report().errors().stream().anyMatch(e -> e.reason().contains("was already read at line")));
        assertTrue(single.report().errors().stream().anyMatch(e -> e.reason().contains("byte order mark")));
        assertTrue(single.report().errors().stream().anyMatch(e -> e.reason().contains("byte offset")));
        for (int threads : new int[] {2, 3}) {
            for (long block : new long[] {1, 97, 256, 1000, 1 << 20}) {
                Result parallel = readAll(ParallelNdjsonReader.orders(file, options, threads, block));
                String where = threads + " threads, blocks of " + block + " bytes";
                assertEquals(single.orders(), parallel.orders(), where);
                assertEquals(single.report(), parallel.report(), where);
            }
        }
    }

    @Test
    void failFastStopsAtTheSameFirstError() throws IOException {
        Path file = mixedFile();
        IngestOptions options = IngestOptions.defaults(IngestTest.CHANNELS);
        IngestException single = assertThrows(IngestException.class,
                () -> readAll(Ingest.orders(DataFormat.NDJSON, file, options)));
        IngestException parallel = assertThrows(IngestException.class,
                () -> readAll(ParallelNdjsonReader.orders(file, options, 2, 128)));
        assertEquals(single.error(), parallel.error());
    }

    @Test
    void threadsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Ingest.orders(DataFormat.NDJSON, dir.resolve("x.ndjson"), IngestTest.COLLECT, 0));
    }
}
