package dev.o2o.predict.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.io.IngestException;
import dev.o2o.core.test.ReferenceData;
import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.metrics.Metrics;
import dev.o2o.predict.model.GbmConfig;
import dev.o2o.predict.model.GbmModel;
import dev.o2o.testkit.predict.CouponUseProcess;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CouponFeaturesTest {

    static final String HEAD = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received,Date\n";

    static List<Receipt> read(String csv) {
        return TianchiReceipts.read(new StringReader(csv), "t.csv");
    }

    @Test
    void historyCountsOnlyEarlierDaysAndKnownUses() {
        List<Receipt> rs = read(HEAD
                + "1,7,70,150:20,1,20160101,20160103\n" // Friday; used on the 3rd
                + "1,7,70,150:20,1,20160101,null\n"     // same day: does not see the first
                + "1,8,80,0.9,null,20160103,null\n"     // sees both receipts; the use of the 3rd is not yet known
                + "2,7,70,150:20,10,20160104,20160125\n" // merchant 7: 2 receipts, 1 use; used after 15 days
                + "1,7,null,null,1,null,20160102\n");   // a plain purchase: not an example
        CouponFeatures.Examples e = CouponFeatures.build(rs, true, 15);
        Matrix x = e.features();
        assertEquals(4, x.rows());
        int ur = CouponFeatures.NAMES.indexOf("user_receipts");
        int uu = CouponFeatures.NAMES.indexOf("user_uses");
        int rate = CouponFeatures.NAMES.indexOf("user_rate");
        int mr = CouponFeatures.NAMES.indexOf("merchant_receipts");
        int mu = CouponFeatures.NAMES.indexOf("merchant_uses");
        int since = CouponFeatures.NAMES.indexOf("days_since_previous");
        assertEquals(0.0, x.get(1, ur));
        assertTrue(Double.isNaN(x.get(1, rate)));
        assertEquals(2.0, x.get(2, ur));
        assertEquals(0.0, x.get(2, uu), "the use on the 3rd is known from the 4th");
        assertEquals(2.0, x.get(2, since));
        assertTrue(Double.isNaN(x.get(0, since)));
        assertEquals(2.0, x.get(3, mr));
        assertEquals(1.0, x.get(3, mu));
        assertEquals(20.0 / 150, x.get(0, CouponFeatures.NAMES.indexOf("discount_off")), 1e-15);
        assertEquals(4.0, x.get(0, CouponFeatures.NAMES.indexOf("threshold_band")));
        assertEquals(0.1, x.get(2, CouponFeatures.NAMES.indexOf("discount_off")), 1e-15);
        assertEquals(0.0, x.get(2, CouponFeatures.NAMES.indexOf("threshold_band")));
        assertTrue(Double.isNaN(x.get(2, CouponFeatures.NAMES.indexOf("distance_band"))));
        assertEquals(5.0, x.get(0, CouponFeatures.NAMES.indexOf("day_of_week")));
        double[] y = e.labels().orElseThrow();
        assertEquals(1.0, y[0]);
        assertEquals(0.0, y[1]);
        assertEquals(0.0, y[3], "used 21 days after receipt");
    }

    @Test
    void badCellsNameLineAndColumn() {
        IngestException d = assertThrows(IngestException.class, () -> read(HEAD + "1,7,70,150:20,1,2016013,null\n"));
        assertEquals(2, d.error().line());
        assertEquals("Date_received", d.error().field());
        IngestException r = assertThrows(IngestException.class,
                () -> read(HEAD + "1,7,70,0.9,1,20160101,null\n1,7,70,fixed,1,20160101,null\n"));
        assertEquals(3, r.error().line());
        assertEquals("Discount_rate", r.error().field());
        IngestException u = assertThrows(IngestException.class, () -> read(HEAD + "1,7,70,0.9,1,20160105,20160101\n"));
        assertEquals("t.csv:2: Date: '20160101' is before Date_received 20160105", u.getMessage());
        assertThrows(IngestException.class, () -> read("a,b\n1,2\n"));
    }

    @Test
    void realTianchiTestFileBuildsEveryReceipt() {
        List<Receipt> rs = TianchiReceipts.read(ReferenceData.fileOrSkip("tianchi/ccf_offline_stage1_test_revised.csv"));
        assertEquals(113640, rs.size());
        CouponFeatures.Examples e = CouponFeatures.build(rs, false, 15);
        assertEquals(113640, e.features().rows());
        assertTrue(e.labels().isEmpty());
        // every receipt has a discount and a day of week
        for (int i = 0; i < 113640; i += 997) {
            assertTrue(e.features().get(i, CouponFeatures.NAMES.indexOf("day_of_week")) >= 1);
        }
    }

    @Test
    void gbmOnTheFeaturesComesWithinTwoPointsOfTheOracleAuc() {
        CouponUseProcess.Data data = CouponUseProcess.generate(4000, 40, 180, LocalDate.of(2016, 1, 1), 11);
        CouponFeatures.Examples e = CouponFeatures.build(read(data.csv()), true, 15);
        int n = e.features().rows();
        assertEquals(data.probability().length, n);
        int[] train = IntStream.range(0, n).filter(i -> data.days()[i] < 120).toArray();
        int[] test = IntStream.range(0, n).filter(i -> data.days()[i] >= 120).toArray();
        double[] y = e.labels().orElseThrow();
        GbmModel m = GbmModel.fit(e.features().select(train), pick(y, train), GbmConfig.builder().trees(200).maxDepth(4)
                .learningRate(0.05).build());
        double auc = Metrics.rocAuc(pick(y, test), m.predict(e.features().select(test)));
        double oracle = Metrics.rocAuc(pick(y, test), pick(data.probability(), test));
        assertTrue(auc > oracle - 0.02, "gbm " + auc + ", oracle " + oracle);
        assertTrue(oracle > 0.7, "the process carries signal: oracle " + oracle);
    }

    static double[] pick(double[] v, int[] rows) {
        return IntStream.of(rows).mapToDouble(i -> v[i]).toArray();
    }

    /**
     * Receipt is a public record, but its discount notation was not checked: a receipt built in
     * code with "abc" or "20:150" was accepted, and CouponFeatures.build later failed with the
     * parser's message and no line. The record now refuses it, naming the line.
     */
    @Test
    void aReceiptRefusesABadDiscountNamingTheLine() {
        LocalDate day = LocalDate.parse("2016-05-01");
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> new Receipt(7, "u", "m",
                Optional.of("c"), Optional.of("abc"), OptionalInt.empty(), Optional.of(day), Optional.empty()));
        assertTrue(text.getMessage().startsWith("line 7: discount notation 'abc': "), text.getMessage());
        IllegalArgumentException save = assertThrows(IllegalArgumentException.class, () -> new Receipt(8, "u", "m",
                Optional.of("c"), Optional.of("20:150"), OptionalInt.empty(), Optional.of(day), Optional.empty()));
        assertEquals("line 8: discount notation '20:150': save 150 must be less than spend 20", save.getMessage());
        Receipt ok = new Receipt(9, "u", "m", Optional.of("c"), Optional.of("150:20"), OptionalInt.of(1), Optional.of(day),
                Optional.empty());
        assertEquals(1, CouponFeatures.build(List.of(ok), false, 15).features().rows());
    }
}
