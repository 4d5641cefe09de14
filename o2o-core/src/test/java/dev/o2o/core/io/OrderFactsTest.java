package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Ingest#orderFacts} reads what {@link Ingest#orders(DataFormat, Path, IngestOptions)}
 * reads: for every accepted order the same customer, instant, status, net total and currency,
 * and the same report (counts, errors, lines, messages), on a file of every kind of bad line
 * and on thousands of plain lines altered one field at a time (each alteration either stays
 * plain, read from bytes, or goes to the full reader).
 */
class OrderFactsTest {

    @TempDir
    Path dir;

    /** One accepted order as facts, the customer by key. */
    private record Fact(String customer, Instant instant, OrderStatus status, long netMinorUnits, Currency currency) {
    }

    private record Result(List<Fact> facts, IngestReport report) {
    }

    private static Result ofOrders(RecordReader<Order> reader) {
        try (reader) {
            List<Fact> facts = new ArrayList<>();
            reader.forEachRemaining(o -> facts.add(new Fact(o.customer().value(), o.instant(), o.status(),
                    o.netTotal().amount().unscaledValue().longValueExact(), o.currency())));
            return new Result(facts, reader.report());
        }
    }

    private static Result ofFacts(OrderFactsReader reader) {
        try (reader) {
            List<Fact> facts = new ArrayList<>();
            reader.forEachRemaining(f -> facts.add(new Fact(reader.customerKey(f.customer()), f.instant(), f.status(),
                    f.netMinorUnits(), f.currency())));
            return new Result(facts, reader.report());
        }
    }

    /** The read's result, or the error that stopped it under {@link ErrorPolicy#FAIL_FAST}. */
    private static Object outcome(java.util.function.Supplier<Result> read) {
        try {
            return read.get();
        } catch (IngestException e) {
            return e.error();
        }
    }

    private void assertSameAsOrders(Path file, IngestOptions options) {
        Object orders = outcome(() -> ofOrders(Ingest.orders(DataFormat.NDJSON, file, options)));
        for (int threads : new int[] {1, 2, 3}) {
            for (long block : new long[] {1, 97, 1000, 1 << 20}) {
                Object facts = outcome(() -> ofFacts(new ParallelOrderFacts(file, options, threads, block)));
                assertEquals(orders, facts, threads + " threads, blocks of " + block + " bytes");
            }
        }
    }

    @Test
    void readsWhatTheOrderReaderReadsOnEveryKindOfBadLine() throws IOException {
        Path file = ParallelNdjsonReaderTest.mixedFile(dir);
        assertSameAsOrders(file, IngestTest.COLLECT.withMaxErrorsKept(10_000));
    }

    private static final String PLAIN = "{\"id\":\"o1\",\"customer\":\"member_card:M1\",\"channel\":\"store\","
            + "\"store\":\"S012\",\"instant\":\"2026-03-12T13:01:21Z\",\"status\":\"COMPLETED\",\"refunded\":\"0.00\","
            + "\"currency\":\"CNY\",\"lines\":[{\"sku\":\"sku-210\",\"category\":\"electronics\",\"quantity\":1,"
            + "\"unit_price\":\"16.29\"},{\"sku\":\"sku-5\",\"category\":\"food\",\"quantity\":3,\"unit_price\":\"0.5\"}]}";

    /** Values put in place of the plain line's, each once: some stay plain, most must go to the full reader. */
    private static final String[][] ALTERATIONS = {
            {"\"o1\"", "\"o 1\"", "\" o1\"", "\"o1 \"", "\"\"", "\" \"", "1", "null", "\"o\\u0031\"", "\"\u00e9\"",
                    "\"" + "x".repeat(200) + "\"", "\"" + "x".repeat(201) + "\"", "\"o\u0007\"", "[]", "{}"},
            {"\"member_card:M1\"", "\"M2\"", "\" M2\"", "\"M\\\"2\"", "\"\u4e2d\"", "\"\"", "\"a\u0000b\"", "7"},
            {"\"store\"", "\"app\"", "\"direct\"", "\"nope\"", "\"Store\"", "\" store\"", "\"\""},
            {"\"S012\"", "\"\"", "\" \"", "\"S 1\"", "\" S1\"", "null", "12"},
            {"\"2026-03-12T13:01:21Z\"", "\"2026-02-30T13:01:21Z\"", "\"2024-02-29T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"",
                    "\"2026-03-12T24:00:00Z\"", "\"2026-03-12T23:59:60Z\"", "\"2026-03-12T13:01:21+08:00\"",
                    "\"2026-03-12T13:01:21.5Z\"", "\"2026-03-12 13:01:21\"", "\"2026-03-12T13:01Z\"", "\"0000-01-01T00:00:00Z\"",
                    "\"9999-12-31T23:59:59Z\"", "\"2026-3-12T13:01:21Z\"", "\"2026-03-12T13:01:21z\"", "\" 2026-03-12T13:01:21Z\""},
            {"\"COMPLETED\"", "\"completed\"", "\"CANCELLED\"", "\"REFUNDED\"", "\"PARTIALLY_REFUNDED\"",
                    "\"partially-refunded\"", "\"\"", "\"DONE\"", "null"},
            {"\"0.00\"", "\"0\"", "\"0.000\"", "\"-0.00\"", "\"17.79\"", "\"1.00\"", "\"17.790\"", "\"0.001\"", "\"1e2\"",
                    "0.00", "\"17.80\"", "\" 0.00\"", "\"+0\"", "\".5\"", "\"5.\""},
            {"\"CNY\"", "\"cny\"", "\" CNY\"", "\"JPY\"", "\"KWD\"", "\"USD\"", "\"XYZ\"", "\"CN\"", "\"XXX\""},
    };
    private static final String[] FIELDS = {"id", "customer", "channel", "store", "instant", "status", "refunded",
            "currency"};
    private static final String[][] LINE_ALTERATIONS = {
            {"\"sku-210\"", "\"\"", "\" s\"", "\"s\\n\"", "\"\u00fc\"", "\"" + "s".repeat(201) + "\""},
            {"\"electronics\"", "\"\"", "\"e \"", "3"},
            {"1", "0", "-1", "01", "1.0", "1e2", "\"1\"", "1000000", "1000001", "99999999999", "2", "null"},
            {"\"16.29\"", "\"16.2\"", "\"16\"", "\"16.291\"", "\"16.290\"", "\"999999999999.99\"", "\"1000000000000\"",
                    "\"499999999999.99\"", "\"-1.00\"", "16.29", "\"16,29\"", "\"0\"", "\"00016.29\""},
    };
    private static final String[] LINE_FIELDS = {"sku", "category", "quantity", "unit_price"};

    /** The plain line with the value of {@code field} (of the first order line if {@code inLine}) replaced. */
    private static String altered(String field, boolean inLine, String value) {
        String key = "\"" + field + "\":";
        int at = PLAIN.indexOf(key, inLine ? PLAIN.indexOf("\"lines\"") : 0) + key.length();
        int end = at;
        if (PLAIN.charAt(at) == '"') {
            end = PLAIN.indexOf('"', at + 1) + 1;
        } else {
            while (PLAIN.charAt(end) != ',' && PLAIN.charAt(end) != '}') {
                end++;
            }
        }
        return PLAIN.substring(0, at) + value + PLAIN.substring(end);
    }

    /** Every single alteration, plus a few of the whole line's shape. */
    private static List<String> alteredLines() {
        List<String> lines = new ArrayList<>();
        lines.add(PLAIN);
        for (int f = 0; f < FIELDS.length; f++) {
            for (String v : ALTERATIONS[f]) {
                lines.add(altered(FIELDS[f], false, v));
            }
        }
        for (int f = 0; f < LINE_FIELDS.length; f++) {
            for (String v : LINE_ALTERATIONS[f]) {
                lines.add(altered(LINE_FIELDS[f], true, v));
            }
        }
        lines.add(PLAIN.replace(",\"store\":\"S012\"", ""));
        lines.add(PLAIN.replace(",\"status\":\"COMPLETED\"", ""));
        lines.add(PLAIN.replace(",\"refunded\":\"0.00\"", ""));
        lines.add(PLAIN.replace("\"id\":\"o1\",", ""));
        lines.add(PLAIN.replace(",\"currency\":\"CNY\"", ""));
        lines.add(PLAIN.replace("{\"id\"", "{\"store\":\"S1\",\"id\""));
        lines.add(PLAIN.replace("{\"id\"", "{\"paid\":\"17.79\",\"id\""));
        lines.add(PLAIN.replace("{\"id\"", "{\"order_discount\":\"0.00\",\"id\""));
        lines.add(PLAIN.replace("{\"id\"", "{\"extra\":1,\"id\""));
        lines.add(PLAIN.replace("\"quantity\":1,", "\"quantity\":1,\"discount\":\"0.00\","));
        lines.add(PLAIN.replace("\"quantity\":1,", ""));
        lines.add(PLAIN.replace("\"quantity\":1,", "\"quantity\":1,\"quantity\":1,"));
        lines.add(PLAIN.replace(",{\"sku\":\"sku-5\",\"category\":\"food\",\"quantity\":3,\"unit_price\":\"0.5\"}", ""));
        lines.add(PLAIN.replaceAll("\"lines\":\\[.*]", "\"lines\":[]"));
        lines.add(PLAIN.replaceAll("\"lines\":\\[.*]", "\"lines\":{}"));
        lines.add(PLAIN.replaceAll("\"lines\":\\[.*]", "\"lines\":[1]"));
        lines.add(PLAIN.replace("{\"sku\"", "{\"sku\":\"a\",\"category\":\"b\",\"quantity\":1,\"unit_price\":\"1\"},{\"sku\""));
        String line = "{\"sku\":\"a\",\"category\":\"b\",\"quantity\":1,\"unit_price\":\"1\"}";
        lines.add(PLAIN.replaceAll("\"lines\":\\[.*]", "\"lines\":[" + String.join(",", java.util.Collections.nCopies(64, line)) + "]"));
        lines.add(PLAIN.replaceAll("\"lines\":\\[.*]", "\"lines\":[" + String.join(",", java.util.Collections.nCopies(65, line)) + "]"));
        lines.add(PLAIN.replace("\"quantity\":3,\"unit_price\":\"0.5\"", "\"quantity\":1000000,\"unit_price\":\"999999.99\""));
        lines.add(PLAIN.replace("\"quantity\":3,\"unit_price\":\"0.5\"", "\"quantity\":1000000,\"unit_price\":\"1000000\""));
        lines.add(PLAIN.replace("\"quantity\":3,\"unit_price\":\"0.5\"", "\"quantity\":1000000,\"unit_price\":\"999999.98\""));
        lines.add(PLAIN.replace("\"status\":\"COMPLETED\",\"refunded\":\"0.00\"", "\"status\":\"PARTIALLY_REFUNDED\",\"refunded\":\"1.00\""));
        lines.add(PLAIN.replace("\"status\":\"COMPLETED\",\"refunded\":\"0.00\"", "\"status\":\"REFUNDED\",\"refunded\":\"17.79\""));
        lines.add(PLAIN.replace("\"status\":\"COMPLETED\",\"refunded\":\"0.00\"", "\"status\":\"CANCELLED\",\"refunded\":\"0\""));
        lines.add(PLAIN + " ");
        lines.add(" " + PLAIN);
        lines.add(PLAIN + "x");
        lines.add(PLAIN.replace(",", ", "));
        lines.add(PLAIN.replace(":", " : "));
        lines.add(PLAIN.substring(0, PLAIN.length() - 1));
        lines.add("[" + PLAIN + "]");
        return lines;
    }

    @Test
    void alteredPlainLinesReadAsTheOrderReaderReadsThem() throws IOException {
        List<String> variants = alteredLines();
        // each variant once with a fresh id (so that ids do not repeat unless the variant is about the id) and once more
        Random random = new Random(19);
        StringBuilder text = new StringBuilder();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < variants.size(); i++) {
                String v = variants.get(i);
                if (random.nextInt(4) > 0) {
                    v = v.replace("\"id\":\"o1\"", "\"id\":\"o" + round + "-" + i + "\"");
                }
                text.append(v).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
            }
        }
        Path file = dir.resolve("altered.ndjson");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        IngestOptions options = IngestTest.COLLECT.withMaxErrorsKept(100_000);
        assertSameAsOrders(file, options);
        assertSameAsOrders(file, options.withCurrency(Currency.getInstance("JPY")));
        assertSameAsOrders(file, options.withPolicy(ErrorPolicy.FAIL_FAST).withCurrency(Currency.getInstance("CNY")));

        Result orders = ofOrders(Ingest.orders(DataFormat.NDJSON, file, options));
        assertTrue(orders.report().accepted() > 100 && orders.report().rejected() > 100, orders.report().toString());
    }

    @Test
    void failFastStopsAtTheSameFirstError() throws IOException {
        Path file = ParallelNdjsonReaderTest.mixedFile(dir);
        IngestOptions options = IngestOptions.defaults(IngestTest.CHANNELS);
        IngestException orders = assertThrows(IngestException.class,
                () -> ofOrders(Ingest.orders(DataFormat.NDJSON, file, options)));
        for (int threads : new int[] {1, 2}) {
            IngestException facts = assertThrows(IngestException.class,
                    () -> ofFacts(new ParallelOrderFacts(file, options, threads, 128)));
            assertEquals(orders.error(), facts.error());
        }
    }

    /** A plain line is one the full reader accepts with the same facts; these are read from bytes, the rest are not. */
    @Test
    void plainLinesAreReadFromBytesWithTheOrderReadersFacts() {
        PlainOrderLine plain = new PlainOrderLine(IngestTest.COLLECT);
        int plainCount = 0;
        for (String v : alteredLines()) {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            if (!plain.read(bytes, 0, bytes.length)) {
                continue;
            }
            plainCount++;
            Order o = Ingest.orders(DataFormat.NDJSON, new java.io.StringReader(v), "t", IngestTest.COLLECT).readAll().get(0);
            assertEquals(o.id(), new String(bytes, plain.idFrom, plain.idLength, StandardCharsets.UTF_8), v);
            assertEquals(o.customer().value(), new String(bytes, plain.customerFrom, plain.customerLength,
                    StandardCharsets.UTF_8), v);
            assertEquals(o.instant().getEpochSecond(), plain.epochSecond, v);
            assertEquals(o.status(), plain.status, v);
            assertEquals(o.netTotal().amount().unscaledValue().longValueExact(), plain.netMinorUnits, v);
            assertEquals(o.currency(), plain.currency, v);
        }
        assertTrue(plainCount >= 30, "plain variants: " + plainCount);
        byte[] bytes = PLAIN.getBytes(StandardCharsets.UTF_8);
        assertTrue(plain.read(bytes, 0, bytes.length));
        assertEquals(1629 + 150, plain.netMinorUnits);
        byte[] spaced = (PLAIN + " ").getBytes(StandardCharsets.UTF_8);
        assertFalse(plain.read(spaced, 0, spaced.length), "white space after the object goes to the full reader");
    }

    @Test
    void csvFactsNumberCustomersAsTheyFirstAppear() throws IOException {
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, "id,customer,channel,instant,currency,sku,category,quantity,unit_price\n"
                + "o1,c2,app,2024-05-01T10:00:00Z,CNY,a,b,2,1.50\n"
                + "o2,c1,app,2024-05-02T10:00:00Z,CNY,a,b,1,4.00\n"
                + "o3,c2,app,2024-05-03T10:00:00Z,CNY,a,b,1,x\n"
                + "o4,c2,app,2024-05-04T10:00:00Z,CNY,a,b,1,0.25\n");
        try (OrderFactsReader r = Ingest.orderFacts(DataFormat.CSV, file, IngestTest.COLLECT, 2)) {
            List<OrderFact> facts = r.readAll();
            assertEquals(List.of(
                    new OrderFact(0, Instant.parse("2024-05-01T10:00:00Z"), OrderStatus.COMPLETED, 300, Currency.getInstance("CNY")),
                    new OrderFact(1, Instant.parse("2024-05-02T10:00:00Z"), OrderStatus.COMPLETED, 400, Currency.getInstance("CNY")),
                    new OrderFact(0, Instant.parse("2024-05-04T10:00:00Z"), OrderStatus.COMPLETED, 25, Currency.getInstance("CNY"))),
                    facts);
            assertEquals(List.of("c2", "c1"), List.of(r.customerKey(0), r.customerKey(1)));
            assertEquals(2, r.customers());
            assertEquals(1, r.report().rejected());
            assertThrows(IndexOutOfBoundsException.class, () -> r.customerKey(2));
        }
        assertThrows(IllegalArgumentException.class, () -> Ingest.orderFacts(DataFormat.CSV, file, IngestTest.COLLECT, 0));
    }
}
