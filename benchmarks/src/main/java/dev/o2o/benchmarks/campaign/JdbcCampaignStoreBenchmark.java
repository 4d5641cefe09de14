package dev.o2o.benchmarks.campaign;

import dev.o2o.benchmarks.PerThreadConnections;
import dev.o2o.campaign.CampaignEngine;
import dev.o2o.campaign.CampaignStore;
import dev.o2o.campaign.Decisions;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second of the engine with 100 capped triggers (see
 * {@link Workloads#hundredTriggers}) on the JDBC campaign store in PostgreSQL
 * ({@code O2O_TEST_PG_URL}) or in-memory H2 ({@code -p db=h2}), 8 threads, each with its own connection kept open (as a pool would
 * give; {@link PerThreadConnections}). A decision is one event: its claim, the reservations of the
 * matching triggers and the saved decision, in one transaction ({@link CampaignStore#claimAndDecide},
 * as the engine runs no missions or referrals here). Target: at least 5,000 decisions/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(8)
public class JdbcCampaignStoreBenchmark {

    @Param({"postgresql"})
    public String db;

    CampaignEngine engine;
    PerThreadConnections ds;
    final AtomicInteger threads = new AtomicInteger();

    @Setup
    public void setUp() {
        String url = db.equals("h2") ? "jdbc:h2:mem:bench_campaign;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000"
                : System.getenv("O2O_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("set O2O_TEST_PG_URL to run the JDBC campaign store benchmark");
        }
        ds = new PerThreadConnections(url);
        String prefix = "bench_cmp_" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "_";
        CampaignStore store = CampaignStore.jdbc(ds, prefix);
        store.createSchema();
        engine = Workloads.hundredTriggers(store);
    }

    @TearDown
    public void tearDown() throws SQLException {
        ds.closeAll();
    }

    /**
     * Each thread's own event stream: distinct event ids over the same 2,000 customers, so threads
     * also meet on customer locks.
     */
    @State(Scope.Thread)
    public static class Stream {
        Workloads.Pings pings;

        @Setup
        public void setUp(JdbcCampaignStoreBenchmark b) {
            int t = b.threads.getAndIncrement();
            pings = new Workloads.Pings(2_000, 4_096, 10 + t, "t" + t + "-");
        }
    }

    @Benchmark
    public Decisions decision(Stream s) {
        return engine.evaluate(s.pings.next());
    }
}
