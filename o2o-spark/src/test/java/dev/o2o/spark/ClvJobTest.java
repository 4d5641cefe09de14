package dev.o2o.spark;

import dev.o2o.segmentation.clv.BgNbd;
import dev.o2o.segmentation.clv.CalibrationData;
import dev.o2o.segmentation.clv.CustomerSummary;
import dev.o2o.segmentation.clv.FitOptions;
import dev.o2o.segmentation.clv.ModelFit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClvJobTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);
    private static final LocalDate END = LocalDate.of(2025, 12, 31);

    /** Seeded buy-till-you-die purchases: Poisson buying at a gamma-ish rate until a geometric drop-out. */
    private static TreeMap<String, List<LocalDate>> purchases() {
        Random random = new Random(5);
        TreeMap<String, List<LocalDate>> out = new TreeMap<>();
        for (int c = 0; c < 2500; c++) {
            String id = String.format("p%06d", c * 7919 % 100_003);
            double rate = -Math.log(1 - random.nextDouble()) / 20; // purchases per day
            double dropout = 0.05 + 0.3 * random.nextDouble();
            List<LocalDate> dates = new ArrayList<>();
            double day = random.nextInt(420); // some first purchases fall after the calibration end
            while (day < 450) {
                dates.add(START.plusDays((long) day));
                if (random.nextDouble() < dropout) {
                    break;
                }
                day += -Math.log(1 - random.nextDouble()) / rate;
            }
            out.put(id, dates);
        }
        return out;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-9 * Math.abs(expected), what + ": " + expected + " vs " + actual);
    }

    @Test
    void fitAndScoresEqualTheSingleMachineFitInAnyPartitioning() {
        SparkSession spark = SparkTestSession.get();
        TreeMap<String, List<LocalDate>> purchases = purchases();
        List<CustomerSummary> summaries = new ArrayList<>();
        Map<String, CustomerSummary> byId = new HashMap<>();
        purchases.forEach((id, dates) -> {
            if (dates.get(0).isBefore(END)) {
                CustomerSummary s = CustomerSummary.fromPurchaseDates(dates, END, 7);
                summaries.add(s);
                byId.put(id, s);
            }
        });
        ModelFit<BgNbd> expected = BgNbd.fit(CalibrationData.of(summaries), FitOptions.defaults());
        assertTrue(byId.size() < purchases.size(), "some customers start after the calibration end");

        List<Row> rows = new ArrayList<>();
        purchases.forEach((id, dates) -> dates.forEach(d -> rows.add(RowFactory.create(id, Date.valueOf(d)))));
        for (int partitions : new int[] {1, 3, 17}) {
            ClvJob.Result result = ClvJob.run(spark.createDataFrame(rows, ClvJob.INPUT.structType())
                    .repartition(partitions), END, 7, 52, FitOptions.defaults());
            for (int p = 0; p < 4; p++) {
                assertClose(expected.estimates().get(p), result.fit().estimates().get(p),
                        expected.parameterNames().get(p) + " in " + partitions + " partitions");
            }
            assertClose(expected.logLikelihood(), result.fit().logLikelihood(), "log-likelihood");
            List<Row> scored = result.customers().collectAsList();
            assertEquals(byId.size(), scored.size());
            for (Row r : scored) {
                CustomerSummary s = byId.get(r.getString(0));
                assertEquals(s, new CustomerSummary(r.getInt(1), r.getDouble(2), r.getDouble(3)));
                assertClose(expected.model().probabilityAlive(s), r.getDouble(4), "p_alive of " + r.getString(0));
                assertClose(expected.model().expectedPurchases(52, s), r.getDouble(5),
                        "expected purchases of " + r.getString(0));
            }
        }
    }

    @Test
    void refusesDataWithoutCalibrationCustomers() {
        SparkSession spark = SparkTestSession.get();
        List<Row> rows = List.of(RowFactory.create("a", Date.valueOf(END)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClvJob.run(
                spark.createDataFrame(rows, ClvJob.INPUT.structType()), END, 7, 52, FitOptions.defaults()));
        assertEquals("input 'purchases': no customer has a purchase before the calibration end 2025-12-31",
                e.getMessage());
    }
}
