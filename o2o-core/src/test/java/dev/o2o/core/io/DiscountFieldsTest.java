package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.Order;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Order files carry line discounts ({@code discount}), an order discount ({@code order_discount})
 * and the amount paid ({@code paid}), in CSV and NDJSON alike, read to the minor unit and checked:
 * a bad or inconsistent amount rejects the record naming its line and field, and nothing is
 * corrected.
 */
class DiscountFieldsTest {

    private static final String CSV_HEAD = "id,customer,channel,instant,currency,order_discount,paid,sku,category,"
            + "quantity,unit_price,discount\n";
    private static final String NDJSON_HEAD = "\"id\":\"o1\",\"customer\":\"c1\",\"channel\":\"app\","
            + "\"instant\":\"2024-05-01T10:00:00Z\",\"currency\":\"CNY\"";

    private record Read(List<Order> orders, List<RecordError> errors) {
    }

    private static Read read(DataFormat format, String text) {
        RecordReader<Order> r = Ingest.orders(format, new StringReader(text), "in", IngestTest.COLLECT);
        List<Order> orders = new ArrayList<>();
        r.forEachRemaining(orders::add);
        return new Read(orders, r.report().errors());
    }

    /** A CSV order of two lines: 2 × 10.00 less 3.00, 1 × 5.00 less {@code d2}; then the order's amounts. */
    private static String csv(String orderDiscount, String paid, String d1, String d2) {
        return CSV_HEAD + "o1,c1,app,2024-05-01T10:00:00Z,CNY," + orderDiscount + "," + paid + ",a,x,2,10.00," + d1 + "\n"
                + "o1,c1,app,2024-05-01T10:00:00Z,CNY," + orderDiscount + "," + paid + ",b,x,1,5.00," + d2 + "\n";
    }

    /** The same order in NDJSON; null leaves a field out. */
    private static String ndjson(String orderDiscount, String paid, String d1, String d2) {
        return "{" + NDJSON_HEAD + (orderDiscount == null ? "" : ",\"order_discount\":" + orderDiscount)
                + (paid == null ? "" : ",\"paid\":" + paid)
                + ",\"lines\":[{\"sku\":\"a\",\"category\":\"x\",\"quantity\":2,\"unit_price\":\"10.00\""
                + (d1 == null ? "" : ",\"discount\":" + d1) + "},{\"sku\":\"b\",\"category\":\"x\",\"quantity\":1,"
                + "\"unit_price\":5" + (d2 == null ? "" : ",\"discount\":" + d2) + "}]}\n";
    }

    private static void assertAmounts(Order o, String orderDiscount, String paid, String d1, String d2) {
        assertEquals(orderDiscount, o.orderDiscount().amount().toPlainString());
        assertEquals(paid, o.paid().amount().toPlainString());
        assertEquals(d1, o.lines().get(0).discount().amount().toPlainString());
        assertEquals(d2, o.lines().get(1).discount().amount().toPlainString());
        assertEquals("25.00", o.total().amount().toPlainString());
    }

    @Test
    void readsLineDiscountsTheOrderDiscountAndThePaidAmount() {
        Read c = read(DataFormat.CSV, csv("2.50", "18.50", "3.00", "1"));
        assertEquals(List.of(), c.errors());
        assertAmounts(c.orders().get(0), "2.50", "18.50", "3.00", "1.00");
        Read n = read(DataFormat.NDJSON, ndjson("\"2.50\"", "18.5", "\"3.00\"", "1"));
        assertEquals(List.of(), n.errors());
        assertEquals(c.orders(), n.orders());
    }

    @Test
    void absentAmountsAreZeroAndPaidIsWhatTheLinesComeTo() {
        Read c = read(DataFormat.CSV, csv("", "", "3.00", ""));
        assertEquals(List.of(), c.errors());
        assertAmounts(c.orders().get(0), "0.00", "22.00", "3.00", "0.00");
        Read n = read(DataFormat.NDJSON, ndjson(null, null, "\"3.00\"", null));
        assertEquals(c.orders(), n.orders());
        // only paid given: checked against the lines
        assertAmounts(read(DataFormat.NDJSON, ndjson(null, "\"22.00\"", "\"3.00\"", null)).orders().get(0),
                "0.00", "22.00", "3.00", "0.00");
    }

    private static String csvError(String orderDiscount, String paid, String d1, String d2) {
        Read r = read(DataFormat.CSV, csv(orderDiscount, paid, d1, d2));
        assertEquals(List.of(), r.orders());
        return r.errors().get(0).toString();
    }

    private static String ndjsonError(String orderDiscount, String paid, String d1, String d2) {
        Read r = read(DataFormat.NDJSON, ndjson(orderDiscount, paid, d1, d2));
        assertEquals(List.of(), r.orders());
        return r.errors().get(0).toString();
    }

    @Test
    void badAmountsAreRejectedNamingLineAndField() {
        assertEquals("in:2: lines[1].discount: has more fraction digits than CNY allows: '0.001'",
                csvError("", "", "3.00", "0.001"));
        assertEquals("in:1: lines[1].discount: has more fraction digits than CNY allows: '0.001'",
                ndjsonError(null, null, null, "0.001"));
        assertEquals("in:2: lines[0].discount: must not be negative, was -1.00", csvError("", "", "-1", ""));
        assertEquals("in:1: lines[0].discount: must not be negative, was -1.00", ndjsonError(null, null, "-1", null));
        assertEquals("in:1: lines[0].discount: must be at most the line's list total 20.00 (quantity * unit_price), "
                + "was 20.01", ndjsonError(null, null, "\"20.01\"", null));
        assertEquals("in:2: order_discount: must not be negative, was -0.50", csvError("-0.50", "", "", ""));
        assertEquals("in:2: order_discount: must be at most 22.00 (the lines after their discounts), was 22.01",
                csvError("22.01", "", "3", ""));
        assertEquals("in:1: paid: must not be negative, was -1.00", ndjsonError(null, "-1", null, null));
        assertEquals("in:1: paid: has more fraction digits than CNY allows: '18.505'",
                ndjsonError("\"2.50\"", "\"18.505\"", "\"3.00\"", "1"));
        assertEquals("in:2: order_discount: has more fraction digits than CNY allows: '2.505'",
                csvError("2.505", "", "", ""));
        assertEquals("in:1: lines[0].discount: is not a decimal number: 'ten'", ndjsonError(null, null, "\"ten\"", null));
        assertEquals("in:2: paid: is not a decimal number: 'abc'", csvError("", "abc", "", ""));
        assertEquals("in:1: lines[0].discount: must be a string or number", ndjsonError(null, null, "[1]", null));
    }

    @Test
    void aPaidAmountThatDoesNotAddUpIsRefusedNotCorrected() {
        String expected = "paid: must be the total 25.00 less line discounts 4.00 less the order discount 2.50: "
                + "18.50, was 19.00";
        assertEquals("in:2: " + expected, csvError("2.50", "19.00", "3.00", "1.00"));
        assertEquals("in:1: " + expected, ndjsonError("2.50", "19", "3", "1"));
        // no order discount given: paid is still checked against the lines
        assertEquals("in:1: paid: must be the total 25.00 less line discounts 0.00 less the order discount 0.00: "
                + "25.00, was 20.00", ndjsonError(null, "20", null, null));
    }

    @Test
    void theRowsOfACsvOrderMustAgreeOnTheOrdersAmounts() {
        String text = CSV_HEAD + "o1,c1,app,2024-05-01T10:00:00Z,CNY,1.00,,a,x,2,10.00,\n"
                + "o1,c1,app,2024-05-01T10:00:00Z,CNY,2.00,,b,x,1,5.00,\n";
        Read r = read(DataFormat.CSV, text);
        assertEquals(List.of(), r.orders());
        assertEquals("in:2: order_discount: differs between the rows of order 'o1': '1.00' and '2.00' (line 3)",
                r.errors().get(0).toString());
    }

    @Test
    void writersKeepTheAmountsAndOrdersWithoutDiscountsAreWrittenAsBefore() {
        Order discounted = read(DataFormat.CSV, csv("2.50", "18.50", "3.00", "1")).orders().get(0);
        Order plain = read(DataFormat.CSV, csv("", "", "", "")).orders().get(0);
        for (DataFormat format : DataFormat.values()) {
            StringWriter out = new StringWriter();
            try (RecordWriter<Order> w = Ingest.orderWriter(format, out, CsvFormat.defaults())) {
                w.write(discounted);
                w.write(new Order("o2", plain.customer(), plain.channel(), plain.storeId(), plain.instant(),
                        plain.lines(), plain.status(), plain.refunded()));
            }
            Read back = read(format, out.toString());
            assertEquals(List.of(), back.errors(), format.name());
            assertEquals(discounted, back.orders().get(0), format.name());
            assertEquals("o2", back.orders().get(1).id());
            if (format == DataFormat.NDJSON) {
                String second = out.toString().split("\n")[1];
                assertEquals(false, second.contains("discount") || second.contains("paid"), second);
            }
        }
    }
}
