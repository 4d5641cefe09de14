package dev.o2o.spark;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.o2o.spark.InputSchema.nonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

/**
 * Identity stitching as a Spark job: the connected components of the identity links, with
 * the same super-node guard as {@link IdentityGraph} (an identifier whose type has a limit in
 * {@link IdentityConfig#superNodeLimits()} and that is linked to more distinct identifiers than
 * that limit merges nothing: all its links are suppressed and it is a customer of its own).
 * The customers (which identifiers belong together) equal {@link IdentityGraph}'s on the same
 * links, in any order and any partitioning.
 *
 * <h2>Input: {@link #INPUT} ("links", one row per link)</h2>
 * <pre>
 * first_type    string  not null, an identifier type name ({@link IdentifierType})
 * first_value   string  not null, the identifier (non-blank, no surrounding white space)
 * second_type   string  not null
 * second_value  string  not null, not the same identifier as the first
 * </pre>
 * Repeated links (either direction) count once.
 *
 * <h2>Output</h2>
 * {@link Result#identifiers()}: {@code id_type}, {@code id_value}, {@code cluster_id} (bigint), one
 * row per identifier. {@code cluster_id} is the rank, in (type, value) order from 0, of the
 * customer's smallest identifier: deterministic, and free of personal data. Graph keys
 * ({@code cust-17}) depend on the order links arrive in; compare customers by membership.
 * {@link Result#superNodes()}: {@code id_type}, {@code id_value}, {@code partners} (bigint),
 * {@code limit} (int).
 *
 * <h2>How</h2>
 * Identifiers are numbered by a sort, the super-nodes found by counting distinct partners,
 * and the components computed by alternating large-star and small-star rounds (Kiveris,
 * Lattanzi, Mirrokni, Rastogi, Vassilvitskii: "Connected Components in MapReduce and Beyond",
 * SoCC 2014) until a round changes no edge; the edge set is checkpointed every
 * {@code checkpointInterval} rounds (to the session's checkpoint directory when one is set,
 * else locally) so that the plan does not grow with the rounds. Stateless and thread-safe.
 */
public final class IdentityStitching {

    /** The input schema. */
    public static final InputSchema INPUT = InputSchema.of("links",
            nonNull("first_type", DataTypes.StringType),
            nonNull("first_value", DataTypes.StringType),
            nonNull("second_type", DataTypes.StringType),
            nonNull("second_value", DataTypes.StringType));

    /** The schema of {@link Result#identifiers()}. */
    public static final StructType IDENTIFIERS = new StructType()
            .add("id_type", DataTypes.StringType, false)
            .add("id_value", DataTypes.StringType, false)
            .add("cluster_id", DataTypes.LongType, false);

    /** The schema of {@link Result#superNodes()}. */
    public static final StructType SUPER_NODES = new StructType()
            .add("id_type", DataTypes.StringType, false)
            .add("id_value", DataTypes.StringType, false)
            .add("partners", DataTypes.LongType, false)
            .add("limit", DataTypes.IntegerType, false);

    /**
     * The stitched identifiers and the super-nodes found.
     *
     * @param identifiers every identifier with its customer ({@link #IDENTIFIERS})
     * @param superNodes  the identifiers whose links were suppressed ({@link #SUPER_NODES})
     * @param rounds      the number of large-star/small-star rounds run
     */
    public record Result(Dataset<Row> identifiers, Dataset<Row> superNodes, int rounds) {
    }

    private IdentityStitching() {
    }

    /**
     * Stitches the links.
     *
     * @param config             the super-node limits (other settings are for graphs and unused here)
     * @param checkpointInterval rounds between checkpoints of the edge set, at least 1
     * @throws IllegalArgumentException if the input does not match {@link #INPUT}, is empty, or a
     *                                  row is not a valid link (core's message, which never holds
     *                                  the identifier's value)
     */
    public static Result stitch(Dataset<Row> links, IdentityConfig config, int checkpointInterval) {
        Objects.requireNonNull(config, "config");
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be >= 1, got " + checkpointInterval);
        }
        Dataset<Row> in = INPUT.check(links).data();
        checkLinks(in);
        SparkSession spark = in.sparkSession();

        // number the identifiers in (type, value) order: deterministic in any partitioning
        Dataset<Row> ends = in.select(col("first_type").as("t"), col("first_value").as("v"))
                .union(in.select(col("second_type").as("t"), col("second_value").as("v")))
                .distinct().sort("t", "v");
        JavaPairRDD<Row, Long> numbered = ends.javaRDD().zipWithIndex();
        Dataset<Row> nodes = spark.createDataFrame(numbered.map(p -> RowFactory.create(p._1().getString(0),
                        p._1().getString(1), p._2())),
                new StructType().add("t", DataTypes.StringType, false).add("v", DataTypes.StringType, false)
                        .add("id", DataTypes.LongType, false))
                .persist(StorageLevel.MEMORY_AND_DISK());

        // distinct undirected pairs as (larger id, smaller id)
        Dataset<Row> a = nodes.select(col("t").as("at"), col("v").as("av"), col("id").as("a"));
        Dataset<Row> b = nodes.select(col("t").as("bt"), col("v").as("bv"), col("id").as("b"));
        Dataset<Row> pairs = in
                .join(a, col("first_type").equalTo(col("at")).and(col("first_value").equalTo(col("av"))))
                .join(b, col("second_type").equalTo(col("bt")).and(col("second_value").equalTo(col("bv"))))
                .select(greatest(col("a"), col("b")).as("src"), least(col("a"), col("b")).as("dst"))
                .distinct()
                .persist(StorageLevel.MEMORY_AND_DISK());

        // the super-node guard: distinct partners above the type's limit
        Map<String, Integer> limits = new HashMap<>();
        config.superNodeLimits().forEach((type, limit) -> limits.put(type.name(), limit));
        Dataset<Row> superNodes;
        Dataset<Row> edges;
        if (limits.isEmpty()) {
            superNodes = spark.createDataFrame(List.of(), SUPER_NODES);
            edges = pairs;
        } else {
            Column limit = lit(null).cast(DataTypes.IntegerType);
            for (Map.Entry<String, Integer> e : limits.entrySet()) {
                limit = when(col("t").equalTo(e.getKey()), lit(e.getValue())).otherwise(limit);
            }
            Dataset<Row> partners = pairs.select(col("src").as("id")).union(pairs.select(col("dst").as("id")))
                    .groupBy("id").agg(count(lit(1)).as("partners"));
            Dataset<Row> supers = nodes.withColumn("limit", limit).filter(col("limit").isNotNull())
                    .join(partners, "id").filter(col("partners").gt(col("limit")))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            superNodes = supers.select(col("t").as("id_type"), col("v").as("id_value"), col("partners"),
                    col("limit"));
            Dataset<Row> superIds = supers.select(col("id").as("sid"));
            edges = pairs.join(superIds, col("src").equalTo(col("sid")), "left_anti")
                    .join(superIds, col("dst").equalTo(col("sid")), "left_anti");
        }

        Components components = components(edges.persist(StorageLevel.MEMORY_AND_DISK()), checkpointInterval);
        Dataset<Row> identifiers = nodes
                .join(components.roots(), col("id").equalTo(col("node")), "left")
                .select(col("t").as("id_type"), col("v").as("id_value"),
                        coalesce(col("root"), col("id")).as("cluster_id"));
        return new Result(identifiers, superNodes, components.rounds());
    }

    private record Components(Dataset<Row> roots, int rounds) {
    }

    /**
     * Large-star and small-star rounds over edges {@code (src, dst)} with {@code src > dst} until
     * a round changes nothing; then every edge joins a node to its component's smallest node.
     * Each round's edges are cached and re-read as a new Dataset, so that the query plan stays one
     * round deep (the plan of round r would otherwise hold its input several times over, and grow
     * exponentially); the cached partitions' lineage is cut by a checkpoint every
     * {@code checkpointInterval} rounds.
     */
    private static Components components(Dataset<Row> start, int checkpointInterval) {
        SparkSession spark = start.sparkSession();
        boolean reliable = spark.sparkContext().getCheckpointDir().isDefined();
        StructType schema = new StructType().add("src", DataTypes.LongType, false).add("dst", DataTypes.LongType, false);
        JavaRDD<Row> current = start.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> edges = spark.createDataFrame(current, schema);
        long edgeCount = edges.count();
        int round = 0;
        while (true) {
            round++;
            JavaRDD<Row> nextRdd = smallStar(largeStar(edges)).javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
            if (round % checkpointInterval == 0) {
                if (reliable) {
                    nextRdd.checkpoint();
                } else {
                    nextRdd.rdd().localCheckpoint();
                }
            }
            Dataset<Row> next = spark.createDataFrame(nextRdd, schema);
            long nextCount = next.count();
            boolean same = nextCount == edgeCount && next.except(edges).isEmpty();
            current.unpersist(false);
            current = nextRdd;
            edges = next;
            edgeCount = nextCount;
            if (same) {
                break;
            }
        }
        return new Components(edges.select(col("src").as("node"), col("dst").as("root")), round);
    }

    /** Every node joins its larger neighbours to the smallest node of its closed neighbourhood. */
    private static Dataset<Row> largeStar(Dataset<Row> edges) {
        Dataset<Row> both = edges.select(col("src").as("u"), col("dst").as("v"))
                .union(edges.select(col("dst").as("u"), col("src").as("v")));
        Dataset<Row> smallest = both.groupBy("u").agg(min("v").as("m"))
                .select(col("u").as("mu"), least(col("u"), col("m")).as("m"));
        return both.join(smallest, col("u").equalTo(col("mu")))
                .filter(col("v").gt(col("u")))
                .select(col("v").as("src"), col("m").as("dst"))
                .distinct();
    }

    /** Every node joins itself and its smaller neighbours to the smallest of them. */
    private static Dataset<Row> smallStar(Dataset<Row> edges) {
        Dataset<Row> smallest = edges.groupBy("src").agg(min("dst").as("m")).select(col("src").as("mu"), col("m"));
        return edges.join(smallest, col("src").equalTo(col("mu")))
                .select(when(col("dst").equalTo(col("m")), col("src")).otherwise(col("dst")).as("src"),
                        col("m").as("dst"))
                .distinct();
    }

    /** Refuses rows that are not valid links, with core's message (one job). */
    private static void checkLinks(Dataset<Row> in) {
        MapPartitionsFunction<Row, String> firstError = rows -> {
            Instant at = Instant.EPOCH;
            while (rows.hasNext()) {
                Row r = rows.next();
                try {
                    new IdentityLink(Identifier.of(IdentifierType.of(r.getString(0)), r.getString(1)),
                            Identifier.of(IdentifierType.of(r.getString(2)), r.getString(3)), at, "check");
                } catch (IllegalArgumentException e) {
                    return List.of(e.getMessage()).iterator();
                }
            }
            return List.<String>of().iterator();
        };
        List<String> errors = in.mapPartitions(firstError, Encoders.STRING()).limit(1).collectAsList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("input 'links': a row is not a valid link: " + errors.get(0));
        }
    }
}
