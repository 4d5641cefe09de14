package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.io.TianchiCsv.DiscountRate;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per field rule of {@link TianchiCsv}; the rules are in its class comment. */
class TianchiCsvTest {

    static final String RECEIPTS = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received\n";
    static final String TRAINING = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received,Date\n";

    static List<TianchiCsv.Row> read(String csv) {
        List<TianchiCsv.Row> out = new ArrayList<>();
        try (TianchiCsv in = TianchiCsv.open(new StringReader(csv), "t.csv")) {
            in.forEachRemaining(out::add);
        }
        return out;
    }

    static String error(String csv) {
        return assertThrows(IngestException.class, () -> read(csv)).getMessage();
    }

    @Test
    void headerIsEitherShapeWithBomCrlfAndPaddedNames() {
        List<TianchiCsv.Row> rows = read("\uFEFFUser_id, Merchant_id,Coupon_id,Discount_rate,Distance,Date_received \r\n"
                + "4129537,450,9983,30:5,1,20160712\r\n\r\n6949378,1300,3429,0.9,null,20160706\r\n");
        assertEquals(2, rows.size());
        assertEquals(new TianchiCsv.Row(2, "4129537", "450", Optional.of("9983"),
                Optional.of(new DiscountRate.Threshold("30:5", new BigDecimal("30"), new BigDecimal("5"))),
                OptionalInt.of(1), Optional.of(LocalDate.of(2016, 7, 12)), Optional.empty()), rows.get(0));
        assertEquals(4, rows.get(1).line(), "the blank line is not a row but keeps its number");
        try (TianchiCsv t = TianchiCsv.open(new StringReader(TRAINING), "t.csv")) {
            assertTrue(t.hasPurchaseDates());
            assertFalse(t.hasNext());
        }
        assertEquals("t.csv:1: header: expected header User_id,Merchant_id,Coupon_id,Discount_rate,Distance,"
                + "Date_received (and optionally ,Date), got 'a,b'", error("a,b\n1,2\n"));
        assertTrue(error("").startsWith("t.csv:1: header: the input is empty"), error(""));
    }

    @Test
    void cellsAreTakenAsWrittenAndOnlyNullIsMissing() {
        assertEquals("t.csv:2: Merchant_id: ' 450' has leading or trailing white space",
                error(RECEIPTS + "1, 450,9983,30:5,1,20160712\n"));
        assertEquals("t.csv:2: Distance: '' is empty; a missing value is written null",
                error(RECEIPTS + "1,450,9983,30:5,,20160712\n"));
        assertEquals(OptionalInt.empty(), read(RECEIPTS + "1,450,9983,30:5,null,20160712\n").get(0).distance());
        assertEquals("t.csv:2: Distance: 'NULL' is not an integer 0..10 or null",
                error(RECEIPTS + "1,450,9983,30:5,NULL,20160712\n"));
    }

    @Test
    void idsAreOneToEighteenDigitsKeptAsText() {
        assertEquals("007", read(RECEIPTS + "007,450,9983,30:5,1,20160712\n").get(0).userId());
        assertEquals("t.csv:2: User_id: 'u1' is not an id (a non-negative integer of 1 to 18 digits)",
                error(RECEIPTS + "u1,450,9983,30:5,1,20160712\n"));
        assertTrue(error(RECEIPTS + "1,1234567890123456789,9983,30:5,1,20160712\n")
                .startsWith("t.csv:2: Merchant_id: '1234567890123456789' is not an id"));
        assertEquals("t.csv:2: Coupon_id: '-3' is not an id (a non-negative integer of 1 to 18 digits)",
                error(RECEIPTS + "1,450,-3,30:5,1,20160712\n"));
        assertEquals("t.csv:2: User_id: 'null': the id is required", error(TRAINING + "null,450,null,null,1,null,20160712\n"));
    }

    @Test
    void discountRateIsSpendSaveOrAShareStrictlyBetweenZeroAndOne() {
        assertEquals(new DiscountRate.Rate("0.95", new BigDecimal("0.95")), DiscountRate.parse("0.95"));
        assertEquals(new DiscountRate.Threshold("150:20", new BigDecimal("150"), new BigDecimal("20")),
                DiscountRate.parse("150:20"));
        assertEquals("t.csv:3: Discount_rate: discount notation '1': a rate must be strictly between 0 and 1 (share paid)",
                error(RECEIPTS + "1,450,9983,0.9,1,20160712\n1,450,9983,1,1,20160712\n"));
        assertEquals("t.csv:2: Discount_rate: discount notation '30:0': spend and save must be positive",
                error(RECEIPTS + "1,450,9983,30:0,1,20160712\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0         | strictly between 0 and 1",
            "1.0       | strictly between 0 and 1",
            "20:20     | save 20 must be less than spend 20",
            "20:30     | save 30 must be less than spend 20",
            "150:20:00 | more than one ':'",
            "fixed     | 'fixed' is not a plain decimal number",
            "' 30:5'   | ' 30' is not a plain decimal number",
            "-5:1      | '-5' is not a plain decimal number",
            "1e3:5     | '1e3' is not a plain decimal number",
            "1..5:1    | '1..5' is not a plain decimal number",
            ":5        | spend is missing",
            "30:       | save is missing",
            "10.001:1  | more than 2 fraction digits",
            "0.1234567891 | more than 9 fraction digits",
            "1234567890123:5 | at most 12 before it",
    })
    void discountRateRefusalsSayWhy(String notation, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscountRate.parse(notation));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void distanceIsZeroToTenOrNull() {
        assertEquals(OptionalInt.of(10), read(RECEIPTS + "1,450,9983,30:5,10,20160712\n").get(0).distance());
        assertEquals(OptionalInt.of(0), read(RECEIPTS + "1,450,9983,30:5,0,20160712\n").get(0).distance());
        assertEquals("t.csv:2: Distance: '11' is outside 0..10", error(RECEIPTS + "1,450,9983,30:5,11,20160712\n"));
        assertEquals("t.csv:2: Distance: '+3' is not an integer 0..10 or null",
                error(RECEIPTS + "1,450,9983,30:5,+3,20160712\n"));
        assertEquals("t.csv:2: Distance: '1.5' is not an integer 0..10 or null",
                error(RECEIPTS + "1,450,9983,30:5,1.5,20160712\n"));
    }

    @Test
    void datesAreCalendarDaysWrittenYyyymmdd() {
        assertEquals(Optional.of(LocalDate.of(2016, 2, 29)),
                read(RECEIPTS + "1,450,9983,30:5,1,20160229\n").get(0).dateReceived());
        assertEquals("t.csv:2: Date_received: '20150229' is not a yyyymmdd date",
                error(RECEIPTS + "1,450,9983,30:5,1,20150229\n"));
        assertEquals("t.csv:2: Date_received: '2016-07-12' is not a yyyymmdd date",
                error(RECEIPTS + "1,450,9983,30:5,1,2016-07-12\n"));
        assertEquals("t.csv:2: Date: '2016013' is not a yyyymmdd date",
                error(TRAINING + "1,450,9983,30:5,1,20160112,2016013\n"));
        assertEquals("t.csv:2: Date: '20160101' is before Date_received 20160105",
                error(TRAINING + "1,450,9983,30:5,1,20160105,20160101\n"));
    }

    @Test
    void purchaseRowsOnlyInTheTrainingShapeAndCouponCellsComeTogether() {
        List<TianchiCsv.Row> rows = read(TRAINING + "1,450,9983,30:5,1,20160105,null\n"
                + "1,450,null,null,null,null,20160107\n");
        assertTrue(rows.get(0).isCoupon());
        assertFalse(rows.get(1).isCoupon());
        assertEquals(Optional.of(LocalDate.of(2016, 1, 7)), rows.get(1).date());
        assertEquals("t.csv:2: Coupon_id: 'null': the receipt file holds coupon rows only (purchase rows need the Date column)",
                error(RECEIPTS + "1,450,null,null,1,null\n"));
        assertEquals("t.csv:2: Date: 'null': a row without coupon is a purchase and needs its date",
                error(TRAINING + "1,450,null,null,1,null,null\n"));
        assertEquals("t.csv:2: Discount_rate: '30:5' on a row without coupon (Coupon_id null)",
                error(TRAINING + "1,450,null,30:5,1,null,20160107\n"));
        assertEquals("t.csv:2: Discount_rate: 'null': a coupon row needs its discount",
                error(TRAINING + "1,450,9983,null,1,20160105,null\n"));
        assertEquals("t.csv:2: Date_received: 'null': a coupon row needs its received date",
                error(TRAINING + "1,450,9983,30:5,1,null,null\n"));
        assertEquals("t.csv:2: record: has 7 fields, the header has 6", error(RECEIPTS + "1,450,9983,30:5,1,20160105,x\n"));
    }

    @Test
    void aBadRowIsConsumedSoTheCallerCanCountAndGoOn() {
        String csv = RECEIPTS + "1,450,9983,30:5,1,20160712\n" + "1,450,9983,30:5,99,20160712\n"
                + "1,\"450,9983,30:5,1,20160712\n";
        List<String> seen = new ArrayList<>();
        try (TianchiCsv in = TianchiCsv.open(new StringReader(csv), "t.csv")) {
            while (true) {
                try {
                    if (!in.hasNext()) {
                        break;
                    }
                    seen.add("line " + in.next().line());
                } catch (IngestException e) {
                    seen.add(e.error().field() + " at " + e.error().line());
                }
            }
        }
        assertEquals(List.of("line 2", "Distance at 3", "record at 4"), seen);
    }

    @Test
    void theRealTestFileReadsCompletely() throws IOException {
        Optional<Path> file = shared("tianchi/ccf_offline_stage1_test_revised.csv");
        Assumptions.assumeTrue(file.isPresent(), "shared/data/tianchi/ccf_offline_stage1_test_revised.csv absent, skipping");
        long rows = 0;
        long nullDistance = 0;
        long rates = 0;
        Set<String> notations = new HashSet<>();
        try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8);
             TianchiCsv in = TianchiCsv.open(r, "real")) {
            assertFalse(in.hasPurchaseDates());
            while (in.hasNext()) {
                TianchiCsv.Row row = in.next();
                rows++;
                nullDistance += row.distance().isEmpty() ? 1 : 0;
                rates += row.discountRate().orElseThrow() instanceof DiscountRate.Rate ? 1 : 0;
                notations.add(row.discountRate().orElseThrow().notation());
            }
        }
        // figures of shared/data/README.md, counted there with awk
        assertEquals(113_640, rows);
        assertEquals(12_064, nullDistance);
        assertEquals(2_566, rates);
        assertEquals(42, notations.size());
    }

    /** Finds shared/data by walking up from the working directory. */
    private static Optional<Path> shared(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("data").resolve(relative);
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
