package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile inputs of issue 14 (items 1, 4, 5 and 10), each a regression test. */
class HostileInputTest {

    static final IngestOptions FAIL_FAST = IngestOptions.defaults(IngestTest.CHANNELS);
    static final IngestOptions COLLECT = IngestTest.COLLECT;
    static final String ORDER_HEAD = IngestTest.ORDER_HEAD;

    static String csvOrder(String id, String quantity, String unitPrice) {
        return id + ",c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food," + quantity + "," + unitPrice + "\n";
    }

    static String ndjsonOrder(String id, String quantity, String unitPrice) {
        return "{\"id\":\"" + id + "\",\"customer\":\"c1\",\"channel\":\"app\",\"instant\":\"2024-05-01T10:00:00Z\","
                + "\"currency\":\"CNY\",\"lines\":[{\"sku\":\"a\",\"category\":\"b\",\"quantity\":" + quantity
                + ",\"unit_price\":" + unitPrice + "}]}\n";
    }

    private static <T> List<T> readAll(RecordReader<T> r) {
        List<T> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    private static RecordReader<Order> orders(DataFormat format, String text, IngestOptions options) {
        return Ingest.orders(format, new StringReader(text), "in", options);
    }

    // item 1: each of these used to end in OutOfMemoryError, a 40 MB number, a 100 MB message or
    // NegativeArraySizeException; now one record is rejected at once with a short message
    @Test
    void exponentAmountsAreRejectedBeforeAnyBigNumberIsBuilt() {
        String[] hostile = {"1e999999999", "1e100000000", "1e-100000000", "1E+2147483647", "1e30"};
        for (String amount : hostile) {
            for (DataFormat format : DataFormat.values()) {
                for (String written : new String[] {amount, "\"" + amount + "\""}) {
                    if (format == DataFormat.CSV && written.startsWith("\"")) {
                        continue;
                    }
                    String text = format == DataFormat.CSV
                            ? ORDER_HEAD + csvOrder("o1", "1", written) + csvOrder("o2", "1", "2.50")
                            : ndjsonOrder("o1", "1", written) + ndjsonOrder("o2", "1", "\"2.50\"");
                    RecordReader<Order> r = orders(format, text, COLLECT);
                    List<Order> read = readAll(r);
                    assertEquals(List.of("o2"), read.stream().map(Order::id).toList(), format + " " + written);
                    RecordError e = r.report().errors().get(0);
                    assertEquals("lines[0].unit_price", e.field());
                    assertTrue(e.reason().length() < 120, e.reason());
                    String expected = amount.equals("1e30") ? "is too large" : "has an exponent out of range";
                    assertTrue(e.reason().startsWith(expected), e.reason());
                    IngestException thrown = assertThrows(IngestException.class,
                            () -> readAll(orders(format, text, FAIL_FAST)), format + " " + written);
                    assertEquals(e, thrown.error());
                }
            }
        }
    }

    @Test
    void exponentReasonsNameTheCheckThatFailed() {
        assertEquals("in:2: lines[0].unit_price: has an exponent out of range: '1E+2147483647'",
                firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1", "1E+2147483647")).toString());
        assertEquals("in:2: lines[0].unit_price: is too large (the limit is below 10^12): '1e30'",
                firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1", "1e30")).toString());
        assertEquals("in:2: lines[0].unit_price: has more fraction digits than CNY allows: '1e-999'",
                firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1", "1e-999")).toString());
        // exponent notation within the limits is an exact amount, as Jackson writes large numbers
        RecordReader<Order> r = orders(DataFormat.NDJSON, ndjsonOrder("o1", "1", "1.2345E+3"), FAIL_FAST);
        assertEquals("1234.50", r.next().lines().get(0).unitPrice().amount().toPlainString());
    }

    @Test
    void longValuesAreQuotedCappedInMessages() {
        String digits = "9".repeat(5_000);
        RecordError e = firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1", digits));
        assertEquals("lines[0].unit_price", e.field());
        assertEquals("is longer than 64 characters: '" + "9".repeat(40) + "…' (5000 characters)", e.reason());
        RecordError q = firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "x".repeat(100_000), "1.00"));
        assertEquals("is not a whole number: '" + "x".repeat(40) + "…' (100000 characters)", q.reason());
    }

    private static RecordError firstError(DataFormat format, String text) {
        RecordReader<Order> r = orders(format, text, COLLECT);
        readAll(r);
        return r.report().errors().get(0);
    }

    // item 4: a stray quote used to swallow the 1,000 rows after it (1 accepted, 1 rejected, exit 0)
    @Test
    void aStrayOpeningQuoteRejectsTheInputNamingTheLineWhereItOpened() {
        StringBuilder csv = new StringBuilder(ORDER_HEAD).append(csvOrder("o1", "1", "1.00"))
                .append("o2,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,\"sku2,food,1,1.00\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(csvOrder("p" + i, "1", "1.00"));
        }
        for (IngestOptions options : List.of(COLLECT, FAIL_FAST)) {
            RecordReader<Order> r = orders(DataFormat.CSV, csv.toString(), options);
            List<String> ids = new ArrayList<>();
            IngestException e = assertThrows(IngestException.class, () -> r.forEachRemaining(o -> ids.add(o.id())));
            assertEquals(List.of("o1"), ids);
            assertEquals(3, e.error().line());
            assertTrue(e.getMessage().startsWith("in:3: record: unterminated quoted field;"
                    + " a quoted field opened on line 3 runs to line 1003"), e.getMessage());
            assertEquals(1, r.report().accepted());
            assertEquals(1, r.report().rejected());
        }
    }

    @Test
    void aStrayQuoteClosedByAnotherLinesLaterAlsoRejectsTheInput() {
        StringBuilder csv = new StringBuilder(IngestTest.TP_HEAD);
        csv.append("c1,app,2024-05-01T10:00:00Z,CLICK,\"spring,\n");
        for (int i = 0; i < 500; i++) {
            csv.append("c").append(i).append(",app,2024-05-01T10:00:00Z,CLICK,,\n");
        }
        csv.append("c9,app,2024-05-01T10:00:00Z,CLICK,x\",,\n");
        IngestException e = assertThrows(IngestException.class, () -> readAll(
                Ingest.touchpoints(DataFormat.CSV, new StringReader(csv.toString()), "in", COLLECT)));
        assertEquals(2, e.error().line());
    }

    @Test
    void aStrayQuoteInsideOneLineCostsThatRecordOnly() {
        StringBuilder csv = new StringBuilder(ORDER_HEAD).append(csvOrder("o1", "1", "1.00"))
                .append("o2,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku\"2,food,1,1.00\n")
                .append("o3,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,\"sku\"3,food,1,1.00\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(csvOrder("p" + i, "1", "1.00"));
        }
        RecordReader<Order> r = orders(DataFormat.CSV, csv.toString(), COLLECT);
        assertEquals(1001, readAll(r).size());
        assertEquals(2, r.report().rejected());
        assertEquals("in:3: record: quote inside an unquoted field", r.report().errors().get(0).toString());
        assertEquals("in:4: record: text after a closing quote", r.report().errors().get(1).toString());
    }

    // item 5: one bad byte used to end the read with an error "at line 1" and deliver nothing
    @Test
    void anInvalidUtf8ByteRejectsOnlyItsRecordWithLineAndByteOffset(@TempDir Path dir) throws Exception {
        for (DataFormat format : DataFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long badOffset = -1;
            String head = format == DataFormat.CSV ? IngestTest.TP_HEAD : "";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            int firstLine = format == DataFormat.CSV ? 2 : 1;
            for (int line = firstLine; line <= 50_010; line++) {
                String customer = "c" + line;
                String text = format == DataFormat.CSV
                        ? customer + ",app,2024-05-01T10:00:00Z,CLICK,,\n"
                        : "{\"customer\":\"" + customer + "\",\"channel\":\"app\",\"instant\":\"2024-05-01T10:00:00Z\","
                                + "\"type\":\"CLICK\"}\n";
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                if (line == 50_001) {
                    int at = text.indexOf(customer) + 1; // inside the customer id
                    badOffset = out.size() + at;
                    bytes[at] = (byte) 0xC3; // a lead byte followed by an ASCII digit: malformed
                }
                out.writeBytes(bytes);
            }
            Path file = dir.resolve("tp." + format.name().toLowerCase());
            Files.write(file, out.toByteArray());
            try (RecordReader<Touchpoint> r = Ingest.touchpoints(format, file, COLLECT)) {
                List<Touchpoint> read = readAll(r);
                int records = 50_010 - firstLine + 1;
                assertEquals(records - 1, read.size(), format.name());
                assertEquals("c50000", read.get(50_000 - firstLine).customer().value());
                assertEquals("c50002", read.get(50_001 - firstLine).customer().value());
                assertEquals(List.of(new RecordError(file.getFileName().toString(), 50_001, "record",
                        "invalid UTF-8 input at byte offset " + badOffset + " (byte 0xC3)")), r.report().errors());
            }
        }
    }

    // item 10: a duplicate key used to keep the last value silently
    @Test
    void aRepeatedJsonKeyRejectsTheRecord() {
        String text = "{\"id\":\"o1\",\"id\":\"o2\",\"customer\":\"c1\",\"channel\":\"app\",\"instant\":\"2024-05-01T10:00:00Z\","
                + "\"currency\":\"CNY\",\"lines\":[{\"sku\":\"a\",\"category\":\"b\",\"quantity\":1,\"unit_price\":\"1\"}]}\n"
                + ndjsonOrder("o3", "1", "1");
        RecordReader<Order> r = orders(DataFormat.NDJSON, text, COLLECT);
        assertEquals(List.of("o3"), readAll(r).stream().map(Order::id).toList());
        RecordError e = r.report().errors().get(0);
        assertEquals(1, e.line());
        assertTrue(e.reason().startsWith("malformed JSON: field 'id' appears twice at column"), e.reason());
        // nested objects too
        RecordError nested = firstError(DataFormat.NDJSON, ndjsonOrder("o1", "1, \"quantity\":2", "1"));
        assertTrue(nested.reason().startsWith("malformed JSON: field 'quantity' appears twice at column"), nested.reason());
    }

    // item 10: a byte order mark at the start of line 2 used to stay in the order id
    @Test
    void aByteOrderMarkAtTheStartOfALaterLineRejectsThatRecord() {
        RecordReader<Order> csv = orders(DataFormat.CSV, "\uFEFF" + ORDER_HEAD + "\uFEFF" + csvOrder("o1", "1", "1.00")
                + csvOrder("o2", "1", "1.00"), COLLECT);
        assertEquals(List.of("o2"), readAll(csv).stream().map(Order::id).toList());
        assertEquals("in:2: record: starts with a byte order mark (U+FEFF), which only the first line of an input"
                + " may have (were two files joined?)", csv.report().errors().get(0).toString());
        RecordReader<Order> json = orders(DataFormat.NDJSON, "\uFEFF" + ndjsonOrder("o1", "1", "1") + "\uFEFF"
                + ndjsonOrder("o2", "1", "1"), COLLECT);
        assertEquals(List.of("o1"), readAll(json).stream().map(Order::id).toList());
        assertEquals(2, json.report().errors().get(0).line());
    }

    // item 10: a trailing blank line used to count as a rejected record and fail FAIL_FAST
    @Test
    void blankLinesAreNotRecords() {
        for (String end : new String[] {"\n", "\r\n", "\n\n\n", "\r\n\r\n"}) {
            RecordReader<Order> r = orders(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1", "1.00") + end
                    + csvOrder("o2", "1", "1.00") + end, FAIL_FAST);
            assertEquals(2, readAll(r).size());
            assertTrue(r.report().isClean());
            RecordReader<Order> j = orders(DataFormat.NDJSON, ndjsonOrder("o1", "1", "1") + end, FAIL_FAST);
            assertEquals(1, readAll(j).size());
        }
    }

    // item 10: 1e30 used to pass ingestion and throw ArithmeticException later, naming no field
    @Test
    void quantitiesAndTotalsBeyondTheLimitsAreRejectedNamingTheField() {
        assertEquals("in:2: lines[0].quantity: must be at most 1000000, was 1000001",
                firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1000001", "1.00")).toString());
        assertEquals("in:2: lines[0].quantity: must be at most 1000000, was '99999999999'",
                firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "99999999999", "1.00")).toString());
        assertEquals("in:2: lines: the order's total 1000000000000.00 is not below 10^12",
                firstError(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1000", "1000000000.00")).toString());
        assertEquals("in:1: lines[0].unit_price: is too large (the limit is below 10^12): '1E+30'",
                firstError(DataFormat.NDJSON, ndjsonOrder("o1", "1", "1e30")).toString());
        // the largest amount passes
        RecordReader<Order> r = orders(DataFormat.CSV, ORDER_HEAD + csvOrder("o1", "1", "999999999999.99"), FAIL_FAST);
        assertEquals("999999999999.99", r.next().total().amount().toPlainString());
    }

    @Test
    void overlongRecordsCostOneRecord() {
        String huge = "x".repeat(CharInput.MAX_RECORD_CHARS + 10);
        RecordReader<Touchpoint> csv = Ingest.touchpoints(DataFormat.CSV, new StringReader(IngestTest.TP_HEAD
                + "c1,app,2024-05-01T10:00:00Z,CLICK,," + huge + "\nc2,app,2024-05-01T10:00:00Z,CLICK,,\n"), "in", COLLECT);
        assertEquals(1, readAll(csv).size());
        assertEquals("in:2: record: is longer than 1048576 characters", csv.report().errors().get(0).toString());
        RecordReader<Touchpoint> json = Ingest.touchpoints(DataFormat.NDJSON, new StringReader("{\"customer\":\"" + huge
                + "\"}\n{\"customer\":\"c2\",\"channel\":\"app\",\"instant\":\"2024-05-01T10:00:00Z\",\"type\":\"CLICK\"}\n"),
                "in", COLLECT);
        assertEquals(1, readAll(json).size());
        assertEquals("in:1: record: is longer than 1048576 characters", json.report().errors().get(0).toString());
    }
}
