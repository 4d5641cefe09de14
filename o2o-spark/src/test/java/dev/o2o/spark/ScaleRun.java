package dev.o2o.spark;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.journey.JourneyOptions;
import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.SegmentMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

/**
 * The scale run of benchmarks/RESULTS.md ({@code ## spark scale (spark3)}), not a test: generates
 * seeded synthetic inputs as Parquet with Spark, then times each job's stages in {@code local[2]}
 * (wall clock, one run). Arguments: {@code DIR LINKS TOUCHPOINTS CUSTOMERS}. Run it with the test
 * classes, o2o.jar and the Spark jars of {@code examples/target/spark-classpath.txt} on the class
 * path and Spark's JVM options (see the RESULTS section for the command).
 * An optional fifth argument {@code rfm}, {@code attribution} or {@code stitch} runs that job only.
 */
public final class ScaleRun {

    private static final List<Channel> CHANNELS = List.of(new Channel("search", "search", ChannelKind.ONLINE, false),
            new Channel("social", "social", ChannelKind.ONLINE, false),
            new Channel("store", "store", ChannelKind.OFFLINE, false),
            new Channel("direct", "direct", ChannelKind.ONLINE, true));

    private ScaleRun() {
    }

    private static long start;

    private static void lap(String what) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "%-60s %8.1f s%n", what, (now - start) / 1e9);
        start = now;
    }

    public static void main(String[] args) {
        String dir = args[0];
        long links = Long.parseLong(args[1]);
        long touchpoints = Long.parseLong(args[2]);
        long customers = Long.parseLong(args[3]);
        String only = args.length > 4 ? args[4] : "all";
        SparkSession spark = SparkSession.builder().master("local[2]").appName("o2o-scale")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "64")
                .config("spark.local.dir", dir + "/spark-tmp")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        spark.sparkContext().setCheckpointDir(dir + "/checkpoints");

        start = System.nanoTime();
        // smallest first, so that a run cut short still reports the others; args[4] picks one
        if (only.equals("all") || only.equals("rfm")) {
            spark.range(0, customers).toDF("k").select(concat(lit("c"), col("k")).as("customer_id"),
                            expr("pmod(xxhash64(k, 7), 365)").as("recency_days"),
                            expr("1 + pmod(xxhash64(k, 8), 30)").as("frequency"),
                            expr("CAST(pmod(xxhash64(k, 9), 1000000) AS DOUBLE) / 100").as("monetary"))
                    .write().mode(SaveMode.Overwrite).parquet(dir + "/customers");
            lap("generate " + customers + " RFM customers (parquet)");

            Dataset<Row> scored = RfmJob.score(spark.read().parquet(dir + "/customers"), RfmScoring.defaults(),
                    SegmentMap.standard());
            lap("rfm: check input, quantile breaks");
            scored.write().mode(SaveMode.Overwrite).parquet(dir + "/out/rfm");
            lap("rfm: score and write");
        }
        if (only.equals("all") || only.equals("attribution")) {
            // touchpoints: 10 per customer over 60 days, channels and types from a hash of (row, salt)
            long m = touchpoints / 10;
            Dataset<Row> t = spark.range(0, touchpoints).toDF("k").select(
                    concat(lit("c"), expr("k % " + m)).as("customer_id"),
                    expr("element_at(array('search','social','store','direct'), CAST(pmod(xxhash64(k, 1), 4) + 1 AS INT))")
                            .as("channel"),
                    expr("timestamp_seconds(1735689600 + pmod(xxhash64(k, 2), 5184000))").as("at"),
                    expr("element_at(array('CLICK','VISIT','IMPRESSION'), CAST(pmod(xxhash64(k, 3), 3) + 1 AS INT))")
                            .as("type"),
                    lit(null).cast("string").as("campaign"), lit(null).cast("string").as("store_id"));
            t.write().mode(SaveMode.Overwrite).parquet(dir + "/touchpoints");
            // orders: one per two customers, in the last 30 days
            Dataset<Row> o = spark.range(0, m / 2).toDF("k").select(
                    concat(lit("o"), col("k")).as("order_id"), concat(lit("c"), expr("k * 2")).as("customer_id"),
                    expr("element_at(array('search','store'), CAST(pmod(xxhash64(k, 4), 2) + 1 AS INT))").as("channel"),
                    expr("timestamp_seconds(1738281600 + pmod(xxhash64(k, 5), 2592000))").as("at"),
                    lit("COMPLETED").as("status"), lit("CNY").as("currency"),
                    expr("CAST(pmod(xxhash64(k, 6), 100000) / 100 AS DECIMAL(18,2))").as("total"),
                    expr("CAST(0 AS DECIMAL(18,2))").as("refunded"));
            o.write().mode(SaveMode.Overwrite).parquet(dir + "/orders");
            lap("generate " + touchpoints + " touchpoints, " + m / 2 + " orders (parquet)");

            Dataset<Row> journeys = AttributionJob.journeys(spark.read().parquet(dir + "/touchpoints"),
                    spark.read().parquet(dir + "/orders"), CHANNELS, JourneyOptions.defaults());
            lap("attribution: check inputs");
            journeys.write().mode(SaveMode.Overwrite).parquet(dir + "/out/journeys");
            lap("attribution: build and write journeys");
            AttributionResult markov = AttributionJob.attribute(spark.read().parquet(dir + "/out/journeys"),
                    AttributionModel.markov(), CHANNELS);
            lap("attribution: markov over the journeys (" + markov.totalConversions() + " conversions)");
            AttributionResult shapley = AttributionJob.attribute(spark.read().parquet(dir + "/out/journeys"),
                    AttributionModel.shapleyConversions(), CHANNELS);
            lap("attribution: shapley over the journeys (" + shapley.totalConversions() + " conversions)");

        }
        if (only.equals("all") || only.equals("stitch")) {
            // links: customer c's member card and device are linked to their phone, and device c also to
            // phone c+1 unless c % 8 == 7, so customers come in chains of 8 (24 identifiers, a path of 16)
            long n = links / 3;
            Dataset<Row> ids = spark.range(0, n).toDF("c");
            Dataset<Row> cards = ids.select(lit("member_card").as("first_type"), concat(lit("M"), col("c")).as("first_value"),
                    lit("phone").as("second_type"), concat(lit("P"), col("c")).as("second_value"));
            Dataset<Row> next = ids.filter(expr("c % 8 <> 7")).select(lit("device_id").as("first_type"),
                    concat(lit("D"), col("c")).as("first_value"), lit("phone").as("second_type"),
                    concat(lit("P"), expr("c + 1")).as("second_value"));
            Dataset<Row> own = ids.select(lit("device_id").as("first_type"), concat(lit("D"), col("c")).as("first_value"),
                    lit("phone").as("second_type"), concat(lit("P"), col("c")).as("second_value"));
            cards.union(own).union(next).write().mode(SaveMode.Overwrite)
                    .parquet(dir + "/links");
            lap("generate " + spark.read().parquet(dir + "/links").count() + " links (parquet)");

            IdentityStitching.Result r = IdentityStitching.stitch(spark.read().parquet(dir + "/links"),
                    IdentityConfig.defaults().withSuperNodeLimit(IdentifierType.of("device_id"), 50), 4);
            lap("stitch: check, number, super-nodes, " + r.rounds() + " star rounds");
            r.identifiers().write().mode(SaveMode.Overwrite).parquet(dir + "/out/identifiers");
            lap("stitch: write identifiers");
            long clusters = spark.read().parquet(dir + "/out/identifiers").select("cluster_id").distinct().count();
            lap("stitch: count clusters (" + clusters + ", expected " + (n + 7) / 8 + ")");

        }
        spark.stop();
    }
}
