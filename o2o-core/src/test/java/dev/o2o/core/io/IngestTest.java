package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {

    static final ChannelRegistry CHANNELS = ChannelRegistry.of(List.of(
            Channel.online("app"), Channel.offline("store"), new Channel("direct", "Direct", ChannelKind.ONLINE, true)));
    static final IngestOptions COLLECT = IngestOptions.defaults(CHANNELS).withPolicy(ErrorPolicy.COLLECT);

    private static <T> List<T> readAll(RecordReader<T> r) {
        List<T> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    private static RecordError onlyError(DataFormat format, String text, boolean orders) {
        return onlyError(format, text, orders, COLLECT);
    }

    private static RecordError onlyError(DataFormat format, String text, boolean orders, IngestOptions options) {
        RecordReader<?> r = orders
                ? Ingest.orders(format, new StringReader(text), "in", options)
                : Ingest.touchpoints(format, new StringReader(text), "in", options);
        List<?> values = readAll(r);
        IngestReport report = r.report();
        assertEquals(0, values.size(), () -> "values " + values);
        assertEquals(1, report.rejected());
        assertEquals(1, report.errors().size());
        return report.errors().get(0);
    }

    static final String TP_HEAD = "customer,channel,instant,type,campaign,store\n";

    @Test
    void touchpointRejectionReasonsNameLineFieldAndValue() {
        assertEquals("in:2: channel: unknown channel 'tv'",
                onlyError(DataFormat.CSV, TP_HEAD + "c1,tv,2024-05-01T10:00:00Z,CLICK,,\n", false).toString());
        assertEquals("in:2: instant: is not an ISO-8601 date-time: '2024-13-01'",
                onlyError(DataFormat.CSV, TP_HEAD + "c1,app,2024-13-01,CLICK,,\n", false).toString());
        assertEquals("in:2: instant: has no offset and no zone is configured: '2024-05-01T10:00:00'",
                onlyError(DataFormat.CSV, TP_HEAD + "c1,app,2024-05-01T10:00:00,CLICK,,\n", false).toString());
        assertEquals("in:2: type: unknown type 'LIKE'",
                onlyError(DataFormat.CSV, TP_HEAD + "c1,app,2024-05-01T10:00:00Z,LIKE,,\n", false).toString());
        assertEquals("in:2: customer: is missing",
                onlyError(DataFormat.CSV, TP_HEAD + ",app,2024-05-01T10:00:00Z,CLICK,,\n", false).toString());
        assertEquals("in:2: record: has 5 fields, the header has 6",
                onlyError(DataFormat.CSV, TP_HEAD + "c1,app,2024-05-01T10:00:00Z,CLICK,\n", false).toString());
        assertEquals("in:2: record: unterminated quoted field",
                onlyError(DataFormat.CSV, TP_HEAD + "c1,app,2024-05-01T10:00:00Z,CLICK,\"x,\n", false).toString());
        // our own wording with the position, not Jackson's (which names its internals and changes between versions)
        assertTrue(onlyError(DataFormat.NDJSON, "{\"customer\":\"c1\"\n", false).toString()
                .startsWith("in:1: record: malformed JSON: ends before the JSON value is complete"));
        assertEquals("in:1: colour: unknown field",
                onlyError(DataFormat.NDJSON, "{\"customer\":\"c1\",\"colour\":\"red\"}\n", false).toString());
        assertEquals("in:1: record: is not a JSON object",
                onlyError(DataFormat.NDJSON, "[1,2]\n", false).toString());
    }

    static final String ORDER_HEAD = "id,customer,channel,store,instant,status,refunded,currency,sku,category,quantity,unit_price\n";

    /**
     * A stray quote in one row of a three-row order (a POS export's {@code 12" pizza}) used to cut the
     * order there: it was accepted with its first row only (10.00 instead of 60.00), its bad row and its
     * third row ("already read") rejected apart. The order is rejected whole, naming the bad row.
     */
    @Test
    void aMalformedRowOfAnOrderRejectsTheWholeOrderNotItsTail() {
        String text = ORDER_HEAD
                + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,10.00\n"
                + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,12\" pizza,food,1,20.00\n"
                + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku3,food,1,30.00\n"
                + "o2,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,5.00\n";
        RecordReader<Order> r = Ingest.orders(DataFormat.CSV, new StringReader(text), "in", COLLECT);
        List<Order> orders = readAll(r);
        assertEquals(List.of("o2"), orders.stream().map(Order::id).toList());
        assertEquals("[in:2: record: quote inside an unquoted field (line 3 of order 'o1')]",
                r.report().errors().toString());
        assertEquals(1, r.report().rejected());
    }

    /** The order id in the second column, so that a row of one field is too short to name its order. */
    static final String ORDER_HEAD_ID_SECOND =
            "customer,id,channel,store,instant,status,refunded,currency,sku,category,quantity,unit_price\n";

    /**
     * A row too short to name its order, between two rows of order o1, used to cut o1 there: o1 was
     * accepted with its first row only (10.00 instead of 40.00), the short row rejected, and o1's last
     * row rejected as a repeat. Rows of an order are consecutive, so the short row is o1's: o1 is
     * rejected whole naming it, as for any other malformed row of an order.
     */
    @Test
    void aRowTooShortToNameItsOrderInsideAnOrderRejectsTheWholeOrder() {
        String text = ORDER_HEAD_ID_SECOND
                + "c1,o1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,10.00\n"
                + "c1\n"
                + "c1,o1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku3,food,1,30.00\n"
                + "c1,o2,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,5.00\n";
        RecordReader<Order> r = Ingest.orders(DataFormat.CSV, new StringReader(text), "in", COLLECT);
        List<Order> orders = readAll(r);
        assertEquals(List.of("o2"), orders.stream().map(Order::id).toList());
        assertEquals("[in:2: record: has 1 fields, the header has 12 (line 3 of order 'o1')]",
                r.report().errors().toString());
        assertEquals(1, r.report().rejected());
    }

    /**
     * A row too short to name its order after an order's last row belongs to no order that can be told:
     * it is rejected alone, naming its line, and the orders on either side are read as they are.
     */
    @Test
    void aRowTooShortToNameItsOrderBetweenOrdersIsRejectedAlone() {
        String text = ORDER_HEAD_ID_SECOND
                + "c1,o1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,10.00\n"
                + "c1,o1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku2,food,1,20.00\n"
                + "c1\n"
                + ",,\n"
                + "c1,o2,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,5.00\n"
                + "c1\n";
        RecordReader<Order> r = Ingest.orders(DataFormat.CSV, new StringReader(text), "in", COLLECT);
        List<Order> orders = readAll(r);
        assertEquals(List.of("o1", "o2"), orders.stream().map(Order::id).toList());
        assertEquals(List.of(2, 1), orders.stream().map(o -> o.lines().size()).toList());
        assertEquals("[in:4: record: has 1 fields, the header has 12, in:5: record: has 3 fields, the header has 12,"
                + " in:7: record: has 1 fields, the header has 12]", r.report().errors().toString());
        assertEquals(2, r.report().accepted());
        assertEquals(3, r.report().rejected());
    }

    @Test
    void orderRejectionReasons() {
        assertEquals("in:2: lines[0].quantity: must be at least 1, was -2", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,-2,10.00\n", true).toString());
        assertEquals("in:2: lines[0].quantity: is not a whole number: '1.5'", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1.5,10.00\n", true).toString());
        assertEquals("in:2: lines[0].unit_price: must not be negative, was -10.00", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,-10.00\n", true).toString());
        assertEquals("in:2: lines[0].unit_price: has more fraction digits than CNY allows: '10.001'", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,10.001\n", true).toString());
        assertEquals("in:2: currency: expected CNY, was 'USD'", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,USD,sku1,food,1,10.00\n", true,
                COLLECT.withCurrency(Currency.getInstance("CNY"))).toString());
        assertEquals("in:2: currency: unknown ISO 4217 currency code: 'RMB'", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,RMB,sku1,food,1,10.00\n", true).toString());
        assertEquals("in:2: status: unknown status 'SHIPPED'", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,SHIPPED,0,CNY,sku1,food,1,10.00\n", true).toString());
        RecordError refund = onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,REFUNDED,5.00,CNY,sku1,food,1,10.00\n", true);
        assertEquals("refunded", refund.field());
        assertTrue(refund.reason().contains("does not fit status REFUNDED"), refund.reason());
        assertEquals("in:2: customer: differs between the rows of order 'o1': 'c1' and 'c2' (line 3)", onlyError(DataFormat.CSV,
                ORDER_HEAD + "o1,c1,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku1,food,1,10.00\n"
                        + "o1,c2,store,s1,2024-05-01T10:00:00+08:00,COMPLETED,0,CNY,sku2,food,1,10.00\n", true).toString());
        assertEquals("in:1: lines: an order needs at least one line", onlyError(DataFormat.NDJSON,
                "{\"id\":\"o1\",\"customer\":\"c1\",\"channel\":\"app\",\"instant\":\"2024-05-01T10:00:00Z\",\"currency\":\"CNY\",\"lines\":[]}",
                true).toString());
        assertEquals("in:1: lines[0].unit_price: is missing", onlyError(DataFormat.NDJSON,
                "{\"id\":\"o1\",\"customer\":\"c1\",\"channel\":\"app\",\"instant\":\"2024-05-01T10:00:00Z\",\"currency\":\"CNY\","
                        + "\"lines\":[{\"sku\":\"a\",\"category\":\"b\",\"quantity\":1}]}", true).toString());
    }

    @Test
    void headerProblemsFailTheWholeInput() {
        IngestException missing = assertThrows(IngestException.class, () -> Ingest.touchpoints(DataFormat.CSV,
                new StringReader("customer,channel,type\n"), "tp.csv", COLLECT));
        assertEquals("tp.csv:1: header: required column 'instant' is missing", missing.getMessage());
        IngestException unknown = assertThrows(IngestException.class, () -> Ingest.orders(DataFormat.CSV,
                new StringReader(ORDER_HEAD.trim() + ",colour\n"), "o.csv", COLLECT.withRefuseUnknownColumns(true)));
        assertEquals("o.csv:1: header: unknown column 'colour'", unknown.getMessage());
        IngestException empty = assertThrows(IngestException.class, () -> Ingest.orders(DataFormat.CSV,
                new StringReader(""), "o.csv", COLLECT));
        assertEquals("o.csv:1: header: the input is empty; a header row is required", empty.getMessage());
    }

    @Test
    void collectKeepsGoingAndCountsEveryRecord() {
        String csv = TP_HEAD
                + "c1,app,2024-05-01T10:00:00Z,CLICK,,\n"
                + "c2,tv,2024-05-01T10:00:00Z,CLICK,,\n"
                + "c3,store,2024-05-01 18:30,STORE_CHECK_IN,,s9\n"
                + "c4,app,yesterday,CLICK,,\n"
                + "c5,direct,2024-05-02T00:00:00+08:00,visit,spring,\n";
        RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.CSV, new StringReader(csv), "tp.csv",
                COLLECT.withZone(ZoneId.of("Asia/Shanghai")).withMaxErrorsKept(1));
        List<Touchpoint> tps = readAll(r);
        assertEquals(3, tps.size());
        assertEquals(Instant.parse("2024-05-01T10:30:00Z"), tps.get(1).instant());
        assertEquals(Optional.of("s9"), tps.get(1).storeId());
        assertEquals(TouchpointType.VISIT, tps.get(2).type());
        assertEquals(Instant.parse("2024-05-01T16:00:00Z"), tps.get(2).instant());
        IngestReport report = r.report();
        assertEquals(3, report.accepted());
        assertEquals(2, report.rejected());
        assertEquals(5, report.total());
        assertEquals(1, report.errors().size());
        assertTrue(report.errorsTruncated());
        assertEquals(3, report.errors().get(0).line());
    }

    @Test
    void failFastThrowsAtTheFirstBadRecord() {
        String csv = TP_HEAD + "c1,app,2024-05-01T10:00:00Z,CLICK,,\nc2,tv,2024-05-01T10:00:00Z,CLICK,,\nc3,app,2024-05-01T10:00:00Z,CLICK,,\n";
        RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.CSV, new StringReader(csv), "tp.csv",
                IngestOptions.defaults(CHANNELS));
        assertTrue(r.hasNext());
        assertEquals("c1", r.next().customer().value());
        IngestException e = assertThrows(IngestException.class, r::hasNext);
        assertEquals(new RecordError("tp.csv", 3, "channel", "unknown channel 'tv'"), e.error());
        assertEquals(1, r.report().accepted());
        assertEquals(1, r.report().rejected());
        assertFalse(r.hasNext());
    }

    @Test
    void csvDialectQuotingBomDelimiterAndHeaderMapping() {
        CsvFormat format = CsvFormat.defaults().withDelimiter(';').withColumn("customer", "user_id")
                .withColumn("instant", "ts");
        String csv = "\uFEFFuser_id;channel;ts;type;note\r\n"
                + "c1;app;2024-05-01T10:00:00Z;CLICK;\"said \"\"hi\"\"; then\r\nleft\"\r\n"
                + "c2;store;2024-05-01T11:00:00Z;QR_SCAN;\r\n";
        RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.CSV, new StringReader(csv), "x.csv",
                IngestOptions.defaults(CHANNELS).withCsv(format));
        List<Touchpoint> tps = readAll(r);
        assertEquals(2, tps.size());
        assertEquals(Map.of("note", "said \"hi\"; then\r\nleft"), tps.get(0).attributes());
        assertEquals(Map.of(), tps.get(1).attributes());
        assertEquals("c2", tps.get(1).customer().value());
    }

    @Test
    void csvLineNumbersCountPhysicalLinesInsideQuotes() {
        String csv = "customer,channel,instant,type,note\n"
                + "c1,app,2024-05-01T10:00:00Z,CLICK,\"multi\nline\"\nc2,tv,2024-05-01T10:00:00Z,CLICK,\n";
        RecordError e = onlyErrorOfMany(csv);
        assertEquals(4, e.line());
    }

    private static RecordError onlyErrorOfMany(String csv) {
        RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.CSV, new StringReader(csv), "in", COLLECT);
        readAll(r);
        return r.report().errors().get(0);
    }

    static List<Touchpoint> sampleTouchpoints() {
        return List.of(
                Touchpoint.of(CustomerKey.of("c1"), Channel.online("app"), Instant.parse("2024-05-01T10:00:00Z"),
                        TouchpointType.COUPON_RECEIVED).withCampaign("spring,sale"),
                new Touchpoint(CustomerKey.of("c2"), Channel.offline("store"), Instant.parse("2024-05-01T10:00:00.123Z"),
                        TouchpointType.QR_SCAN, Optional.empty(), Optional.of("s1"), Map.of("code", "A\"B", "table", "7")));
    }

    static List<Order> sampleOrders() {
        CustomerKey c = CustomerKey.of("c1");
        List<OrderLine> lines = List.of(new OrderLine("sku-1", "coffee", 2, Money.of("18.50", "CNY")),
                new OrderLine("sku-2", "cake, cheese", 1, Money.of("12.00", "CNY")));
        return List.of(
                Order.completed("o1", c, Channel.offline("store"), Optional.of("s1"), Instant.parse("2024-05-01T10:00:00Z"), lines),
                new Order("o2", c, Channel.online("app"), Optional.empty(), Instant.parse("2024-05-02T10:00:00Z"),
                        lines, OrderStatus.PARTIALLY_REFUNDED, Money.of("12.00", "CNY")),
                Order.completed("o3", CustomerKey.of("c2"), Channel.online("app"), Optional.empty(),
                        Instant.parse("2024-05-03T10:00:00Z"), List.of(new OrderLine("j", "k", 1, Money.of("100", "JPY")))));
    }

    @Test
    void roundTripsInBothFormats() {
        for (DataFormat format : DataFormat.values()) {
            StringWriter tw = new StringWriter();
            try (RecordWriter<Touchpoint> w = Ingest.touchpointWriter(format, tw, CsvFormat.defaults(), List.of("code", "table"))) {
                sampleTouchpoints().forEach(w::write);
            }
            RecordReader<Touchpoint> tr = Ingest.touchpoints(format, new StringReader(tw.toString()), "t", IngestOptions.defaults(CHANNELS));
            assertEquals(sampleTouchpoints(), readAll(tr), format.name());
            assertTrue(tr.report().isClean());

            StringWriter ow = new StringWriter();
            try (RecordWriter<Order> w = Ingest.orderWriter(format, ow, CsvFormat.defaults())) {
                sampleOrders().forEach(w::write);
            }
            RecordReader<Order> or = Ingest.orders(format, new StringReader(ow.toString()), "o", IngestOptions.defaults(CHANNELS));
            assertEquals(sampleOrders(), readAll(or), format.name());
            assertEquals(3, or.report().accepted());
        }
    }

    @Test
    void csvWriterRefusesToDropAnAttribute() {
        StringWriter sw = new StringWriter();
        RecordWriter<Touchpoint> w = Ingest.touchpointWriter(DataFormat.CSV, sw, CsvFormat.defaults(), List.of("code"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(sampleTouchpoints().get(1)));
        assertTrue(e.getMessage().startsWith("touchpoint attribute 'table' has no column"), e.getMessage());
    }

    @Test
    void readsFilesWithCharset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tp.csv");
        Files.writeString(f, TP_HEAD + "顾客1,app,2024-05-01T10:00:00Z,CLICK,春季,\n", StandardCharsets.UTF_16LE);
        try (RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.CSV, f,
                IngestOptions.defaults(CHANNELS).withCsv(CsvFormat.defaults().withCharset(StandardCharsets.UTF_16LE)))) {
            Touchpoint t = r.next();
            assertEquals("顾客1", t.customer().value());
            assertEquals(Optional.of("春季"), t.campaign());
            assertEquals("tp.csv", r.report().source());
        }
    }
}
