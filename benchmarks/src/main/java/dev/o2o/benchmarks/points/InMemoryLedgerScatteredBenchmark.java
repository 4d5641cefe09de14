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
 * {@link InMemoryLedgerBenchmark} with its REDEEMs moved away from the EARN just before them: there a
 * redemption hits the account the previous posting warmed in the cache; here it goes to the account that
 * earned half the accounts (5,000 EARNs) earlier, whose data has gone cold. The first 5,000 pairs of an
 * iteration redeem on their own account, so that every redemption finds points.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class InMemoryLedgerScatteredBenchmark {

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
        long pair = i >>> 1;
        if ((i & 1) == 0) {
            return ledger.post(Posting.earn(accounts[(int) (pair % ACCOUNTS)], 100, "o" + i, expiry));
        }
        long target = pair < ACCOUNTS / 2 ? pair : pair - ACCOUNTS / 2;
        return ledger.post(Posting.redeem(accounts[(int) (target % ACCOUNTS)], 60, "r" + i));
    }
}
