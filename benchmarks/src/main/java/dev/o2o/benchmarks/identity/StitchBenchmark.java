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
 *
 * <p>{@code values=plain}: phone numbers, card numbers, device and account ids of 6 to 11
 * characters. {@code values=pseudonym}: every identifier is a 64-character lowercase hex string,
 * the form {@code Pseudonymizer.hmacSha256} gives, as when identity resolution runs on pseudonyms
 * only (derived from the identifier number by a mixing function rather than by HMAC, whose cost
 * belongs to the pseudonymizer, not to stitching).
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

    @Param({"plain"})
    public String values;

    private static final int BATCH = 1024;

    private int[] ends;
    private static final IdentifierType[] TYPES = {IdentifierType.PHONE, IdentifierType.MEMBER_CARD,
        IdentifierType.DEVICE_ID, IdentifierType.APP_USER_ID, IdentifierType.SOCIAL_OPEN_ID};
    private static final String[] PREFIX = {"", "M", "dev-", "u", "oWx"};
    private static final String[] EVIDENCE = {"pos-member-scan", "app-login", "coupon-claim", "mini-program-login"};
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void generate() {
        if (!values.equals("plain") && !values.equals("pseudonym")) {
            throw new IllegalArgumentException("values must be plain or pseudonym: " + values);
        }
        pseudonyms = values.equals("pseudonym");
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

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Identifier number i as a pseudonym: type i mod 5, 64 lowercase hex characters. */
    static Identifier pseudonym(int i) {
        char[] out = new char[64];
        long x = i * 0x9E3779B97F4A7C15L;
        for (int w = 0; w < 4; w++) {
            x += 0x9E3779B97F4A7C15L;
            long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            for (int k = 0; k < 16; k++) {
                out[w * 16 + k] = HEX[(int) (z >>> (60 - 4 * k)) & 0xF];
            }
        }
        return new Identifier(TYPES[i % 5], new String(out));
    }

    private Identifier end(int i) {
        return pseudonyms ? pseudonym(i) : identifier(i);
    }

    private boolean pseudonyms;

    private IdentityGraph newGraph() {
        IdentityConfig config = presized ? IdentityConfig.defaults().withExpectedSize(identifiers, links)
                : IdentityConfig.defaults();
        return IdentityGraph.create(config);
    }

    @Benchmark
    public int stitch() {
        IdentityGraph graph = newGraph();
        for (int l = 0; l < links; l++) {
            graph.addLink(new IdentityLink(end(ends[2 * l]), end(ends[2 * l + 1]),
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
            batch.add(new IdentityLink(end(ends[2 * l]), end(ends[2 * l + 1]),
                    T0.plusSeconds(l), EVIDENCE[l & 3]));
            if (batch.size() == BATCH || l == links - 1) {
                graph.addLinks(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        return graph.customerCount();
    }
}
