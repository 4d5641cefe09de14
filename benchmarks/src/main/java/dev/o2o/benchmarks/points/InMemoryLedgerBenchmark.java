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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-memory ledger postings per second on one thread (target over 1,000,000): alternately an EARN
 * (new lot with an expiry) and a REDEEM (consuming lots earliest expiry first) over 10,000 accounts,
 * each with a fresh idempotency key. The ledger is rebuilt every iteration so memory stays bounded.
 *
 * <p>The heap is touched once at start ({@code -XX:+AlwaysPreTouch}), as a long-running service's heap
 * is after its first collections. Without it, on the small virtual machine where RESULTS.md was
 * measured, every first write to a heap page is a costly fault, and a run whose young generation grows
 * into fresh pages measures that fault rather than the ledger (RESULTS.md records both configurations).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class InMemoryLedgerBenchmark {

    static final int ACCOUNTS = 10_000;

    PointsLedger ledger;
    CustomerKey[] accounts;
    long n;
    final Instant now = Instant.parse("2026-03-11T04:00:00Z");
    Optional<Instant> expiry;

    @Setup(Level.Trial)
    public void names() {
        accounts = new CustomerKey[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts[i] = CustomerKey.of("member-" + i);
        }
        expiry = Optional.of(now.plus(Duration.ofDays(365)));
    }

    @Setup(Level.Iteration)
    public void freshLedger() {
        ledger = PointsLedger.create(LedgerStore.inMemory(), Clock.fixed(now, ZoneOffset.UTC));
        n = 0;
    }

    @Benchmark
    public PostingResult post() {
        long i = n++;
        CustomerKey account = accounts[(int) ((i >>> 1) % ACCOUNTS)];
        if ((i & 1) == 0) {
            return ledger.post(Posting.earn(account, 100, "o" + i, expiry));
        }
        return ledger.post(Posting.redeem(account, 60, "r" + i));
    }
}
