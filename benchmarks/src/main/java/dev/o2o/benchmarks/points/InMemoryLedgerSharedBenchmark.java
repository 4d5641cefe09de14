package dev.o2o.benchmarks.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The workload of {@link InMemoryLedgerBenchmark} on one ledger shared by the benchmark threads (run with
 * {@code -t 1} and {@code -t 2}): each thread posts on its own 10,000 accounts, so the threads meet only in
 * the store's shared parts (the striped key index, the slab counters, the account map). Compares the
 * total rate of two threads with one thread's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g", "-XX:+AlwaysPreTouch"})
public class InMemoryLedgerSharedBenchmark {

    static final int ACCOUNTS = 10_000;
    final Instant now = Instant.parse("2026-03-11T04:00:00Z");
    final Optional<Instant> expiry = Optional.of(now.plus(Duration.ofDays(365)));
    final AtomicInteger threads = new AtomicInteger();
    PointsLedger ledger;

    @Setup(Level.Iteration)
    public void freshLedger() {
        ledger = PointsLedger.create(LedgerStore.inMemory(), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** One benchmark thread's accounts and counter. */
    @State(Scope.Thread)
    public static class Poster {
        CustomerKey[] accounts;
        String prefix;
        long n;

        @Setup(Level.Trial)
        public void names(InMemoryLedgerSharedBenchmark shared) {
            int t = shared.threads.getAndIncrement();
            prefix = "t" + t + "-";
            accounts = new CustomerKey[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts[i] = CustomerKey.of("member-" + t + "-" + i);
            }
        }

        @Setup(Level.Iteration)
        public void restart() {
            n = 0;
        }
    }

    @Benchmark
    public PostingResult post(Poster p) {
        long i = p.n++;
        CustomerKey account = p.accounts[(int) ((i >>> 1) % ACCOUNTS)];
        if ((i & 1) == 0) {
            return ledger.post(Posting.earn(account, 100, p.prefix + "o" + i, expiry));
        }
        return ledger.post(Posting.redeem(account, 60, p.prefix + "r" + i));
    }
}
