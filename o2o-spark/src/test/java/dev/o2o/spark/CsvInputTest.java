package dev.o2o.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.SegmentMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV inputs of the {@code Jobs} entry point are read by their header's column names, not by
 * position, and a value that does not parse as its column's type is refused by name.
 */
class CsvInputTest {

    /**
     * 300 customers, recency (100..399 days) and frequency (1..9) far apart: both parse as bigint, so a
     * reader that took them by position would swap them without a word and change every score.
     */
    private static List<String> customers(String header, boolean swapped) {
        Random random = new Random(11);
        List<String> lines = new ArrayList<>();
        lines.add(header);
        for (int i = 0; i < 300; i++) {
            int recency = 100 + random.nextInt(300);
            int frequency = 1 + random.nextInt(9);
            double monetary = random.nextInt(100_000) / 100.0;
            lines.add(swapped ? "c" + i + "," + frequency + "," + recency + "," + monetary + ",x"
                    : "c" + i + "," + recency + "," + frequency + "," + monetary);
        }
        return lines;
    }

    private record Run(int code, String err) {
    }

    private static Run rfm(Path input, Path output) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Jobs.run(new String[] {"rfm", "--input", input.toString(), "--output", output.toString(),
                "--format", "csv"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void columnsAreTakenByTheirHeaderNameInAnyOrderAndExtraColumnsAreIgnored(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path ordered = dir.resolve("ordered.csv");
        Files.write(ordered, customers("customer_id,recency_days,frequency,monetary", false));
        Path shuffled = dir.resolve("shuffled.csv");
        Files.write(shuffled, customers("customer_id,frequency,recency_days,monetary,note", true));
        assertEquals(0, rfm(ordered, dir.resolve("a")).code());
        Run run = rfm(shuffled, dir.resolve("b"));
        assertEquals(0, run.code(), run.err());
        List<Row> a = spark.read().option("header", "true").schema(RfmJob.OUTPUT).csv(dir.resolve("a").toString())
                .sort("customer_id").collectAsList();
        List<Row> b = spark.read().option("header", "true").schema(RfmJob.OUTPUT).csv(dir.resolve("b").toString())
                .sort("customer_id").collectAsList();
        assertEquals(300, a.size());
        assertEquals(a, b);
        List<Row> direct = RfmJob.score(spark.read().option("header", "true").schema(RfmJob.INPUT.structType())
                .csv(ordered.toString()), RfmScoring.defaults(), SegmentMap.standard()).sort("customer_id")
                .collectAsList();
        assertEquals(direct, a);
    }

    @Test
    void aValueThatIsNotOfItsColumnsTypeIsRefusedWithColumnTypeAndValue(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        Path input = dir.resolve("customers.csv");
        Files.write(input, List.of("customer_id,recency_days,frequency,monetary", "c1,3,2,10.5", "c2,4,1,abc",
                "c3,5,1,7", "c4,2.5,1,8"));
        Run run = rfm(input, dir.resolve("out"));
        assertEquals(2, run.code(), run.err());
        assertEquals("o2o-spark rfm: input 'customers': column 'recency_days' must hold bigint values; 1 row does not,"
                + " the first: '2.5'", run.err());
        Files.write(input, List.of("customer_id,recency_days,frequency,monetary", "c1,3,2,10.5", "c2,4,1,abc",
                "c3,5,1,1e999x"));
        run = rfm(input, dir.resolve("out"));
        assertEquals("o2o-spark rfm: input 'customers': column 'monetary' must hold double values; 2 rows do not,"
                + " the first: 'abc'", run.err());
    }

    @Test
    void aMissingColumnIsNamedWithItsTypeAndTheColumnsPresent(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        Path input = dir.resolve("customers.csv");
        Files.write(input, List.of("customer_id,monetary,recency_days", "c1,10.5,3"));
        Run run = rfm(input, dir.resolve("out"));
        assertEquals(2, run.code(), run.err());
        assertEquals("o2o-spark rfm: input 'customers': column 'frequency' of type bigint is missing; columns present:"
                + " [customer_id, monetary, recency_days]", run.err());
        Files.write(input, List.of("customer_id,recency_days,frequency,monetary"));
        run = rfm(input, dir.resolve("out"));
        assertEquals("o2o-spark rfm: input 'customers' is empty: at least one row is needed", run.err());
    }
}
