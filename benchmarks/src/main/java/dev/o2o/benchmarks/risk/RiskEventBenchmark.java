package dev.o2o.benchmarks.risk;

import dev.o2o.risk.EventType;
import dev.o2o.risk.RiskEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building one {@link RiskEvent} as an integrator does before asking the guard: the checks of its
 * identifier, device, store, clerk and coupon as ids, its instant's years, and the four
 * {@link Optional}s, from strings that already exist (a request's fields). {@link RiskGuardBenchmark}
 * builds its events before the timed part, so this is the cost that figure leaves out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class RiskEventBenchmark {

    private static final int N = 1 << 10;

    private final String[] identifiers = new String[N];
    private final String[] devices = new String[N];
    private final String[] stores = new String[N];
    private final String[] clerks = new String[N];
    private final String[] coupons = new String[N];
    private final Instant[] instants = new Instant[N];
    private int next;

    @Setup
    public void draw() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < N; i++) {
            int id = r.nextInt(1_000_000);
            int store = r.nextInt(1_000);
            identifiers[i] = "member-" + id;
            devices[i] = "device-" + id;
            stores[i] = "store-" + store;
            clerks[i] = "clerk-" + store + "-" + r.nextInt(4);
            coupons[i] = "coupon-" + r.nextInt(50);
            instants[i] = RiskGuardBenchmark.T0.plusMillis(10L * i);
        }
    }

    @Benchmark
    public RiskEvent build() {
        int i = next = (next + 1) & (N - 1);
        return new RiskEvent(EventType.COUPON_REDEMPTION, instants[i], identifiers[i], Optional.of(devices[i]),
                Optional.of(stores[i]), Optional.of(clerks[i]), Optional.of(coupons[i]), 500 + i);
    }
}
