package dev.o2o.benchmarks.risk;

import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.EventType;
import dev.o2o.risk.RiskDecision;
import dev.o2o.risk.RiskEvent;
import dev.o2o.risk.velocity.VelocityConfig;
import dev.o2o.risk.velocity.VelocityEngine;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A guard decision with 20 velocity rules (10 by identifier, 6 by device, 2 by store, 2 by clerk;
 * count, sum and distinct; windows from a minute to a week) over 1,000,000 active identifiers and
 * 1,000,000 devices: target under 2 µs per event. The setup counts one event per identifier into
 * every rule and prints the heap it took per active key and rule (target under 200 bytes),
 * measured as the used heap after full collections, key strings included.
 *
 * <p>{@code time}: {@code continuing} (the default) draws a fresh block of events
 * before each iteration (2,097,152 events), 10 ms apart and continuing the clock, so the guard sees traffic in time
 * order as in production; {@code replayed} is the first version's run, which replays one block of
 * 65,536 events over and over, so every lap goes back about 11 minutes in time and the store and
 * clerk windows take late events.
 *
 * <p>The state is read at random over about a gigabyte, so address translation is a large part of
 * the cost: add {@code -jvmArgsAppend -XX:+UseTransparentHugePages} to measure with large pages
 * (RESULTS.md, {@code risk guard (risk4)}, has both).
 *
 * <p>{@code keys}: the number of identifiers and of devices, 1,000,000 by default. With
 * {@code -p keys=1000} the whole traffic is scaled down a thousand times (1,000 identifiers and
 * devices, one store, four clerks, events 10 s apart instead of 10 ms), so that every key sees its
 * events at the same rate as in the default run and holds windows of the same size, while the whole
 * state (about 1 MB) stays in the caches: the compute floor. The difference from the default run is
 * what the cold keys' memory costs. Not the same work in two respects. With one store, the
 * distinct-store rules ({@code ID_9}, {@code DEV_6}) count 1 and give no reasons (RESULTS.md,
 * {@code risk guard (risk7)}). And the keys' windows are fuller: a run of about ten seconds gives
 * each of a million identifiers only about three events besides the setup's, while each of a
 * thousand sees several hundred and holds 10 to 60 entries in its 24-hour and 7-day windows, so the
 * scaled-down run does more work per cold key than the default one, and the difference between the
 * two understates what the cold keys' memory costs (RESULTS.md, {@code risk guard (dedupe)}).
 *
 * <p>Threads ({@code -t N}): thread {@code i} decides events {@code i, i + N, i + 2N, ...} of each
 * block, so the threads share one engine and one stream of traffic in time order, as a server's
 * request threads would. The score is then the time per event of each thread; events per second
 * on the whole are {@code N} over it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class RiskGuardBenchmark {

    static final String RULES = """
            ID_1: count of coupon_redemption by identifier over 1m review 5 deny 10
            ID_2: count of coupon_redemption by identifier over 10m review 8 deny 15
            ID_3: count of coupon_redemption by identifier over 1h review 20 deny 40
            ID_4: count of coupon_redemption by identifier over 24h review 50 deny 100
            ID_5: sum of coupon_redemption by identifier over 1h review 50000 deny 100000
            ID_6: sum of coupon_redemption by identifier over 24h review 200000 deny 500000
            ID_7: sum of coupon_redemption by identifier over 7d review 500000 deny 1000000
            ID_8: distinct device of coupon_redemption by identifier over 24h review 3 deny 6
            ID_9: distinct store of coupon_redemption by identifier over 24h review 4 deny 8
            ID_10: distinct coupon of coupon_redemption by identifier over 7d review 10 deny 20
            DEV_1: count of coupon_redemption by device over 10m review 10 deny 20
            DEV_2: count of coupon_redemption by device over 24h review 50 deny 100
            DEV_3: distinct identifier of coupon_redemption by device over 24h review 3 deny 5
            DEV_4: distinct identifier of coupon_redemption by device over 7d review 5 deny 10
            DEV_5: sum of coupon_redemption by device over 24h review 200000 deny 500000
            DEV_6: distinct store of coupon_redemption by device over 24h review 4 deny 8
            STORE_1: count of coupon_redemption by store over 10m review 500 deny 1000
            STORE_2: sum of coupon_redemption by store over 1h review 10000000 deny 20000000
            CLERK_1: count of coupon_redemption by clerk over 10m review 100 deny 200
            CLERK_2: distinct identifier of coupon_redemption by clerk over 1h review 200 deny 400
            """;

    /** Stores per million identifiers; each store has four clerks. */
    static final int STORES_PER_MILLION = 1_000;
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    static final int BLOCK = 1 << 21;  // more than a 1 s iteration uses at 0.5 µs per event

    @Param({"continuing", "replayed"})
    public String time;

    /** Identifiers and devices; only the default is run unless {@code -p keys=...} asks for others (see above). */
    @Param({"1000000"})
    public int keys;

    private int stores;
    /** Milliseconds between events: 10 at a million identifiers, so each key's rate is the same at any {@code keys}. */
    private long step;
    private VelocityEngine engine;
    private SplittableRandom random;
    private long clock;
    private RiskEvent[] events;

    /** Each thread's place in the traffic (see the class javadoc). */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;
        private int stride;

        @Setup(Level.Trial)
        public void place(ThreadParams t) {
            stride = t.getThreadCount();
            next = t.getThreadIndex() - stride;
        }

        @Setup(Level.Iteration)
        public void restart(RiskGuardBenchmark b, ThreadParams t) {
            if (b.time.equals("continuing")) {
                next = t.getThreadIndex() - stride; // a fresh block
            }
        }
    }

    static RiskEvent event(int id, long millis, int stores, SplittableRandom r) {
        int store = r.nextInt(stores);
        return new RiskEvent(EventType.COUPON_REDEMPTION, T0.plusMillis(millis), "member-" + id,
                Optional.of("device-" + id), Optional.of("store-" + store), Optional.of("clerk-" + store + "-" + r.nextInt(4)),
                Optional.of("coupon-" + r.nextInt(50)), 500 + r.nextInt(3000));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Setup(Level.Trial)
    public void fill() {
        if (keys < 1_000 || 1_000_000 % keys != 0) {
            throw new IllegalArgumentException("keys must divide 1,000,000 and be at least 1,000: " + keys);
        }
        stores = (int) ((long) keys * STORES_PER_MILLION / 1_000_000);
        step = 10L * (1_000_000 / keys);
        engine = VelocityEngine.parse(RULES, CustomerResolver.none(), VelocityConfig.defaults());
        SplittableRandom r = new SplittableRandom(1);
        long before = usedHeap();
        for (int id = 0; id < keys; id++) {
            engine.evaluate(event(id, id * (step / 10), stores, r));
        }
        long after = usedHeap();
        long pairs = (long) keys * 10 + (long) keys * 6 + (long) stores * 2 + (long) stores * 4 * 2;
        System.out.printf("%nactive keys %d, key-rule pairs %d, heap %.1f MB, %.1f bytes per active key and rule%n",
                engine.activeKeys(), pairs, (after - before) / 1e6, (double) (after - before) / pairs);
        random = r;
        clock = keys * (step / 10);
        if (time.equals("replayed")) {
            events = new RiskEvent[1 << 16];
            for (int i = 0; i < events.length; i++) {
                events[i] = event(r.nextInt(keys), clock + i * step, stores, r);
            }
        }
    }

    @Setup(Level.Iteration)
    public void nextBlock() {
        if (time.equals("continuing")) {
            events = null;
            events = new RiskEvent[BLOCK];
            for (int i = 0; i < events.length; i++) {
                clock += step;
                events[i] = event(random.nextInt(keys), clock, stores, random);
            }
            usedHeap(); // collect the last block here rather than during the iteration
        }
    }

    @Benchmark
    public RiskDecision decide(Cursor c) {
        c.next = (c.next + c.stride) & (events.length - 1);
        return engine.evaluate(events[c.next]);
    }
}
