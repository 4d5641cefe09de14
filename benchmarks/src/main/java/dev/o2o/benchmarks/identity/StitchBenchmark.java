package dev.o2o.benchmarks.identity;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Stitches 10 million links over 5 million identifiers into customers, single-threaded (target:
 * under 10 s in a 2 GiB heap). Link endpoints are generated in the setup (seeded). The measured
 * part does what an ingestion loop does: it makes the two identifier strings of each link afresh
 * (as a parser would; this formatting is counted against the target), builds the
 * {@link IdentityLink} and feeds a fresh graph.
 *
 * <p>{@code shape=uniform}: both ends uniform at random, so a giant component forms (worst case
 * for find and for the redundant-link check). {@code shape=people}: identifiers belong to
 * people of 1 to 4 identifiers; 95% of links join identifiers of one person, 5% are noise
 * between random identifiers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:ActiveProcessorCount=1"})
public class StitchBenchmark {

    @Param({"5000000"})
    public int identifiers;

    @Param({"10000000"})
    public int links;

    @Param({"uniform", "people"})
    public String shape;

    @Param({"true"})
    public boolean presized;

    private static final int BATCH = 1024;

    private int[] ends;
    private static final IdentifierType[] TYPES = {IdentifierType.PHONE, IdentifierType.MEMBER_CARD,
        IdentifierType.DEVICE_ID, IdentifierType.APP_USER_ID, IdentifierType.SOCIAL_OPEN_ID};
    private static final String[] PREFIX = {"", "M", "dev-", "u", "oWx"};
    private static final String[] EVIDENCE = {"pos-member-scan", "app-login", "coupon-claim", "mini-program-login"};
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void generate() {
        SplittableRandom rnd = new SplittableRandom(20261123L);
        ends = new int[2 * links];
        if (shape.equals("uniform")) {
            for (int l = 0; l < links; l++) {
                int a = rnd.nextInt(identifiers);
                int b = rnd.nextInt(identifiers - 1);
                ends[2 * l] = a;
                ends[2 * l + 1] = b >= a ? b + 1 : b;
            }
        } else {
            // people: consecutive runs of 1..4 identifiers
            int[] personStart = new int[identifiers];
            int[] personSize = new int[identifiers];
            for (int i = 0; i < identifiers; ) {
                int s = Math.min(1 + rnd.nextInt(4), identifiers - i);
                for (int k = 0; k < s; k++) {
                    personStart[i + k] = i;
                    personSize[i + k] = s;
                }
                i += s;
            }
            for (int l = 0; l < links; l++) {
                int a = rnd.nextInt(identifiers);
                int b;
                if (rnd.nextInt(100) < 95 && personSize[a] > 1) {
                    b = personStart[a] + rnd.nextInt(personSize[a] - 1);
                    if (b >= a) {
                        b++;
                    }
                } else {
                    b = rnd.nextInt(identifiers - 1);
                    if (b >= a) {
                        b++;
                    }
                }
                ends[2 * l] = a;
                ends[2 * l + 1] = b;
            }
        }
    }

    /** Identifier number i: type i mod 5; phones are 11-digit numbers starting with 13. */
    static Identifier identifier(int i) {
        int t = i % 5;
        String value = t == 0 ? Long.toString(13_000_000_000L + i) : PREFIX[t] + Integer.toString(i, 36);
        return new Identifier(TYPES[t], value);
    }

    private IdentityGraph newGraph() {
        IdentityConfig config = presized ? IdentityConfig.defaults().withExpectedSize(identifiers, links)
                : IdentityConfig.defaults();
        return IdentityGraph.create(config);
    }

    @Benchmark
    public int stitch() {
        IdentityGraph graph = newGraph();
        for (int l = 0; l < links; l++) {
            graph.addLink(new IdentityLink(identifier(ends[2 * l]), identifier(ends[2 * l + 1]),
                    T0.plusSeconds(l), EVIDENCE[l & 3]));
        }
        return graph.customerCount();
    }

    /**
     * The same links handed over in lists of {@value #BATCH}, as a loader that reads a file in
     * chunks would ({@link IdentityGraph#addLinks}); each list is built afresh and counted.
     */
    @Benchmark
    public int stitchInBatches() {
        IdentityGraph graph = newGraph();
        List<IdentityLink> batch = new ArrayList<>(BATCH);
        for (int l = 0; l < links; l++) {
            batch.add(new IdentityLink(identifier(ends[2 * l]), identifier(ends[2 * l + 1]),
                    T0.plusSeconds(l), EVIDENCE[l & 3]));
            if (batch.size() == BATCH || l == links - 1) {
                graph.addLinks(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        return graph.customerCount();
    }
}
