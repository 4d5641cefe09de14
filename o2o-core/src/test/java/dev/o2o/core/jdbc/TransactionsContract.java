package dev.o2o.core.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link Transactions} guarantees, run on each database by a subclass. */
abstract class TransactionsContract {

    private static final AtomicInteger TABLES = new AtomicInteger();

    DataSource ds;
    String table;

    abstract DataSource dataSource();

    abstract Dialect expectedDialect();

    @BeforeEach
    void createTable() throws SQLException {
        ds = dataSource();
        table = "tx_test_" + TABLES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id VARCHAR(20) PRIMARY KEY, n BIGINT NOT NULL)");
            st.execute("INSERT INTO " + table + " (id, n) VALUES ('a', 0), ('b', 0)");
        }
    }

    long value(String id) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT n FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    static void add(Connection c, String table, String id, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET n = n + ? WHERE id = ?")) {
            ps.setLong(1, delta);
            ps.setString(2, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    /** Records the waits instead of sleeping. */
    static final class Waits implements Transactions.Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }
    }

    @Test
    void commitsAndRestoresAutoCommitAndIsolation() throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            Transactions tx = Transactions.builder(singleConnection(c))
                    .isolation(Connection.TRANSACTION_SERIALIZABLE).build();
            int[] seen = new int[2];
            String r = tx.inTransaction("test update", x -> {
                seen[0] = x.getAutoCommit() ? 1 : 0;
                seen[1] = x.getTransactionIsolation();
                add(x, table, "a", 5);
                return "done";
            });
            assertEquals("done", r);
            assertArrayEquals(new int[] {0, Connection.TRANSACTION_SERIALIZABLE}, seen);
            assertTrue(c.getAutoCommit(), "auto-commit restored");
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation(), "isolation restored");
            assertThrows(IllegalStateException.class, () -> tx.inTransaction("test failing", x -> {
                throw new IllegalStateException("no");
            }));
            assertTrue(c.getAutoCommit(), "auto-commit restored after a rollback too");
        }
        assertEquals(5, value("a"));
    }

    /** A data source that hands out {@code c} and ignores close(). */
    static DataSource singleConnection(Connection c) {
        return (DataSource) Proxy.newProxyInstance(TransactionsContract.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, a) -> {
                    if (m.getName().equals("getConnection")) {
                        return Proxy.newProxyInstance(TransactionsContract.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, (p2, m2, a2) -> m2.getName().equals("close")
                                        ? null : FaultyDataSources.invoke(c, m2, a2));
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void workExceptionRollsBackAndPassesThrough() throws SQLException {
        Transactions tx = Transactions.of(ds);
        IllegalStateException boom = new IllegalStateException("refused");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> tx.inTransaction("test", c -> {
            add(c, table, "a", 7);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(0, value("a"));
    }

    @Test
    void otherSqlErrorIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        Transactions tx = Transactions.of(ds);
        TransactionException e = assertThrows(TransactionException.class, () -> tx.inTransaction("test bad sql", c -> {
            runs.incrementAndGet();
            try (Statement st = c.createStatement()) {
                st.execute("SELECT no_such_column FROM " + table);
            }
            return null;
        }));
        assertEquals(1, runs.get());
        assertFalse(e.outcomeUnknown());
        assertTrue(e.getMessage().startsWith("test bad sql failed (SQLState "), e.getMessage());
    }

    @Test
    void serializationFailureIsRetriedWithSeededBackoff() throws SQLException {
        Waits waits = new Waits();
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(4), Duration.ofMillis(10));
        Transactions tx = Transactions.builder(ds).retry(policy).jitterSeed(42).sleeper(waits).build();
        AtomicInteger runs = new AtomicInteger();
        long r = tx.inTransaction("test retry", c -> {
            add(c, table, "a", 1);
            if (runs.incrementAndGet() <= 3) {
                throw new SQLException("could not serialize access", runs.get() == 2 ? "40P01" : "40001");
            }
            return 99L;
        });
        assertEquals(99L, r);
        assertEquals(4, runs.get());
        assertEquals(1, value("a"), "the failed runs were rolled back");
        SplittableRandom same = new SplittableRandom(42);
        List<Duration> expected = List.of(policy.delay(1, same.nextDouble()), policy.delay(2, same.nextDouble()),
                policy.delay(3, same.nextDouble()));
        assertEquals(expected, waits.waits);
        // 4 ms, 8 ms, then capped at 10 ms, each with its upper half jittered
        assertTrue(expected.get(2).compareTo(Duration.ofMillis(5)) >= 0
                && expected.get(2).compareTo(Duration.ofMillis(10)) < 0, expected.toString());
    }

    @Test
    void retriesAreBoundedWithAClearException() {
        Waits waits = new Waits();
        Transactions tx = Transactions.builder(ds).retry(new RetryPolicy(3, Duration.ofMillis(1),
                Duration.ofMillis(1))).sleeper(waits).build();
        AtomicInteger runs = new AtomicInteger();
        RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                () -> tx.inTransaction("test busy", c -> {
                    runs.incrementAndGet();
                    throw new SQLException("deadlock detected", "40P01");
                }));
        assertEquals(3, runs.get());
        assertEquals(3, e.attempts());
        assertEquals(2, waits.waits.size());
        assertEquals(2, e.getSuppressed().length);
        assertEquals("40P01", e.sqlState());
        assertEquals("test busy failed after 3 attempts, each a serialization failure, deadlock or lock timeout "
                + "(last SQLState 40P01)", e.getMessage());
    }

    @Test
    void failedCommitKeepsItsCauseAndSaysTheOutcomeIsUnknown() throws SQLException {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend", "08006");
        SQLException closed = new SQLException("This connection has been closed.", "08003");
        AtomicInteger runs = new AtomicInteger();
        DataSource broken = FaultyDataSources.faulty(ds, real -> {
            throw io;
        }, real -> {
            real.rollback();
            throw closed;
        });
        Transactions tx = Transactions.of(broken);
        CommitOutcomeUnknownException e = assertThrows(CommitOutcomeUnknownException.class,
                () -> tx.inTransaction("test commit", c -> {
                    runs.incrementAndGet();
                    add(c, table, "a", 3);
                    return null;
                }));
        assertEquals(1, runs.get(), "an unknown outcome is never retried");
        assertSame(io, e.getCause(), "the COMMIT's error is the cause");
        assertArrayEquals(new Throwable[] {closed}, e.getSuppressed(), "the rollback's error is only suppressed");
        assertTrue(e.outcomeUnknown());
        assertEquals("08006", e.sqlState());
        assertTrue(e.getMessage().contains("UNKNOWN") && e.getMessage().contains("same idempotency key"),
                e.getMessage());
        assertEquals(0, value("a"));
    }

    @Test
    void commitRefusedAsSerializationFailureIsRetried() throws SQLException {
        AtomicInteger commits = new AtomicInteger();
        DataSource flaky = FaultyDataSources.faulty(ds, real -> {
            if (commits.incrementAndGet() == 1) {
                real.rollback();
                throw new SQLException("could not serialize access due to concurrent update", "40001");
            }
            real.commit();
        }, null);
        Transactions tx = Transactions.builder(flaky).sleeper(new Waits()).build();
        tx.inTransaction("test commit retry", c -> {
            add(c, table, "a", 2);
            return null;
        });
        assertEquals(2, commits.get());
        assertEquals(2, value("a"));
    }

    @Test
    void realDeadlockIsRetriedAndBothTransactionsCommit() throws Exception {
        Transactions tx = Transactions.builder(ds).jitterSeed(7).build();
        CyclicBarrier bothLocked = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (String[] order : new String[][] {{"a", "b"}, {"b", "a"}}) {
                AtomicInteger mine = new AtomicInteger();
                done.add(pool.submit(() -> tx.inTransaction("test deadlock", c -> {
                    runs.incrementAndGet();
                    add(c, table, order[0], 1);
                    if (mine.incrementAndGet() == 1) {
                        try {
                            bothLocked.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    add(c, table, order[1], 1);
                    return mine.get();
                })));
            }
            int attempts = done.get(0).get(60, TimeUnit.SECONDS) + done.get(1).get(60, TimeUnit.SECONDS);
            assertEquals(3, attempts, "one of the two ran again after the deadlock");
            assertEquals(3, runs.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, value("a"));
        assertEquals(2, value("b"));
    }

    @Test
    void uniqueViolationsAreRecognisedAndExpectedConflictsAreQuiet() throws SQLException {
        Transactions tx = Transactions.of(ds);
        assertEquals(expectedDialect(), tx.dialect());
        Dialect d = tx.dialect();
        SQLException dup = assertThrows(SQLException.class, () -> {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + table + " (id, n) VALUES ('a', 1)");
            }
        });
        assertTrue(SqlErrors.isUniqueViolation(dup));
        assertFalse(SqlErrors.isRetryable(dup));
        boolean[] inserted = tx.inTransaction("test insert if absent", c -> {
            String sql = d.insertIgnoringConflict("INSERT INTO " + table + " (id, n) VALUES (?, 0)");
            boolean[] out = new boolean[3];
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "c");
                out[0] = d.insertIfAbsent(ps);
                out[1] = d.insertIfAbsent(ps);
                ps.setString(1, "a");
                out[2] = d.insertIfAbsent(ps);
            }
            add(c, table, "c", 4); // the transaction goes on after the expected conflicts
            return out;
        });
        assertArrayEquals(new boolean[] {true, false, false}, inserted);
        assertEquals(4, value("c"));
    }

    @Test
    void schemaScriptCreatesPrefixedTablesForTheDialect() throws SQLException {
        String p = table + "_";
        SchemaScript script = SchemaScript.of("test-schema.sql", """
                -- a comment
                CREATE TABLE IF NOT EXISTS ${p}thing (
                    id VARCHAR(10) PRIMARY KEY
                );
                -- only: postgresql
                CREATE INDEX IF NOT EXISTS ${p}thing_pg_ix ON ${p}thing (id);
                -- only: h2
                CREATE INDEX IF NOT EXISTS ${p}thing_h2_ix ON ${p}thing (id);
                """);
        script.create(ds, TablePrefix.of(p));
        script.create(ds, TablePrefix.of(p)); // idempotent
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + p + "thing (id) VALUES ('x')");
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, null,
                    expectedDialect() == Dialect.H2 ? (p + "thing").toUpperCase() : p + "thing", false, false)) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        names.add(rs.getString("INDEX_NAME").toLowerCase());
                    }
                }
                String mine = expectedDialect() == Dialect.H2 ? p + "thing_h2_ix" : p + "thing_pg_ix";
                String other = expectedDialect() == Dialect.H2 ? p + "thing_pg_ix" : p + "thing_h2_ix";
                assertTrue(names.contains(mine), names.toString());
                assertFalse(names.contains(other), names.toString());
            }
            st.execute("DROP TABLE " + p + "thing");
        }
    }
}
