package dev.o2o.spark;

import dev.o2o.segmentation.clv.BgNbd;
import dev.o2o.segmentation.clv.CalibrationData;
import dev.o2o.segmentation.clv.Clv;
import dev.o2o.segmentation.clv.GammaGamma;
import dev.o2o.segmentation.clv.HoldoutSplit;
import dev.o2o.segmentation.clv.Purchase;
import dev.o2o.segmentation.clv.SpendData;
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

    @Test
    void gammaGammaFitAndClvEqualTheSingleMachineModelsInAnyPartitioning() {
        SparkSession spark = SparkTestSession.get();
        Random random = new Random(6);
        BgNbd purchaseModel = new BgNbd(0.243, 4.414, 0.793, 2.426);
        TreeMap<String, Object[]> customers = new TreeMap<>();
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < 3000; c++) {
            String id = String.format("g%06d", c * 7919 % 100_003);
            int x = random.nextDouble() < 0.4 ? 0 : 1 + random.nextInt(12);
            double age = 10 + random.nextInt(40);
            double recency = x == 0 ? 0 : random.nextInt((int) age + 1);
            // gamma-ish mean values in cents: a customer-specific scale times the mean of x draws
            double scale = 20 + 80 * random.nextDouble();
            double mean = 0;
            for (int i = 0; i < x; i++) {
                mean += scale * -Math.log(1 - random.nextDouble());
            }
            mean = x == 0 ? 0 : Math.round(mean / x * 100) / 100.0 + 0.01;
            customers.put(id, new Object[] {x, recency, age, mean});
            rows.add(RowFactory.create(id, x, recency, age, mean));
        }
        List<Integer> xs = new ArrayList<>();
        List<Double> zs = new ArrayList<>();
        customers.values().stream().filter(v -> (int) v[0] >= 1).forEach(v -> {
            xs.add((int) v[0]);
            zs.add((double) v[3]);
        });
        ModelFit<GammaGamma> single = GammaGamma.fit(SpendData.of(xs.stream().mapToInt(Integer::intValue).toArray(),
                zs.stream().mapToDouble(Double::doubleValue).toArray()), FitOptions.defaults());
        for (int partitions : new int[] {1, 3, 17}) {
            ClvJob.ValueResult r = ClvJob.value(spark.createDataFrame(rows, ClvJob.SPEND.structType())
                    .repartition(partitions), purchaseModel, FitOptions.defaults(), 1.0, 52, 0.002);
            for (int i = 0; i < 3; i++) {
                assertClose(single.estimates().get(i), r.fit().estimates().get(i),
                        single.parameterNames().get(i) + " in " + partitions + " partitions");
            }
            List<Row> valued = r.customers().collectAsList();
            assertEquals(customers.size(), valued.size());
            for (Row v : valued) {
                Object[] c = customers.get(v.getString(0));
                CustomerSummary s = new CustomerSummary((int) c[0], (double) c[1], (double) c[2]);
                double spend = single.model().expectedAverageSpend(s.frequency(), (double) c[3]);
                assertClose(spend, v.getDouble(1), "expected spend of " + v.getString(0));
                assertClose(Clv.discounted(purchaseModel, s, spend, 1.0, 52, 0.002), v.getDouble(2),
                        "clv of " + v.getString(0));
            }
        }
        assertTrue(single.model().q() > 1, "the data must give a finite population mean: " + single.model());
    }

    /** Seeded valued purchases, several on some days, some after the calibration end. */
    static List<Row> valuedPurchases(int customers, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            String id = String.format("v%05d", c);
            int n = 1 + random.nextInt(8);
            int day = random.nextInt(380);
            for (int k = 0; k < n; k++) {
                rows.add(RowFactory.create(id, Date.valueOf(START.plusDays(day)), random.nextInt(30_000) / 100.0));
                day += random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(60);
            }
        }
        return rows;
    }

    @Test
    void spendRowsEqualHoldoutSplitPerCustomerInAnyPartitioning() {
        SparkSession spark = SparkTestSession.get();
        List<Row> rows = valuedPurchases(1500, 8);
        Map<String, List<Purchase>> byCustomer = new TreeMap<>();
        for (Row r : rows) {
            byCustomer.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                    .add(new Purchase(r.getDate(1).toLocalDate(), r.getDouble(2)));
        }
        Map<String, Row> expected = new HashMap<>();
        byCustomer.forEach((id, list) -> {
            list.sort(java.util.Comparator.comparing(Purchase::date).thenComparingDouble(Purchase::value));
            if (list.get(0).date().isBefore(END)) {
                HoldoutSplit s = HoldoutSplit.of(list, END, END, 7);
                expected.put(id, RowFactory.create(id, s.calibration().frequency(), s.calibration().recency(),
                        s.calibration().age(), s.meanRepeatValue().orElse(0)));
            }
        });
        assertTrue(expected.size() < byCustomer.size(), "some customers start after the calibration end");
        assertTrue(expected.values().stream().filter(r -> r.getInt(1) > 0).count() > 500, "repeat customers");
        for (int partitions : new int[] {1, 3, 17}) {
            List<Row> actual = ClvJob.spend(spark.createDataFrame(rows, ClvJob.VALUED.structType())
                    .repartition(partitions), END, 7).collectAsList();
            assertEquals(expected.size(), actual.size());
            for (Row a : actual) {
                assertEquals(expected.get(a.getString(0)), a, partitions + " partitions");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClvJob.spend(
                spark.createDataFrame(rows, ClvJob.VALUED.structType()).withColumn("value",
                        org.apache.spark.sql.functions.col("value").cast("string")), END, 7));
        assertEquals("input 'purchases': column 'value' has type string, expected double", e.getMessage());
    }
}
