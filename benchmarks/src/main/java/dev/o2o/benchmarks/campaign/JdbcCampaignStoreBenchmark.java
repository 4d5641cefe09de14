package dev.o2o.benchmarks.campaign;

import dev.o2o.campaign.CampaignEngine;
import dev.o2o.campaign.CampaignStore;
import dev.o2o.campaign.Decisions;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second of the engine with 100 capped triggers (see
 * {@link Workloads#hundredTriggers}) on the JDBC campaign store in PostgreSQL
 * ({@code O2O_TEST_PG_URL}), 8 threads, each with its own connection (as a pool would give).
 * A decision is one event: its claim, the reservations of the matching triggers and the saved
 * decision, each its own transaction. Target: at least 5,000 decisions/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(8)
public class JdbcCampaignStoreBenchmark {

    CampaignEngine engine;
    PerThreadConnections ds;
    final AtomicInteger threads = new AtomicInteger();

    @Setup
    public void setUp() {
        String url = System.getenv("O2O_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("set O2O_TEST_PG_URL to run the JDBC campaign store benchmark");
        }
        ds = new PerThreadConnections(url);
        String prefix = "bench_cmp_" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "_";
        engine = Workloads.hundredTriggers(CampaignStore.jdbc(ds, prefix));
    }

    @TearDown
    public void tearDown() throws SQLException {
        ds.closeAll();
    }

    /** Each thread's own event stream (distinct ids and customers). */
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

    /** One connection per thread, kept open; close() on a handed-out connection does nothing. */
    static final class PerThreadConnections implements DataSource {
        private final String url;
        private final List<Connection> all = new ArrayList<>();
        private final ThreadLocal<Connection> mine = new ThreadLocal<>();

        PerThreadConnections(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = mine.get();
            if (c == null) {
                Connection real = DriverManager.getConnection(url);
                synchronized (all) {
                    all.add(real);
                }
                c = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, m, args) -> {
                            if (m.getName().equals("close")) {
                                return null;
                            }
                            try {
                                return m.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
                mine.set(c);
            }
            return c;
        }

        void closeAll() throws SQLException {
            synchronized (all) {
                for (Connection c : all) {
                    c.close();
                }
            }
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
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
