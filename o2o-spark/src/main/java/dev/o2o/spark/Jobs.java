package dev.o2o.spark;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.ChannelCredit;
import dev.o2o.attribution.journey.JourneyOptions;
import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.Money;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.segmentation.clv.FitOptions;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.TiePolicy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code spark-submit} entry point:
 * <pre>
 * spark-submit --class dev.o2o.spark.Jobs o2o-spark.jar stitch|profiles|rfm|clv|attribution
 *     --input PATH --output PATH [--format parquet|csv] [--output-partitions N] [--master URL] [job options]
 * </pre>
 * Inputs are read in the job's schema (CSV with a header, read with that schema; Parquet as
 * written); outputs are written in the same format, replacing what is there. Job options:
 * <ul>
 * <li>{@code stitch}: input = links; {@code --super-node-limit TYPE=N} (repeatable),
 *     {@code --checkpoint-interval N} (default 4); writes {@code OUTPUT/identifiers} and
 *     {@code OUTPUT/super_nodes}.</li>
 * <li>{@code rfm}: input = customers; {@code --bins K} (default 5), {@code --ties
 *     same_bin|first_come|rfm_package}; writes the scored customers with the standard segments.</li>
 * <li>{@code clv}: input = purchases; {@code --calibration-end DATE} (required),
 *     {@code --days-per-unit D} (default 7), {@code --horizon T} (default 52); writes
 *     {@code OUTPUT/customers} and {@code OUTPUT/parameters}. With {@code --clv-periods N} the
 *     purchases also need a {@code value} column ({@link ClvJob#VALUED}): Gamma-Gamma is fitted too
 *     and {@code OUTPUT/value} gets each customer's expected spend and discounted CLV over N
 *     periods of {@code --period-length L} time units (default 4) at {@code --discount-rate R} per
 *     period (default 0); {@code parameters} then lists p, q and v after r, alpha, a and b.</li>
 * <li>{@code profiles}: {@code --input} is a directory with {@code touchpoints} and {@code orders}
 *     (as for attribution); {@code --channels} (required), {@code --as-of INSTANT} (required),
 *     {@code --o2o-window-days N} (default 7), {@code --zone Z} (default UTC), {@code --currency C}
 *     (default CNY), {@code --tags SPEC} (core's built-in tag rules, for example
 *     {@code loyal=5,churn_risk=90,high_value=5000,o2o_shopper}; without it the {@code tags} column
 *     is empty); writes the profiles.</li>
 * <li>{@code attribution}: {@code --input} is a directory with {@code touchpoints} and
 *     {@code orders}; {@code --channels id:online|offline[:direct],...} (required),
 *     {@code --model first|last|last_non_direct|linear|position|markov|shapley} (default
 *     markov), {@code --lookback-days N} (default 30); writes {@code OUTPUT/journeys} and
 *     {@code OUTPUT/credits}.</li>
 * </ul>
 * Each output is a directory of part files, as Spark writes them: one per partition of the
 * result. {@code --output-partitions N} coalesces every output to at most N partitions, so at
 * most N part files (1 gives one file per output, written by one task). A local run
 * ({@code --master}) uses as many shuffle partitions as the master has cores (Spark's default of
 * 200 is sized for clusters), so an output computed through a shuffle has at most that many part
 * files, and it logs
 * Spark's warnings only: before the session starts it selects the resource
 * {@code dev/o2o/spark/log4j2-local.properties} (Spark's
 * default Log4j2 configuration at level WARN) unless {@code log4j2.configurationFile} is set.
 * Exit code 2 with a one-line message for bad arguments or input (also when a task fails on a
 * row that core refuses, for example an order whose refund does not fit its status), 1 for other
 * failures.
 * {@code --master} is for runs outside {@code spark-submit} (the {@code ./o2o spark} command).
 *
 * <p>Not for use as a library: call the job classes. Not thread-safe.
 */
public final class Jobs {

    /** The job names, as on the command line, with the options of each besides the common ones. */
    private static final Map<String, Set<String>> JOBS = Map.of(
            "stitch", Set.of("super-node-limit", "checkpoint-interval"),
            "rfm", Set.of("bins", "ties"),
            "clv", Set.of("calibration-end", "days-per-unit", "horizon", "clv-periods", "period-length", "discount-rate"),
            "attribution", Set.of("channels", "model", "lookback-days"),
            "profiles", Set.of("channels", "as-of", "o2o-window-days", "zone", "currency", "tags"));
    private static final Set<String> COMMON = Set.of("input", "output", "format", "master", "output-partitions");
    private static final String LOG4J_CONFIGURATION = "log4j2.configurationFile";
    /** Spark's default Log4j2 configuration at level WARN, a resource of this module. */
    static final String LOCAL_LOGGING = "dev/o2o/spark/log4j2-local.properties";

    private Jobs() {
    }

    /** Runs a job; exits with 0, 1 or 2. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a job and returns the exit code (tests call this in-process with a running session). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("o2o-spark: " + e.getMessage());
            err.println("usage: Jobs stitch|profiles|rfm|clv|attribution --input PATH --output PATH [--format parquet|csv]"
                    + " [--output-partitions N] [--master URL] [job options]");
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("o2o-" + a.job);
        boolean local = a.options.containsKey("master");
        if (local) {
            // a run outside spark-submit (./o2o spark) shows Spark's warnings, not its INFO log: Log4j
            // reads this when it starts, which is inside getOrCreate in a fresh JVM; a user's setting wins
            if (System.getProperty(LOG4J_CONFIGURATION) == null) {
                System.setProperty(LOG4J_CONFIGURATION, LOCAL_LOGGING);
            }
            builder = builder.master(a.options.remove("master"));
        }
        SparkSession spark = builder.getOrCreate();
        if (local) {
            // for a JVM whose Log4j had started before (a caller of run), from here on
            spark.sparkContext().setLogLevel("WARN");
            // Spark's default of 200 shuffle partitions is sized for clusters; on local[N] it wrote
            // 200 small files per output
            spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(spark.sparkContext().defaultParallelism()));
        }
        try {
            switch (a.job) {
                case "stitch" -> stitch(spark, a, out);
                case "rfm" -> rfm(spark, a, out);
                case "clv" -> clv(spark, a, out);
                case "profiles" -> profiles(spark, a, out);
                default -> attribution(spark, a, out);
            }
            return 0;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            err.println("o2o-spark " + a.job + ": " + e.getMessage());
            return 2;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            // a missing input is the caller's mistake, not a bug: one line and exit 2, not a stack trace
            if (e instanceof SparkThrowable st && "PATH_NOT_FOUND".equals(st.getCondition())) {
                err.println("o2o-spark " + a.job + ": --input: path does not exist: "
                        + st.getMessageParameters().getOrDefault("path", String.valueOf(a.options.get("input"))));
                return 2;
            }
            // a row that core refuses fails its task; Spark reports it as the cause of the job's failure
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException bad) {
                    err.println("o2o-spark " + a.job + ": a row of the input is refused: " + bad.getMessage());
                    return 2;
                }
            }
            throw e;
        }
    }

    private static void stitch(SparkSession spark, Arguments a, PrintStream out) {
        IdentityConfig config = IdentityConfig.defaults();
        for (String limit : a.all("super-node-limit")) {
            String[] kv = limit.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--super-node-limit must be TYPE=N, got '" + limit + "'");
            }
            config = config.withSuperNodeLimit(IdentifierType.of(kv[0]), a.integer("super-node-limit", kv[1]));
        }
        int interval = a.integer("checkpoint-interval", a.take("checkpoint-interval", "4"));
        IdentityStitching.Result r = IdentityStitching.stitch(read(spark, a, a.input(), IdentityStitching.INPUT),
                config, interval);
        write(r.identifiers(), a, a.output() + "/identifiers");
        write(r.superNodes(), a, a.output() + "/super_nodes");
        out.println("stitch: " + r.rounds() + " rounds; wrote " + a.output() + "/identifiers and /super_nodes");
    }

    private static void rfm(SparkSession spark, Arguments a, PrintStream out) {
        int bins = a.integer("bins", a.take("bins", "5"));
        String ties = a.take("ties", "same_bin");
        TiePolicy policy;
        try {
            policy = TiePolicy.valueOf(ties.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ties must be same_bin, first_come or rfm_package, got '" + ties + "'");
        }
        RfmScoring scoring = RfmScoring.defaults().withBins(bins).withTies(policy);
        SegmentMap segments = bins == 5 ? SegmentMap.standard() : SegmentMap.of(List.of(), "All", bins);
        write(RfmJob.score(read(spark, a, a.input(), RfmJob.INPUT), scoring, segments), a, a.output());
        out.println("rfm: wrote " + a.output());
    }

    private static void clv(SparkSession spark, Arguments a, PrintStream out) {
        String end = a.take("calibration-end", null);
        if (end == null) {
            throw new IllegalArgumentException("clv needs --calibration-end DATE (for example 2025-12-31)");
        }
        String periods = a.take("clv-periods", null);
        String periodLength = a.take("period-length", null);
        String rate = a.take("discount-rate", null);
        if (periods == null && (periodLength != null || rate != null)) {
            throw new IllegalArgumentException("--period-length and --discount-rate need --clv-periods N");
        }
        LocalDate calibrationEnd = LocalDate.parse(end);
        double daysPerUnit = a.decimal("days-per-unit", a.take("days-per-unit", "7"));
        Dataset<Row> purchases = read(spark, a, a.input(), periods == null ? ClvJob.INPUT : ClvJob.VALUED);
        if (periods != null) {
            // the spend model's input is checked before the purchase model runs
            ClvJob.VALUED.check(purchases);
            purchases = purchases.cache();
        }
        ClvJob.Result r = ClvJob.run(purchases, calibrationEnd, daysPerUnit,
                a.decimal("horizon", a.take("horizon", "52")), FitOptions.defaults());
        write(r.customers(), a, a.output() + "/customers");
        List<Row> params = new ArrayList<>();
        for (int i = 0; i < r.fit().parameterNames().size(); i++) {
            params.add(RowFactory.create(r.fit().parameterNames().get(i), r.fit().estimates().get(i)));
        }
        String spend = "";
        if (periods != null) {
            ClvJob.ValueResult v = ClvJob.value(ClvJob.spend(purchases, calibrationEnd, daysPerUnit), r.fit().model(),
                    FitOptions.defaults(), a.decimal("period-length", periodLength == null ? "4" : periodLength),
                    a.integer("clv-periods", periods), a.decimal("discount-rate", rate == null ? "0" : rate));
            write(v.customers(), a, a.output() + "/value");
            for (int i = 0; i < v.fit().parameterNames().size(); i++) {
                params.add(RowFactory.create(v.fit().parameterNames().get(i), v.fit().estimates().get(i)));
            }
            spend = "; Gamma-Gamma " + v.fit().parameterNames() + " = " + v.fit().estimates() + "; wrote "
                    + a.output() + "/value";
        }
        StructType schema = new StructType().add("parameter", DataTypes.StringType, false)
                .add("estimate", DataTypes.DoubleType, false);
        write(spark.createDataFrame(params, schema).coalesce(1), a, a.output() + "/parameters");
        out.println("clv: BG/NBD " + r.fit().parameterNames() + " = " + r.fit().estimates() + "; wrote "
                + a.output() + "/customers and /parameters" + spend);
    }

    private static void profiles(SparkSession spark, Arguments a, PrintStream out) {
        List<Channel> channels = channels(a);
        String asOf = a.take("as-of", null);
        if (asOf == null) {
            throw new IllegalArgumentException("profiles needs --as-of INSTANT (for example 2026-06-01T00:00:00Z)");
        }
        String currency = a.take("currency", "CNY");
        String tags = a.take("tags", null);
        ProfileTagRules rules = tags == null ? ProfileTagRules.none() : TagSpecs.recipe(tags, currency);
        ProfileConfig config = ProfileConfig.defaults()
                .withCurrency(Money.currency(currency))
                .withO2oWindow(Duration.ofDays(a.integer("o2o-window-days", a.take("o2o-window-days", "7"))))
                .withZone(ZoneId.of(a.take("zone", "UTC")));
        Dataset<Row> profiles = ProfilesJob.profiles(read(spark, a, a.input() + "/touchpoints", AttributionJob.TOUCHPOINTS),
                read(spark, a, a.input() + "/orders", AttributionJob.ORDERS), channels, config, Instant.parse(asOf), rules);
        write(profiles, a, a.output());
        out.println("profiles: wrote " + a.output());
    }

    private static List<Channel> channels(Arguments a) {
        String list = a.take("channels", null);
        if (list == null) {
            throw new IllegalArgumentException(a.job + " needs --channels id:online|offline[:direct],...");
        }
        List<Channel> channels = new ArrayList<>();
        for (String spec : list.split(",")) {
            String[] p = spec.split(":");
            if (p.length < 2 || p.length > 3 || (p.length == 3 && !p[2].equals("direct"))) {
                throw new IllegalArgumentException("a channel is id:online|offline[:direct], got '" + spec + "'");
            }
            ChannelKind kind = switch (p[1]) {
                case "online" -> ChannelKind.ONLINE;
                case "offline" -> ChannelKind.OFFLINE;
                default -> throw new IllegalArgumentException("channel kind must be online or offline, got '" + p[1]
                        + "'");
            };
            channels.add(new Channel(p[0], p[0], kind, p.length == 3));
        }
        return channels;
    }

    private static void attribution(SparkSession spark, Arguments a, PrintStream out) {
        List<Channel> channels = channels(a);
        String name = a.take("model", "markov");
        AttributionModel model = switch (name) {
            case "first" -> AttributionModel.firstTouch();
            case "last" -> AttributionModel.lastTouch();
            case "last_non_direct" -> AttributionModel.lastNonDirectTouch();
            case "linear" -> AttributionModel.linear();
            case "position" -> AttributionModel.positionBased();
            case "markov" -> AttributionModel.markov();
            case "shapley" -> AttributionModel.shapleyConversions();
            default -> throw new IllegalArgumentException("--model must be first, last, last_non_direct, linear,"
                    + " position, markov or shapley, got '" + name + "'");
        };
        JourneyOptions options = JourneyOptions.defaults()
                .withLookback(Duration.ofDays(a.integer("lookback-days", a.take("lookback-days", "30"))));
        Dataset<Row> journeys = AttributionJob.journeys(read(spark, a, a.input() + "/touchpoints",
                AttributionJob.TOUCHPOINTS), read(spark, a, a.input() + "/orders", AttributionJob.ORDERS), channels,
                options).cache();
        AttributionResult result = AttributionJob.attribute(journeys, model, channels);
        write(journeys, a, a.output() + "/journeys");
        List<Row> credits = new ArrayList<>();
        for (ChannelCredit c : result.credits()) {
            credits.add(RowFactory.create(c.channel(), c.conversions(), c.value()));
        }
        StructType schema = new StructType().add("channel", DataTypes.StringType, false)
                .add("conversions", DataTypes.DoubleType, false).add("value", DataTypes.DoubleType, false);
        write(spark.createDataFrame(credits, schema).coalesce(1), a, a.output() + "/credits");
        out.println("attribution (" + result.model() + "): " + result.totalConversions() + " conversions; wrote "
                + a.output() + "/journeys and /credits");
    }

    private static Dataset<Row> read(SparkSession spark, Arguments a, String path, InputSchema schema) {
        // CSV by header name: Spark's reader would apply the schema by position (CsvInput says why)
        return a.csv() ? CsvInput.read(spark, path, schema) : spark.read().parquet(path);
    }

    private static void write(Dataset<Row> data, Arguments a, String path) {
        if (a.outputPartitions > 0) {
            data = data.coalesce(a.outputPartitions);
        }
        if (a.csv()) {
            // CSV has no arrays: paths are written as channel ids joined by '>'
            Dataset<Row> flat = data;
            for (var f : data.schema().fields()) {
                if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType) {
                    flat = flat.withColumn(f.name(), org.apache.spark.sql.functions.concat_ws(">",
                            org.apache.spark.sql.functions.col(f.name())));
                }
            }
            flat.write().mode(SaveMode.Overwrite).option("header", "true").csv(path);
        } else {
            data.write().mode(SaveMode.Overwrite).parquet(path);
        }
    }

    /** The parsed command line: the job, --input, --output, --format and the job's options. */
    private static final class Arguments {
        final String job;
        final Map<String, String> options = new LinkedHashMap<>();
        final Map<String, List<String>> repeated = new LinkedHashMap<>();
        /** {@code --output-partitions}, or 0 for Spark's own partitioning of each output. */
        int outputPartitions;

        private Arguments(String job) {
            this.job = job;
        }

        static Arguments parse(String[] args) {
            if (args.length == 0 || !JOBS.containsKey(args[0])) {
                throw new IllegalArgumentException(args.length == 0 ? "a job is required"
                        : "unknown job '" + args[0] + "'; jobs are stitch, profiles, rfm, clv and attribution");
            }
            Arguments a = new Arguments(args[0]);
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option VALUE, got '" + args[i] + "'");
                }
                String key = args[i].substring(2);
                String value = args[++i];
                if (!COMMON.contains(key) && !JOBS.get(a.job).contains(key)) {
                    throw new IllegalArgumentException("unknown option --" + key + " for " + a.job + "; its options: "
                            + new java.util.TreeSet<>(JOBS.get(a.job)));
                }
                if (key.equals("super-node-limit")) {
                    a.repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                } else if (a.options.put(key, value) != null) {
                    throw new IllegalArgumentException("--" + key + " is given twice");
                }
            }
            for (String required : List.of("input", "output")) {
                if (!a.options.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " PATH is required");
                }
            }
            String partitions = a.options.remove("output-partitions");
            if (partitions != null) {
                a.outputPartitions = a.integer("output-partitions", partitions);
                if (a.outputPartitions < 1) {
                    throw new IllegalArgumentException("--output-partitions must be at least 1, got " + partitions);
                }
            }
            String format = a.options.getOrDefault("format", "parquet");
            if (!format.equals("parquet") && !format.equals("csv")) {
                throw new IllegalArgumentException("--format must be parquet or csv, got '" + format + "'");
            }
            return a;
        }

        String input() {
            return options.get("input");
        }

        String output() {
            return options.get("output");
        }

        boolean csv() {
            return options.getOrDefault("format", "parquet").equals("csv");
        }

        String take(String key, String fallback) {
            String v = options.remove(key);
            return v == null ? fallback : v;
        }

        List<String> all(String key) {
            List<String> v = repeated.remove(key);
            return v == null ? List.of() : v;
        }

        int integer(String key, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + value + "'");
            }
        }

        double decimal(String key, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " must be a number, got '" + value + "'");
            }
        }
    }
}
