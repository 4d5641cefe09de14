package dev.o2o.benchmarks.points;

import dev.o2o.benchmarks.PerThreadConnections;
import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JDBC ledger postings per second with 8 threads on one shared ledger: single EARN postings (one
 * transaction each, over 1,000 accounts per thread) and batches of 100 EARN postings over 10 accounts
 * in one transaction ({@code PointsLedger.postAll}). Each thread has its own accounts, so the figures
 * are the store's round trips and the database's work, not lock waits. {@code db=h2} is an embedded
 * in-memory H2; {@code db=postgresql} uses {@code O2O_TEST_PG_URL}. Each thread keeps one connection
 * (as a pool would), so connection set-up is not measured.
 *
 * <p>The benchmarks module does not depend on the drivers; put them on the class path when running,
 * for example {@code java -cp benchmarks.jar:h2.jar:postgresql.jar org.openjdk.jmh.Main JdbcLedger}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(8)
public class JdbcLedgerBenchmark {

    static final String PREFIX = "bench_points_";
    static final int BATCH = 100;
    static final String[] TABLES = {"outcome", "rejection", "movement", "lot", "entry", "account"};

    /** The database and the ledger shared by all threads. */
    @State(Scope.Benchmark)
    public static class Db {
        @Param({"h2", "postgresql"})
        public String db;

        PerThreadConnections connections;
        PointsLedger ledger;
        final Instant now = Instant.parse("2026-03-11T04:00:00Z");
        Optional<Instant> expiry;
        String runId;
        final AtomicInteger threads = new AtomicInteger();

        @Setup(Level.Trial)
        public void open() throws SQLException {
            String url;
            if (db.equals("h2")) {
                url = "jdbc:h2:mem:bench_points;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000;QUERY_CACHE_SIZE=32";
            } else {
                url = System.getenv("O2O_TEST_PG_URL");
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("set O2O_TEST_PG_URL to benchmark PostgreSQL");
                }
            }
            connections = new PerThreadConnections(url);
            dropTables();
            LedgerStore.jdbc(connections, PREFIX).createSchema();
            ledger = PointsLedger.create(LedgerStore.jdbc(connections, PREFIX), Clock.fixed(now, ZoneOffset.UTC));
            expiry = Optional.of(now.plus(Duration.ofDays(365)));
            runId = Long.toString(System.nanoTime(), 36);
        }

        private void dropTables() throws SQLException {
            try (Connection c = connections.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                for (String t : TABLES) {
                    st.executeUpdate("DROP TABLE IF EXISTS " + PREFIX + t);
                }
                st.executeUpdate("DROP SEQUENCE IF EXISTS " + PREFIX + "entry_seq");
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            dropTables();
            connections.closeAll();
        }
    }

    /** One thread's counter and account names. */
    @State(Scope.Thread)
    public static class Worker {
        int thread;
        long n;

        @Setup(Level.Trial)
        public void number(Db db) {
            thread = db.threads.getAndIncrement();
        }
    }

    @Benchmark
    public PostingResult single(Db db, Worker w) {
        long i = w.n++;
        return db.ledger.post(Posting.earn(CustomerKey.of("m-" + w.thread + "-" + (i % 1000)), 100, db.runId + "s" + w.thread + "-" + i,
                db.expiry));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<PostingResult> batched(Db db, Worker w) {
        List<Posting> batch = new ArrayList<>(BATCH);
        for (int k = 0; k < BATCH; k++) {
            long i = w.n++;
            batch.add(Posting.earn(CustomerKey.of("b-" + w.thread + "-" + (i % 10)), 100, db.runId + "b" + w.thread + "-" + i,
                    db.expiry));
        }
        return db.ledger.postAll(batch);
    }
}
