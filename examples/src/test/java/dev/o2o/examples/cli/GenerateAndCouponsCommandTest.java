package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.test.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerateAndCouponsCommandTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"demo", "generate", "attribution", "clv", "rfm", "coupons"})
    void everyCommandHasHelp(String command) {
        Cli c = Cli.run(command, "--help");
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.startsWith("Usage: o2o " + command), c.out);
    }

    @Test
    void noCommandIsABadArgument() {
        Cli c = Cli.run();
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("a command is required"), c.err);
    }

    @Test
    void unknownCommandIsABadArgument() {
        Cli c = Cli.run("frobnicate");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("Unmatched argument"), c.err);
    }

    @Test
    void generateNeedsOut() {
        Cli c = Cli.run("generate");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("Missing required option: '--out=DIR'"), c.err);
        assertTrue(c.err.contains("Try 'o2o generate --help'"), c.err);
    }

    @Test
    void generateRejectsNonNumericAndZeroCustomers() {
        Cli c = Cli.run("generate", "--out", tmp.toString(), "--customers", "many");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("'many' is not an int"), c.err);
        c = Cli.run("generate", "--out", tmp.toString(), "--customers", "0");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--customers must be within 1..10000000: 0"), c.err);
    }

    @Test
    void generateWritesFilesAndListsThem() throws IOException {
        Cli c = Cli.run("generate", "--out", tmp.resolve("d").toString(), "--customers", "200", "--seed", "5");
        assertEquals(0, c.exit, c.toString());
        assertTrue(c.out.startsWith("file,records\nstores.csv,20\n"), c.out);
        assertTrue(c.out.contains("clv_summary.csv,200\n"), c.out);
        assertEquals(201, Files.readAllLines(tmp.resolve("d/clv_summary.csv")).size());
        Cli json = Cli.run("generate", "--out", tmp.resolve("e").toString(), "--customers", "200", "--seed", "5",
                "--format", "json");
        assertTrue(json.out.startsWith("{\"directory\":"), json.out);
        assertTrue(json.out.contains("\"customers\":200"), json.out);
    }

    @Test
    void couponsOnTheTianchiTestFile() {
        Path file = ReferenceData.fileOrSkip("tianchi/ccf_offline_stage1_test_revised.csv");
        Cli c = Cli.run("coupons", "--tianchi", file.toString(), "--format", "json");
        assertEquals(0, c.exit, c.toString());
        // figures from shared/data/README.md: 113,640 rows, 42 distinct rates, 10.6% "null" distances
        assertTrue(c.out.startsWith("{\"rows\":113640,\"rejected\":0,\"byType\":{\"THRESHOLD\":"), c.out);
        assertTrue(c.out.contains("\"distinctRates\":42"), c.out);
        long unknown = Long.parseLong(c.out.replaceAll(".*\"distanceUnknown\":(\\d+).*\\s*", "$1"));
        assertEquals(0.106, unknown / 113640.0, 0.0005);
        Cli csv = Cli.run("coupons", "--tianchi", file.toString());
        assertEquals(0, csv.exit);
        assertTrue(csv.out.startsWith("key,value\nrows,113640\nrejected,0\n"), csv.out);
        assertTrue(csv.out.contains("band.UNKNOWN," + unknown + "\n"), csv.out);
    }

    @Test
    void couponsCountsBadRowsAndNamesThem() throws IOException {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received\r\n"
                + "1,2,3,30:5,0,20160701\r\n"
                + "1,2,3,30:5,11,20160701\r\n"
                + "1,2,3,0.9,null,20160732\r\n"
                + "4,5,6,0.8,null,20160702\r\n");
        Path out = tmp.resolve("o/summary.json");
        Cli c = Cli.run("coupons", "--tianchi", f.toString(), "--format", "json", "--out", out.toString());
        assertEquals(0, c.exit, c.toString());
        assertEquals("", c.out);
        String json = Files.readString(out);
        assertTrue(json.startsWith("{\"rows\":4,\"rejected\":2,\"byType\":{\"THRESHOLD\":1,\"RATE\":1},"
                + "\"distanceUnknown\":1,\"distinctRates\":2,"), json);
        assertTrue(json.contains("t.csv:3: Distance: '11' is outside 0..10"), json);
        assertTrue(json.contains("t.csv:4: Date_received: '20160732' is not a yyyymmdd date"), json);
        assertTrue(c.err.contains("rejected 2 of 4 rows"), c.err);
    }

    @Test
    void couponsRejectsAWrongHeaderAndAMissingFile() throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "a,b,c\n1,2,3\n");
        Cli c = Cli.run("coupons", "--tianchi", f.toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("line 1: expected header User_id,Merchant_id"), c.err);
        c = Cli.run("coupons", "--tianchi", tmp.resolve("none.csv").toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--tianchi: no such file"), c.err);
        c = Cli.run("coupons", "--tianchi", f.toString(), "--format", "xml");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("Invalid value for option '--format'"), c.err);
    }
}
