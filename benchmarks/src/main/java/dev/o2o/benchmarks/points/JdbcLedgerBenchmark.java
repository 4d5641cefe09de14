package dev.o2o.benchmarks.points;

import dev.o2o.loyalty.points.JdbcSchema;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
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
 * JDBC ledger postings per second on one thread: single EARN postings (one transaction each) and
 * batches of 100 EARN postings over 10 accounts in one transaction. {@code db=h2} is an embedded
 * in-memory H2; {@code db=postgresql} uses {@code O2O_TEST_PG_URL}. One connection is reused (as a
 * pool would), so the figures are the ledger's own round trips, not connection set-up.
 *
 * <p>The benchmarks module does not depend on the drivers; put them on the class path when running,
 * for example {@code java -cp benchmarks.jar:h2.jar:postgresql.jar org.openjdk.jmh.Main JdbcLedger}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class JdbcLedgerBenchmark {

    static final String PREFIX = "bench_points_";
    static final int BATCH = 100;

    @Param({"h2", "postgresql"})
    public String db;

    Connection connection;
    PointsLedger ledger;
    long n;
    final Instant now = Instant.parse("2026-03-11T04:00:00Z");
    Optional<Instant> expiry;
    String runId;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        String url;
        if (db.equals("h2")) {
            url = "jdbc:h2:mem:bench_points;DB_CLOSE_DELAY=-1";
        } else {
            url = System.getenv("O2O_TEST_PG_URL");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException("set O2O_TEST_PG_URL to benchmark PostgreSQL");
            }
        }
        connection = DriverManager.getConnection(url);
        DataSource ds = new ReusedConnection(connection);
        JdbcSchema.create(ds, PREFIX);
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            for (String t : new String[] {"movement", "lot", "entry", "account"}) {
                st.executeUpdate("DELETE FROM " + PREFIX + t);
            }
        }
        ledger = PointsLedger.create(LedgerStore.jdbc(ds, PREFIX), Clock.fixed(now, ZoneOffset.UTC));
        expiry = Optional.of(now.plus(Duration.ofDays(365)));
        runId = Long.toString(System.nanoTime(), 36);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String t : new String[] {"movement", "lot", "entry", "account"}) {
                st.executeUpdate("DROP TABLE IF EXISTS " + PREFIX + t);
            }
        }
        connection.close();
    }

    @Benchmark
    public PostingResult single() {
        long i = n++;
        return ledger.post(Posting.earn("m-" + (i % 1000), 100, runId + "s" + i, expiry));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<PostingResult> batched() {
        List<Posting> batch = new ArrayList<>(BATCH);
        for (int k = 0; k < BATCH; k++) {
            long i = n++;
            batch.add(Posting.earn("b-" + (i % 10), 100, runId + "b" + i, expiry));
        }
        return ledger.postAll(batch);
    }

    /** A data source handing out one shared connection whose close() does nothing. Single-threaded use only. */
    static final class ReusedConnection implements DataSource {
        private final Connection proxy;

        ReusedConnection(Connection target) {
            this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, args) -> {
                        if (m.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return m.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection() {
            return proxy;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return proxy;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
