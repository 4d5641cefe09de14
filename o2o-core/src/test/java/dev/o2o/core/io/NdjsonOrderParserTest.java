package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Order;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed NDJSON order reader says what the tree-based one said, field by field and in the same order. */
class NdjsonOrderParserTest {

    private static final String HEAD = "\"id\":\"o1\",\"customer\":\"c1\",\"channel\":\"app\","
            + "\"instant\":\"2024-05-01T10:00:00Z\",\"currency\":\"CNY\"";
    private static final String LINE = "{\"sku\":\"a\",\"category\":\"b\",\"quantity\":1,\"unit_price\":\"2.50\"}";

    private static List<Order> read(String text, List<RecordError> errors) {
        RecordReader<Order> r = Ingest.orders(DataFormat.NDJSON, new StringReader(text), "in", IngestTest.COLLECT);
        List<Order> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        errors.addAll(r.report().errors());
        return out;
    }

    private static String error(String line) {
        List<RecordError> errors = new ArrayList<>();
        assertEquals(List.of(), read(line + "\n", errors));
        return errors.get(0).toString();
    }

    @Test
    void readsEveryFieldOfAnOrder() {
        List<RecordError> errors = new ArrayList<>();
        List<Order> orders = read("{" + HEAD + ",\"store\":\"s1\",\"status\":\"partially-refunded\",\"refunded\":1,"
                + "\"lines\":[" + LINE + ",{\"sku\":\"c\",\"category\":\"d\",\"quantity\":2,\"unit_price\":1.5e1}]}\n",
                errors);
        assertEquals(List.of(), errors);
        Order o = orders.get(0);
        assertEquals("o1", o.id());
        assertEquals("c1", o.customer().value());
        assertEquals("s1", o.storeId().orElseThrow());
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), o.instant());
        assertEquals("32.50", o.total().amount().toPlainString());
        assertEquals("1.00", o.refunded().amount().toPlainString());
        assertEquals("15.00", o.lines().get(1).unitPrice().amount().toPlainString());
    }

    @Test
    void nullsAndBlanksAreAbsent() {
        List<RecordError> errors = new ArrayList<>();
        List<Order> orders = read("{" + HEAD + ",\"store\":null,\"status\":\" \",\"lines\":[" + LINE + "]}\n", errors);
        assertEquals(List.of(), errors);
        assertTrue(orders.get(0).storeId().isEmpty());
        assertEquals("in:1: customer: is missing", error("{" + HEAD.replace("\"c1\"", "null") + ",\"lines\":[" + LINE + "]}"));
    }

    @Test
    void errorsComeInTheOrderOfTheTreeReader() {
        // an unknown top-level field before lines' problems, though it comes after them in the text
        assertEquals("in:1: colour: unknown field",
                error("{" + HEAD + ",\"lines\":[1],\"colour\":\"red\",\"size\":2}"));
        assertEquals("in:1: lines: is missing", error("{" + HEAD + "}"));
        assertEquals("in:1: lines: must be an array", error("{" + HEAD + ",\"lines\":null}"));
        assertEquals("in:1: lines: must be an array", error("{" + HEAD + ",\"lines\":{\"sku\":\"a\"}}"));
        assertEquals("in:1: lines[1]: must be an object", error("{" + HEAD + ",\"lines\":[" + LINE + ",[1],{\"x\":1}]}"));
        assertEquals("in:1: lines[1].colour: unknown field",
                error("{" + HEAD + ",\"lines\":[" + LINE + ",{\"colour\":1},2]}"));
        // values are checked after the shape, in the mapper's order
        assertEquals("in:1: customer: must be a string or number",
                error("{" + HEAD.replace("\"c1\"", "{\"a\":1}") + ",\"lines\":[" + LINE + "]}"));
        assertEquals("in:1: lines[0].sku: must be a string or number",
                error("{" + HEAD + ",\"lines\":[" + LINE.replace("\"a\"", "[\"a\"]") + "]}"));
        assertEquals("in:1: lines[0].quantity: must be at least 1, was 0",
                error("{" + HEAD + ",\"lines\":[" + LINE.replace(":1,", ":-0,") + "]}"));
        assertEquals("in:1: record: is not a JSON object", error("\"o1\""));
    }

    @Test
    void repeatedKeysAreRefusedInOurWords() {
        assertStartsWith("in:1: record: malformed JSON: field 'lines' appears twice at column ",
                error("{" + HEAD + ",\"lines\":[" + LINE + "],\"lines\":[]}"));
        assertStartsWith("in:1: record: malformed JSON: field 'colour' appears twice at column ",
                error("{" + HEAD + ",\"colour\":1,\"colour\":[2],\"lines\":[" + LINE + "]}"));
        assertStartsWith("in:1: record: malformed JSON: field 'sku' appears twice at column ",
                error("{" + HEAD + ",\"lines\":[" + LINE.replace("{", "{\"sku\":null,") + "]}"));
        // the same key in two objects is no repeat
        List<RecordError> errors = new ArrayList<>();
        assertEquals(1, read("{" + HEAD + ",\"lines\":[" + LINE + "," + LINE + "]}\n", errors).size());
    }

    @Test
    void textAfterTheObjectRejectsTheRecordInsteadOfBeingDropped() {
        List<RecordError> errors = new ArrayList<>();
        String one = "{" + HEAD + ",\"lines\":[" + LINE + "]}";
        List<Order> orders = read(one + " " + one.replace("o1", "o2") + "\n" + one.replace("o1", "o3") + "\n", errors);
        assertEquals(List.of("o3"), orders.stream().map(Order::id).toList());
        assertEquals("in:1: record: has more after its JSON value (one object per line)", errors.get(0).toString());
    }

    @Test
    void instantsInTheCommonUtcFormMatchTheGeneralParser() {
        for (String s : List.of("2024-05-01T10:00:00Z", "0000-01-01T00:00:00Z", "2024-02-29T23:59:59Z")) {
            assertEquals(Instant.parse(s), Mapper.utcSeconds(s), s);
        }
        // impossible dates and times, and other forms, are left to the general parser
        for (String s : List.of("2023-02-29T10:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:00:60Z",
                "2024-05-01T10:00Z", "2024-05-01T10:00:00+00:00", "2024-05-01 10:00:00Z", "2024-0a-01T10:00:00Z",
                "+2024-05-01T10:00:0Z")) {
            assertEquals(null, Mapper.utcSeconds(s), s);
        }
        assertEquals("in:1: instant: is not an ISO-8601 date-time: '2023-02-29T10:00:00Z'",
                error("{" + HEAD.replace("2024-05-01", "2023-02-29") + ",\"lines\":[" + LINE + "]}"));
    }

    private static void assertStartsWith(String prefix, String actual) {
        assertTrue(actual.startsWith(prefix), () -> "expected " + prefix + "..., got " + actual);
    }
}
