package dev.o2o.spark;

import dev.o2o.segmentation.rfm.RfmScores;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.RfmTable;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.Segmentation;
import dev.o2o.segmentation.rfm.TiePolicy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RfmJobTest {

    private static SparkSession spark;
    private static List<Row> customers;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.get();
        Random random = new Random(2020);
        customers = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long recency = random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(60);
            long frequency = 1 + (long) Math.floor(-Math.log(1 - random.nextDouble()) * 3);
            double monetary = Math.round(random.nextDouble() * random.nextDouble() * 200_000) / 100.0;
            customers.add(RowFactory.create(String.format("c%07d", i * 7919L % 1_000_003),
                    recency, frequency, monetary));
        }
        // input order for the single-machine scoring is customer_id order, as the job documents
        Collections.shuffle(customers, random);
    }

    private static Dataset<Row> frame(List<Row> rows, int partitions) {
        return spark.createDataFrame(rows, RfmJob.INPUT.structType()).repartition(partitions);
    }

    @ParameterizedTest
    @EnumSource(TiePolicy.class)
    void equalsSingleMachineScoringInAnyPartitioning(TiePolicy ties) {
        RfmScoring scoring = RfmScoring.defaults().withTies(ties).withWeights(0.5, 1.25, 2);
        SegmentMap segments = SegmentMap.standard();
        List<Row> sorted = new ArrayList<>(customers);
        sorted.sort(Comparator.comparing(r -> r.getString(0)));
        RfmTable table = RfmTable.of(sorted.size(), i -> sorted.get(i).getLong(1), i -> sorted.get(i).getLong(2),
                i -> sorted.get(i).getDouble(3));
        RfmScores expected = scoring.score(table);
        Segmentation expectedSegments = segments.segment(expected);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            index.put(sorted.get(i).getString(0), i);
        }
        for (int partitions : new int[] {1, 3, 17}) {
            List<Row> out = RfmJob.score(frame(customers, partitions), scoring, segments).collectAsList();
            assertEquals(customers.size(), out.size());
            for (Row row : out) {
                int i = index.get(row.getString(0));
                String what = ties + " in " + partitions + " partitions, customer " + row.getString(0);
                assertEquals(expected.recency(i), row.getInt(4), what);
                assertEquals(expected.frequency(i), row.getInt(5), what);
                assertEquals(expected.monetary(i), row.getInt(6), what);
                assertEquals(expected.code(i), row.getInt(7), what);
                assertEquals(Double.doubleToLongBits(expected.total(i)), Double.doubleToLongBits(row.getDouble(8)), what);
                assertEquals(expectedSegments.segment(i), row.getString(9), what);
            }
        }
        // the data has ties on every column, so FIRST_COME really ranks within equal values
        assertTrue(expected.countRecency(1) > 0 && expected.countFrequency(5) > 0);
    }

    @Test
    void oneCustomerGetsTheTopRecencyScore() {
        Row only = RfmJob.score(frame(customers.subList(0, 1), 1), RfmScoring.defaults(), SegmentMap.standard())
                .first();
        assertEquals(5, only.getInt(4));
        assertEquals(1, only.getInt(5));
    }

    @Test
    void refusesBadInputBeforeScoring() {
        RfmScoring scoring = RfmScoring.defaults();
        SegmentMap segments = SegmentMap.standard();
        Dataset<Row> good = frame(customers.subList(0, 50), 2);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RfmJob.score(good.drop("frequency"), scoring, segments));
        assertEquals("input 'customers': column 'frequency' of type bigint is missing; columns present: "
                + "[customer_id, recency_days, monetary]", missing.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> RfmJob.score(good.withColumn("monetary", good.col("monetary").cast("string")), scoring,
                        segments));
        assertEquals("input 'customers': column 'monetary' has type string, expected double", type.getMessage());
        List<Row> withNull = new ArrayList<>(customers.subList(0, 5));
        withNull.add(RowFactory.create(null, 3L, 2L, 10.0));
        IllegalArgumentException nulls = assertThrows(IllegalArgumentException.class,
                () -> RfmJob.score(spark.createDataFrame(withNull, RfmJob.INPUT.structType().asNullable()), scoring,
                        segments));
        assertEquals("input 'customers': non-null column 'customer_id' (string) is null in 1 of 6 rows",
                nulls.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RfmJob.score(good.limit(0), scoring, segments));
        assertEquals("input 'customers' is empty: at least one row is needed", empty.getMessage());
        List<Row> negative = new ArrayList<>(customers.subList(0, 5));
        negative.add(RowFactory.create("x", -1L, 2L, 10.0));
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> RfmJob.score(frame(negative, 2), scoring, segments));
        assertEquals("input 'customers': recency_days must be >= 0, 1 rows are not", value.getMessage());
        List<Row> repeated = new ArrayList<>(customers.subList(0, 5));
        repeated.add(customers.get(0));
        IllegalArgumentException ids = assertThrows(IllegalArgumentException.class,
                () -> RfmJob.score(frame(repeated, 2), scoring, segments));
        assertEquals("input 'customers': customer_id must be unique, 1 ids occur in 2 rows", ids.getMessage());
        IllegalArgumentException bins = assertThrows(IllegalArgumentException.class,
                () -> RfmJob.score(good, scoring.withBins(4), segments));
        assertEquals("the segment map is for 5 scores, the scoring has 4", bins.getMessage());
    }

    @Test
    void schemaTypesAreTheDocumentedOnes() {
        assertEquals(DataTypes.LongType, RfmJob.INPUT.structType().apply("recency_days").dataType());
        assertEquals("segment", RfmJob.OUTPUT.fieldNames()[9]);
    }
}
