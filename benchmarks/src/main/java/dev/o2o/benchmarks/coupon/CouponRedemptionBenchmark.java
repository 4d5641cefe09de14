package dev.o2o.benchmarks.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.loyalty.coupon.CouponLimits;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.RedemptionRequest;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of in-memory redemptions with 8 threads, all on one coupon with a quantity and a
 * budget limit (so every redemption takes the coupon's lock). Each iteration gets a fresh store
 * with {@value #CODES} issued codes; the {@code redeemed} counter counts successful redemptions
 * only (target over 500,000 per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
@Threads(8)
public class CouponRedemptionBenchmark {
    static final int CODES = 6_000_000;
    private static final int CUSTOMERS = 10_000;

    CouponStore store;
    String[] codes;
    CustomerKey[] customers;
    final AtomicInteger next = new AtomicInteger();
    final Money discount = Money.of("5.00", "CNY");
    final Instant at = Instant.parse("2026-07-15T10:00:00Z");

    @Setup(Level.Trial)
    public void names() {
        codes = new String[CODES];
        for (int i = 0; i < CODES; i++) {
            codes[i] = "CODE" + i;
        }
        customers = new CustomerKey[CUSTOMERS];
        for (int i = 0; i < CUSTOMERS; i++) {
            customers[i] = CustomerKey.of("c" + i);
        }
    }

    @Setup(Level.Iteration)
    public void freshStore() {
        store = CouponStore.inMemory();
        store.register(new CouponLimits("bench", OptionalLong.of(CODES), Optional.of(Money.of("1000000000", "CNY")),
                OptionalInt.of(CODES)));
        for (int i = 0; i < CODES; i++) {
            store.issue(codes[i], "bench", customers[i % CUSTOMERS], at);
        }
        next.set(0);
    }

    /** Successful redemptions, reported as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long redeemed;

        @Setup(Level.Iteration)
        public void reset() {
            redeemed = 0;
        }
    }

    @Benchmark
    public boolean redeem(Counters counters) {
        int i = next.getAndIncrement();
        if (i >= CODES) {
            return false; // pool used up: counts as an operation but not as a redemption
        }
        boolean ok = store.redeem(RedemptionRequest.online("k" + i, codes[i], customers[i % CUSTOMERS], "o" + i, discount, at))
                .isSuccess();
        if (ok) {
            counters.redeemed++;
        }
        return ok;
    }
}
