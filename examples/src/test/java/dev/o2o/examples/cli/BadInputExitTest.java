package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input ends in exit 2 and one line on stderr naming the file (and line or record where the
 * reader can tell), never in "internal error", a stack trace and exit 1 (issue 14, item 8); and
 * messages do not quote raw identifiers (item 12).
 */
class BadInputExitTest {

    private static final String ORDER_CSV_HEADER =
            "id,customer,channel,store,instant,status,refunded,currency,sku,category,quantity,unit_price\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** Exit 2, a single line on stderr (after any progress lines) that starts "o2o COMMAND: ", no stack trace. */
    private static String badInput(Cli c, String command) {
        assertEquals(2, c.exit, c.toString());
        assertFalse(c.err.contains("internal error"), c.err);
        assertFalse(c.err.contains("\tat "), c.err);
        String[] lines = c.err.split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("o2o " + command + ": "), c.err);
        return last;
    }

    @Test
    void clvOnAllZeroFrequenciesIsBadInput() throws IOException {
        Path f = write("zero.csv", "ID,frequency,recency,T\n1,0,0,10\n2,0,0,10\n3,0,0,12\n");
        String msg = badInput(Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd"), "clv");
        assertTrue(msg.contains("zero.csv") && msg.contains("frequency 0"), msg);
    }

    @Test
    void paretoNbdThatCannotConvergeOnThreeCustomersIsBadInput() throws IOException {
        Path f = write("three.csv", "ID,frequency,recency,T\n1,1,5,10\n2,0,0,10\n3,2,3,10\n");
        String msg = badInput(Cli.run("clv", "--summary", f.toString(), "--model", "pareto-nbd"), "clv");
        assertTrue(msg.contains("three.csv") && msg.contains("cannot be fitted to these 3 customers"), msg);
    }

    @Test
    void horizonWithoutPredictOutIsAnError() throws IOException {
        Path f = write("s.csv", "ID,frequency,recency,T\n1,1,5,10\n2,0,0,10\n3,2,3,10\n");
        Cli c = Cli.run("clv", "--summary", f.toString(), "--model", "bgnbd", "--horizon", "10");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("--horizon applies to the predictions of --predict-out"), c.err);
        assertEquals("", c.out);
    }

    @Test
    void headerOnlyPathsFileSaysSo() throws IOException {
        Path f = write("paths.csv", "path,total_conversions,total_conversion_value,total_null\n");
        String msg = badInput(Cli.run("attribution", "--paths", f.toString()), "attribution");
        assertTrue(msg.contains("paths.csv: no path rows"), msg);
    }

    @Test
    void instantAtTheEndOfTimeIsBadInput() throws IOException {
        Path f = write("orders.csv", ORDER_CSV_HEADER
                + "o1,c1,store,S001,2026-03-01T10:00:00Z,COMPLETED,0.00,CNY,sku-1,food,1,10.00\n"
                + "o2,c2,store,S001,+999999999-12-31T00:00:00Z,COMPLETED,0.00,CNY,sku-1,food,1,10.00\n");
        String msg = badInput(Cli.run("rfm", "--orders", f.toString()), "rfm");
        assertTrue(msg.contains("+999999999-12-31T00:00:00Z") && msg.contains("outside the calendar range"), msg);
        assertTrue(msg.contains("orders.csv") && msg.contains("line 3"), msg);
    }

    @Test
    void hugeExponentInAnOrderIsBadInputNamingFileAndRecord() throws IOException {
        Path f = write("orders.ndjson", "{\"id\":\"o1\",\"customer\":\"c1\",\"channel\":\"store\",\"store\":\"S001\","
                + "\"instant\":\"2026-03-12T13:01:21Z\",\"status\":\"COMPLETED\",\"refunded\":\"0.00\",\"currency\":\"CNY\","
                + "\"lines\":[{\"sku\":\"s\",\"category\":\"food\",\"quantity\":1,\"unit_price\":\"1.00\"}]}\n"
                + "{\"id\":\"o2\",\"customer\":\"c1\",\"channel\":\"store\",\"store\":\"S001\","
                + "\"instant\":\"2026-03-12T13:01:21Z\",\"status\":\"COMPLETED\",\"refunded\":\"0.00\",\"currency\":\"CNY\","
                + "\"lines\":[{\"sku\":\"s\",\"category\":\"food\",\"quantity\":1,\"unit_price\":\"1E+2147483647\"}]}\n");
        Cli c = Cli.run("rfm", "--orders", f.toString());
        if (c.exit == 0) {
            // a hardened reader rejects the record under COLLECT and says which line
            assertTrue(c.err.contains("rejected 1 of 2 order records; first: orders.ndjson:2:"), c.toString());
        } else {
            String msg = badInput(c, "rfm");
            assertTrue(msg.contains("orders.ndjson") && (msg.contains("record 2") || msg.contains(":2:")), msg);
        }
    }

    @Test
    void hugeExponentInPathsAndSummariesIsBadInput() throws IOException {
        Path paths = write("p.csv", "path,total_conversions,total_conversion_value,total_null\n"
                + "a > b,1E+2147483647,1,0\n");
        String msg = badInput(Cli.run("attribution", "--paths", paths.toString()), "attribution");
        assertTrue(msg.contains("p.csv") && msg.contains("2"), msg);
        Path summary = write("s.csv", "ID,frequency,recency,T\n1,1,5,1E+2147483647\n");
        msg = badInput(Cli.run("clv", "--summary", summary.toString(), "--model", "bgnbd"), "clv");
        assertTrue(msg.contains("s.csv:2:"), msg);
    }

    @Test
    void messagesMaskIdentifiers() throws IOException {
        Path f = write("t.csv", "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received\n"
                + "13812345678x,2,3,30:5,0,20160701\n"
                + "4,5,6,0.8,null,20160702\n");
        Cli c = Cli.run("coupons", "--tianchi", f.toString(), "--format", "json");
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.err.contains("rejected 1 of 2 rows; first: t.csv:2: User_id: '13****8x' is not an id"), c.err);
        assertFalse(c.err.contains("13812345678"), c.err);
        assertFalse(c.out.contains("13812345678"), c.out);
        assertTrue(c.err.contains("'13****8x'"), c.err);
    }

    @Test
    void maskingFollowsTheLibrarysShapes() {
        assertEquals("138****5678", Messages.mask("13812345678"));
        assertEquals("zha****@example.com", Messages.mask("zhangsan@example.com"));
        assertEquals("phone:138****5678", Messages.mask("phone:13812345678"));
        assertEquals("M1****00", Messages.mask("M10000000"));
        assertEquals("x: customer key must not have leading or trailing white space: '138****5678'",
                Messages.safe("x: customer key must not have leading or trailing white space: ' 13812345678'"));
        assertEquals("unknown channel 'tiktok'", Messages.safe("unknown channel 'tiktok'"));
        String longMessage = Messages.safe("value " + "9".repeat(10_000));
        assertEquals(Messages.MAX_LENGTH, longMessage.length());
        assertEquals("a b", Messages.safe("a\nb"));
    }
}
