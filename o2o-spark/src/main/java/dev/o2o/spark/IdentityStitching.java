package dev.o2o.spark;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import org.apache.spark.TaskContext;
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
import org.apache.spark.util.LongAccumulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import static dev.o2o.spark.InputSchema.nonNull;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.struct;
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
 * Identifiers are numbered in (type, value) order by one range-partitioned sort of the links'
 * ends, the super-nodes found by counting distinct partners,
 * and the components computed by alternating large-star and small-star rounds (Kiveris,
 * Lattanzi, Mirrokni, Rastogi, Vassilvitskii: "Connected Components in MapReduce and Beyond",
 * SoCC 2014), two shuffles per round, until the edges form a star forest (exactly when a further
 * round would change no edge: see {@code components}); the edge set is checkpointed every
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
     * @param rounds      the number of large-star/small-star rounds, counted as the classic loop "until a
     *                    round changes nothing" counts them (the last round's large-star pass finds the
     *                    edges already final and ends there)
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

        // number the identifiers in (type, value) order in one pass: every end of every link, with
        // the link's number, range-partitioned and sorted by (type, value), so that partition p's
        // identifiers come in order and get the id (p << 40) + their rank within p; ids then order
        // identifiers as (type, value) does, and become global ranks at the end (rank())
        int partitions = spark.sessionState().conf().numShufflePartitions();
        // (the link's number is taken before the explode: beside it, Spark would number each end)
        Dataset<Row> sides = in.select(monotonically_increasing_id().as("link"), col("first_type"), col("first_value"),
                        col("second_type"), col("second_value"))
                .select(col("link"), explode(array(struct(col("first_type").as("t"), col("first_value").as("v")),
                        struct(col("second_type").as("t"), col("second_value").as("v")))).as("end"))
                .select(col("end.t").as("t"), col("end.v").as("v"), col("link"));
        Dataset<Row> numbered = sides.repartitionByRange(partitions, col("t"), col("v"))
                .sortWithinPartitions("t", "v")
                .mapPartitions(new Numbering(), Encoders.row(NUMBERED))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> nodes = numbered.filter(col("t").isNotNull().and(col("v").isNotNull()))
                .select(col("t"), col("v"), col("id"));

        // distinct undirected pairs as (larger id, smaller id)
        Dataset<Row> pairs = numbered.groupBy("link").agg(max("id").as("src"), min("id").as("dst"))
                .select(col("src"), col("dst"))
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
                        rank(coalesce(col("root"), col("id")), nodes).as("cluster_id"));
        return new Result(identifiers, superNodes, components.rounds());
    }

    private record Components(Dataset<Row> roots, int rounds) {
    }

    private static final int RANK_BITS = 40;

    /** The numbered ends of the links: every row has its identifier's id; the first of each identifier its t and v. */
    private static final StructType NUMBERED = new StructType().add("link", DataTypes.LongType, false)
            .add("id", DataTypes.LongType, false).add("t", DataTypes.StringType, true)
            .add("v", DataTypes.StringType, true);

    /**
     * Numbers a partition of link ends (t, v, link) sorted by (t, v): an identifier's id is the
     * partition's number shifted by {@value #RANK_BITS} bits plus the identifier's rank in the
     * partition; emits (link, id, t, v) with t and v on an identifier's first row only.
     */
    private static final class Numbering implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> ends) {
            long base = (long) TaskContext.getPartitionId() << RANK_BITS;
            return new Iterator<>() {
                private long rank = -1;
                private String t;
                private String v;

                @Override
                public boolean hasNext() {
                    return ends.hasNext();
                }

                @Override
                public Row next() {
                    Row r = ends.next();
                    String rt = r.getString(0);
                    String rv = r.getString(1);
                    if (rank >= 0 && rt.equals(t) && rv.equals(v)) {
                        return RowFactory.create(r.getLong(2), base + rank, null, null);
                    }
                    rank++;
                    t = rt;
                    v = rv;
                    return RowFactory.create(r.getLong(2), base + rank, rt, rv);
                }
            };
        }
    }

    /**
     * The global rank, in (type, value) order, of the identifier with the given id: the ranks of
     * the partitions before its own plus its rank within its partition (one small job counts
     * the identifiers per partition).
     */
    private static Column rank(Column id, Dataset<Row> nodes) {
        List<Row> last = nodes.groupBy(shiftright(col("id"), RANK_BITS).as("p")).agg(max("id").as("last"))
                .collectAsList();
        int partitions = 0;
        for (Row r : last) {
            partitions = Math.max(partitions, (int) r.getLong(0) + 1);
        }
        long[] counts = new long[partitions];
        for (Row r : last) {
            counts[(int) r.getLong(0)] = (r.getLong(1) & ((1L << RANK_BITS) - 1)) + 1;
        }
        long[] offsets = new long[partitions];
        for (int p = 1; p < partitions; p++) {
            offsets[p] = offsets[p - 1] + counts[p - 1];
        }
        return element_at(lit(offsets), shiftright(id, RANK_BITS).cast(DataTypes.IntegerType).plus(1))
                .plus(id.bitwiseAND((1L << RANK_BITS) - 1));
    }

    /**
     * Large-star and small-star rounds over edges {@code (src, dst)} with {@code src > dst} until
     * the edges form a star forest; then every edge joins a node to its component's smallest node.
     *
     * <p>A round costs two shuffles: the arcs (both directions of every edge) are partitioned by
     * their node and sorted by (node, neighbour), so that one streaming pass over each node's run
     * sees its smallest neighbour first and can emit the large-star edges at once
     * ({@link LargeStar}); the large-star edges are partitioned by {@code src} and sorted, and a
     * second streaming pass emits the small-star edges as arcs for the next round
     * ({@link SmallStar}). Repeated rows are adjacent after the sort, and both passes skip them,
     * so no {@code distinct} is needed.
     *
     * <p>When to stop. The classic test (a round's output equals its input) costs a count and a
     * set difference per round. This runs a cheaper, equivalent one inside the large-star pass:
     * the input edge set E is a <em>star forest</em> when no node has two smaller neighbours, nor
     * a smaller and a larger one (every node is either a centre, all its neighbours larger, or a
     * leaf with exactly one neighbour, smaller). Claim: E is a star forest if and only if a round
     * (small-star after large-star) leaves E unchanged.
     * <ul>
     * <li>If E is a star forest, each centre c is the smallest node of its component, so
     * large-star at c emits (v, c) for each leaf v, and at a leaf it emits nothing (a leaf has no
     * larger neighbour): E again. Small-star at a leaf v joins v to its single smaller neighbour
     * c: E again.</li>
     * <li>If a round leaves E unchanged, let c be the smallest node of a component (the rounds
     * keep components, so c is the smallest in every round's graph). Suppose a node w is not
     * adjacent to c while some neighbour u of c is adjacent to w. If w &gt; u, large-star at u
     * emits (w, c), and small-star at w then emits (w, c), so the output holds an edge the input
     * lacked. If w &lt; u, let m be the smallest node of w's closed neighbourhood (m is not c).
     * Large-star at c emits (u, c) and at w emits (u, m), so small-star at u emits (m, c), which,
     * E being unchanged, is in E. If m = w, that edge is (w, c): a contradiction. Else m is a
     * neighbour of w adjacent to c, so large-star at m emits (w, c) and small-star at w keeps
     * it: again a new edge. So every node of the component is adjacent to c; large-star then
     * emits exactly the edges (v, c), small-star keeps them, and E, being unchanged, is that
     * star.</li>
     * </ul>
     * So the pass that finds its input a star forest runs in the very round in which the classic
     * test would have found "no change": the round count is the same, and the round's large-star
     * output is the (distinct) input itself, the answer. The count is a {@link LongAccumulator}
     * of nodes that are neither centre nor leaf; a re-run task can only add to it, never hide a
     * node, and only zero is read.
     *
     * <p>Each round's edges are cached and re-read as a new Dataset, so that the query plan
     * stays one round deep; the cached partitions' lineage is cut by a checkpoint every
     * {@code checkpointInterval} rounds.
     */
    private static Components components(Dataset<Row> start, int checkpointInterval) {
        SparkSession spark = start.sparkSession();
        boolean reliable = spark.sparkContext().getCheckpointDir().isDefined();
        int partitions = spark.sessionState().conf().numShufflePartitions();
        Dataset<Row> arcs = start.select(col("src").as("u"), col("dst").as("v"))
                .union(start.select(col("dst").as("u"), col("src").as("v")));
        JavaRDD<Row> previous = null;
        int round = 0;
        while (true) {
            round++;
            LongAccumulator notStars = spark.sparkContext().longAccumulator("o2o stitching: nodes off a star");
            JavaRDD<Row> large = arcs.repartition(partitions, col("u")).sortWithinPartitions("u", "v")
                    .mapPartitions(new LargeStar(notStars), Encoders.row(EDGES)).javaRDD()
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            if (round % checkpointInterval == 0) {
                if (reliable) {
                    large.checkpoint();
                } else {
                    large.rdd().localCheckpoint();
                }
            }
            large.count();
            if (previous != null) {
                previous.unpersist(false);
            }
            previous = large;
            Dataset<Row> edges = spark.createDataFrame(large, EDGES);
            if (notStars.value() == 0) {
                return new Components(edges.select(col("src").as("node"), col("dst").as("root")), round);
            }
            arcs = edges.repartition(partitions, col("src")).sortWithinPartitions("src", "dst")
                    .mapPartitions(new SmallStar(), Encoders.row(ARCS));
        }
    }

    private static final StructType EDGES = new StructType().add("src", DataTypes.LongType, false)
            .add("dst", DataTypes.LongType, false);
    private static final StructType ARCS = new StructType().add("u", DataTypes.LongType, false)
            .add("v", DataTypes.LongType, false);

    /**
     * Streams a partition of (key, value) rows sorted by key and value, run by run (a run: the
     * rows of one key), skipping repeated rows; subclasses emit rows through {@link #emit}.
     */
    private abstract static class Runs implements Iterator<Row> {
        private final Iterator<Row> in;
        private final ArrayDeque<Row> out = new ArrayDeque<>();
        private boolean open;
        private long key;
        private long value;

        Runs(Iterator<Row> in) {
            this.in = in;
        }

        /** The first (smallest) value of a key's run. */
        abstract void first(long key, long value);

        /** A later value of the run, larger than the one before. */
        abstract void next(long key, long value);

        /** The run of {@code key} has ended. */
        abstract void end(long key);

        final void emit(long a, long b) {
            out.add(RowFactory.create(a, b));
        }

        @Override
        public final boolean hasNext() {
            while (out.isEmpty() && in.hasNext()) {
                Row r = in.next();
                long k = r.getLong(0);
                long v = r.getLong(1);
                if (!open || k != key) {
                    if (open) {
                        end(key);
                    }
                    open = true;
                    key = k;
                    value = v;
                    first(k, v);
                } else if (v != value) {
                    value = v;
                    next(k, v);
                }
            }
            if (out.isEmpty() && open) {
                open = false;
                end(key);
            }
            return !out.isEmpty();
        }

        @Override
        public final Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.poll();
        }
    }

    /**
     * Large-star over arcs (u, v) sorted by (u, v): every node u joins each larger neighbour to
     * m, the smallest node of its closed neighbourhood (u or its first neighbour); emits edges
     * (src, dst). Counts the nodes that are neither a star's centre nor its leaf.
     */
    private static final class LargeStar implements MapPartitionsFunction<Row, Row> {
        private final LongAccumulator notStars;

        LargeStar(LongAccumulator notStars) {
            this.notStars = notStars;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> arcs) {
            return new Runs(arcs) {
                private long m;
                private long smaller;
                private long larger;

                @Override
                void first(long u, long v) {
                    m = Math.min(u, v);
                    smaller = 0;
                    larger = 0;
                    next(u, v);
                }

                @Override
                void next(long u, long v) {
                    if (v < u) {
                        smaller++;
                    } else {
                        larger++;
                        emit(v, m);
                    }
                }

                @Override
                void end(long u) {
                    if (smaller > 1 || (smaller == 1 && larger > 0)) {
                        notStars.add(1);
                    }
                }
            };
        }
    }

    /**
     * Small-star over edges (src, dst) sorted by (src, dst): every node joins itself and its
     * smaller neighbours to the smallest of them (its first); emits both arcs of every edge.
     */
    private static final class SmallStar implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> edges) {
            return new Runs(edges) {
                private long m;

                @Override
                void first(long src, long dst) {
                    m = dst;
                    emit(src, m);
                    emit(m, src);
                }

                @Override
                void next(long src, long dst) {
                    emit(dst, m);
                    emit(m, dst);
                }

                @Override
                void end(long src) {
                }
            };
        }
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
