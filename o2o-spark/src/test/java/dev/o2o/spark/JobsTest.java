package dev.o2o.spark;

import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.SegmentMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobsTest {

    @Test
    void rfmFromCsvWritesTheJobsScores(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        lines.add("customer_id,recency_days,frequency,monetary");
        for (int i = 0; i < 400; i++) {
            lines.add("c" + i + "," + random.nextInt(200) + "," + (1 + random.nextInt(9)) + ","
                    + random.nextInt(100_000) / 100.0);
        }
        Path input = dir.resolve("customers.csv");
        Files.write(input, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Jobs.run(new String[] {"rfm", "--input", input.toString(), "--output", dir.resolve("out").toString(),
                "--format", "csv", "--ties", "first_come"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<Row> written = spark.read().option("header", "true").schema(RfmJob.OUTPUT).csv(dir.resolve("out").toString())
                .sort("customer_id").collectAsList();
        List<Row> direct = RfmJob.score(spark.read().option("header", "true").schema(RfmJob.INPUT.structType())
                        .csv(input.toString()), RfmScoring.defaults().withTies(dev.o2o.segmentation.rfm.TiePolicy.FIRST_COME),
                SegmentMap.standard()).sort("customer_id").collectAsList();
        assertEquals(direct, written);
        assertEquals(400, written.size());
    }

    @Test
    void badArgumentsExitWithTwoAndAMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, Jobs.run(new String[] {"segments", "--input", "a", "--output", "b"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
                "o2o-spark: unknown job 'segments'; jobs are stitch, profiles, rfm, clv and attribution"), err.toString());
        err.reset();
        assertEquals(2, Jobs.run(new String[] {"rfm", "--input", "a", "--output", "b", "--bogus", "1"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
                "o2o-spark: unknown option --bogus for rfm; its options: [bins, ties]"), err.toString());
        err.reset();
        SparkTestSession.get();
        assertEquals(2, Jobs.run(new String[] {"clv", "--input", "a", "--output", "b"}, o, e));
        assertEquals("o2o-spark clv: clv needs --calibration-end DATE (for example 2025-12-31)",
                err.toString(StandardCharsets.UTF_8).trim());
    }

    /** A missing --input is bad input: one line naming it and exit 2, not Spark's stack trace and exit 1. */
    @Test
    void aMissingInputExitsWithTwoNamingThePath(@TempDir Path dir) {
        SparkTestSession.get();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path missing = dir.resolve("no-such-input.csv");
        int code = Jobs.run(new String[] {"rfm", "--input", missing.toString(), "--output", dir.resolve("out").toString(),
                "--format", "csv"}, o, e);
        assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("o2o-spark rfm: --input: path does not exist: "), message);
        assertTrue(message.contains("no-such-input.csv"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void profilesFromCsvDirectories(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        writeInputs(dir, List.of("a,search,2026-05-01T10:00:00Z,CLICK,,", "a,store,2026-05-02T10:00:00Z,VISIT,,s1",
                "b,search,2026-05-03T10:00:00Z,CLICK,spring,"), List.of(
                "o1,a,store,2026-05-02T12:00:00Z,COMPLETED,CNY,120.50,0.00",
                "o2,c,search,2026-05-04T12:00:00Z,CANCELLED,CNY,10.00,0.00"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Jobs.run(new String[] {"profiles", "--input", dir.resolve("in").toString(), "--output",
                dir.resolve("out").toString(), "--format", "csv", "--channels", "search:online,store:offline",
                "--as-of", "2026-06-01T00:00:00Z"}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        // CSV has no arrays: the tags come as one string, joined by '>'
        var csvSchema = new org.apache.spark.sql.types.StructType(java.util.Arrays.copyOf(ProfilesJob.OUTPUT.fields(),
                ProfilesJob.OUTPUT.fields().length - 1)).add("tags", org.apache.spark.sql.types.DataTypes.StringType);
        List<Row> rows = spark.read().option("header", "true").schema(csvSchema)
                .csv(dir.resolve("out").toString()).sort("customer_id").collectAsList();
        assertEquals(3, rows.size());
        assertEquals(1L, rows.get(0).getLong(5)); // a: one offline order
        assertEquals(0, new java.math.BigDecimal("120.50").compareTo(rows.get(0).getDecimal(7)));
        assertEquals(1L, rows.get(0).getLong(15)); // a: searched online, bought in the store within the window
        assertEquals(1L, rows.get(2).getLong(10)); // c: one cancelled order
    }

    /** DIR/in/touchpoints/part.csv and DIR/in/orders/part.csv with their header rows and these lines. */
    private static void writeInputs(Path dir, List<String> touchpoints, List<String> orders) throws Exception {
        Files.createDirectories(dir.resolve("in/touchpoints"));
        Files.createDirectories(dir.resolve("in/orders"));
        List<String> t = new ArrayList<>(List.of("customer_id,channel,at,type,campaign,store_id"));
        t.addAll(touchpoints);
        Files.write(dir.resolve("in/touchpoints/part.csv"), t);
        List<String> o = new ArrayList<>(List.of("order_id,customer_id,channel,at,status,currency,total,refunded"));
        o.addAll(orders);
        Files.write(dir.resolve("in/orders/part.csv"), o);
    }

    @Test
    void profilesTagsOption(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        writeInputs(dir, List.of("a,search,2026-05-01T10:00:00Z,CLICK,,", "b,search,2026-05-03T10:00:00Z,CLICK,spring,"),
                List.of("o1,a,store,2026-05-02T12:00:00Z,COMPLETED,CNY,120.50,0.00",
                        "o2,c,search,2026-01-04T12:00:00Z,COMPLETED,CNY,10.00,0.00"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] args = {"profiles", "--input", dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
                "--format", "csv", "--channels", "search:online,store:offline", "--as-of", "2026-06-01T00:00:00Z",
                "--tags", "o2o_shopper,prospect,loyal=1,churn_risk=90,high_value=100"};
        assertEquals(0, Jobs.run(args, o, e), err.toString(StandardCharsets.UTF_8));
        // CSV has no arrays: the tags come as one string, highest priority first, joined by '>'
        List<Row> rows = spark.read().option("header", "true").csv(dir.resolve("out").toString()).sort("customer_id")
                .collectAsList();
        assertEquals("high_value>loyal>o2o_shopper", rows.get(0).getAs("tags"));
        assertEquals("prospect", rows.get(1).getAs("tags"));
        assertEquals("churn_risk>loyal", rows.get(2).getAs("tags"));
        args[args.length - 1] = "loyal";
        assertEquals(2, Jobs.run(args, o, e));
        assertEquals("o2o-spark profiles: --tags: loyal needs a value, loyal=ORDERS", err.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void clvWithValuesWritesSpendAndClv(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSession.get();
        List<Row> rows = ClvJobTest.valuedPurchases(800, 9);
        List<String> lines = new ArrayList<>();
        lines.add("customer_id,date,value");
        rows.forEach(r -> lines.add(r.getString(0) + "," + r.getDate(1) + "," + r.getDouble(2)));
        Path input = dir.resolve("purchases.csv");
        Files.write(input, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Jobs.run(new String[] {"clv", "--input", input.toString(), "--output", dir.resolve("out").toString(),
                "--format", "csv", "--calibration-end", "2025-12-31", "--clv-periods", "12", "--period-length", "4",
                "--discount-rate", "0.01"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Gamma-Gamma [p, q, v]"), out.toString());
        var purchases = spark.createDataFrame(rows, ClvJob.VALUED.structType());
        java.time.LocalDate end = java.time.LocalDate.of(2025, 12, 31);
        var fit = ClvJob.run(purchases, end, 7, 52, dev.o2o.segmentation.clv.FitOptions.defaults()).fit();
        List<Row> direct = ClvJob.value(ClvJob.spend(purchases, end, 7), fit.model(),
                dev.o2o.segmentation.clv.FitOptions.defaults(), 4, 12, 0.01).customers().sort("customer_id").collectAsList();
        List<Row> written = spark.read().option("header", "true").schema(ClvJob.VALUE).csv(dir.resolve("out/value")
                .toString()).sort("customer_id").collectAsList();
        assertEquals(direct, written);
        assertTrue(written.size() > 700, "customers valued: " + written.size());
        List<Row> params = spark.read().option("header", "true").schema("parameter string, estimate double")
                .csv(dir.resolve("out/parameters").toString()).collectAsList();
        assertEquals(List.of("r", "alpha", "a", "b", "p", "q", "v"), params.stream().map(r -> r.getString(0)).toList());
    }

    @Test
    void aRowThatCoreRefusesInATaskExitsWithTwoAndCoresMessage(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        writeInputs(dir, List.of("a,search,2026-05-01T10:00:00Z,CLICK,,"),
                List.of("o1,a,store,2026-05-02T12:00:00Z,COMPLETED,CNY,10.00,5.00"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Jobs.run(new String[] {"attribution", "--input", dir.resolve("in").toString(), "--output",
                dir.resolve("out").toString(), "--format", "csv", "--channels", "search:online,store:offline"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
        assertEquals("o2o-spark attribution: a row of the input is refused: refunded 5.00 CNY of order 'o1' does not fit"
                + " status COMPLETED with paid 10.00 CNY", err.toString(StandardCharsets.UTF_8).trim());
    }

    /**
     * A local run in a fresh JVM, as {@code ./o2o spark} starts it: Spark's start-up prints no INFO
     * line, and each output of local[2] has at most 2 part files (Spark's default would give up to
     * 200), or exactly one with {@code --output-partitions 1}; the identifiers are all written.
     */
    @Test
    void aLocalRunInItsOwnJvmLogsWarningsOnlyAndWritesFewPartFiles(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("first_type,first_value,second_type,second_value");
        for (int i = 0; i < 300; i++) {
            lines.add("phone,138" + (10_000_000 + i) + ",email,u" + i + "@example.com");
            lines.add("member_card,M" + i + ",phone,138" + (10_000_000 + i / 2));
        }
        Path input = dir.resolve("links.csv");
        Files.write(input, lines);
        for (int limit : new int[] {0, 1}) {
            Path output = dir.resolve("out" + limit);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m"));
            command.addAll(JvmOptions.SPARK_DRIVER);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Jobs.class.getName(), "stitch",
                    "--master", "local[2]", "--input", input.toString(), "--output", output.toString(), "--format", "csv"));
            if (limit > 0) {
                command.addAll(List.of("--output-partitions", String.valueOf(limit)));
            }
            Path stdout = dir.resolve("stdout" + limit);
            Path stderr = dir.resolve("stderr" + limit);
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            assertTrue(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "the Spark JVM did not end");
            String err = Files.readString(stderr);
            assertEquals(0, p.exitValue(), err);
            assertTrue(Files.readString(stdout).startsWith("stitch: "), Files.readString(stdout));
            assertTrue(err.lines().noneMatch(l -> l.contains(" INFO ") || l.contains("default log4j profile")), err);
            long files;
            try (var list = Files.list(output.resolve("identifiers"))) {
                files = list.filter(f -> f.getFileName().toString().startsWith("part-")).count();
            }
            assertTrue(limit == 0 ? files >= 1 && files <= 2 : files == 1, files + " part files");
            assertEquals(900, SparkTestSession.get().read().option("header", "true")
                    .csv(output.resolve("identifiers").toString()).count());
        }
    }

    /**
     * A missing input in a local run in a fresh JVM, as {@code ./o2o spark} starts it: exit 2 and the
     * one-line message, without the stack trace Spark logs at WARN while it looks for a streaming
     * sink's metadata under the path.
     */
    @Test
    void aMissingInputInItsOwnJvmPrintsNoStackTrace(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(JvmOptions.SPARK_DRIVER);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Jobs.class.getName(), "rfm",
                "--master", "local[1]", "--input", dir.resolve("missing.csv").toString(), "--output",
                dir.resolve("out").toString(), "--format", "csv"));
        Path stderr = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "the Spark JVM did not end");
        String err = Files.readString(stderr);
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), err);
        assertTrue(err.strip().endsWith("o2o-spark rfm: --input: path does not exist: file:"
                + dir.resolve("missing.csv")), err);
    }
}
