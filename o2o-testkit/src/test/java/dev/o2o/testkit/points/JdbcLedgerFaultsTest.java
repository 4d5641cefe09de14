package dev.o2o.testkit.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.jdbc.CommitOutcomeUnknownException;
import dev.o2o.core.jdbc.SqlErrors;
import dev.o2o.core.test.TestDatabases;
import dev.o2o.loyalty.points.DuplicateKeyException;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The JDBC ledger under database faults: a COMMIT whose answer is lost, and expected conflicts. */
class JdbcLedgerFaultsTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    static DataSource h2() {
        DataSource ds = TestDatabases.h2("points_faults");
        LedgerStore.jdbc(ds, "points_").createSchema();
        return ds;
    }

    /** What a wrapped connection does at COMMIT instead of committing. */
    interface OnCommit {
        void commit(Connection real) throws SQLException;
    }

    /**
     * Wraps {@code real}: COMMIT goes through {@code onCommit}, and every SQLException a statement
     * raises that is a unique violation is counted in {@code duplicates} (PostgreSQL logs each with
     * the key's value).
     */
    static DataSource wrap(DataSource real, OnCommit onCommit, AtomicInteger duplicates) {
        return proxy(DataSource.class, real, onCommit, duplicates);
    }

    /** Forwards to {@code target}, wrapping the connections and statements it hands out. */
    private static <T> T proxy(Class<T> type, Object target, OnCommit onCommit, AtomicInteger duplicates) {
        return type.cast(Proxy.newProxyInstance(JdbcLedgerFaultsTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> {
                    if (target instanceof Connection c && m.getName().equals("commit") && onCommit != null) {
                        onCommit.commit(c);
                        return null;
                    }
                    Object result;
                    try {
                        result = m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException s && SqlErrors.isUniqueViolation(s)) {
                            duplicates.incrementAndGet();
                        }
                        throw e.getCause();
                    }
                    if (result instanceof PreparedStatement ps && m.getReturnType() == PreparedStatement.class) {
                        return proxy(PreparedStatement.class, ps, null, duplicates);
                    }
                    if (result instanceof Connection c && m.getReturnType() == Connection.class) {
                        return proxy(Connection.class, c, onCommit, duplicates);
                    }
                    return result;
                }));
    }

    /** Issue 14 item 9: a lost COMMIT acknowledgement says UNKNOWN, and the retry with the same key resolves it. */
    @Test
    void aLostCommitAcknowledgementIsUnknownAndTheRetryReplaysIt() {
        DataSource real = h2();
        AtomicInteger commits = new AtomicInteger();
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        DataSource flaky = wrap(real, c -> {
            c.commit();
            if (commits.incrementAndGet() == 2) {
                throw lost; // committed, but the answer never arrives
            }
        }, new AtomicInteger());
        PointsLedger ledger = PointsLedger.create(LedgerStore.jdbc(flaky, "points_"), new TestClock(T0));
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn(CustomerKey.of("a"), 10, "o1", Optional.empty())).status());
        Posting second = Posting.earn(CustomerKey.of("a"), 5, "o2", Optional.empty());
        CommitOutcomeUnknownException e = assertThrows(CommitOutcomeUnknownException.class, () -> ledger.post(second));
        assertSame(lost, e.getCause());
        assertTrue(e.outcomeUnknown());
        PostingResult retry = ledger.post(second);
        assertEquals(PostingResult.Status.REPLAYED, retry.status());
        assertEquals(15, ledger.store().balance(CustomerKey.of("a")));
        assertEquals(2, ledger.store().entries(CustomerKey.of("a")).size());
    }

    @Test
    void aCommitThatNeverHappenedIsUnknownAndTheRetryPostsOnce() {
        DataSource real = h2();
        AtomicInteger commits = new AtomicInteger();
        DataSource flaky = wrap(real, c -> {
            if (commits.incrementAndGet() == 2) {
                throw new SQLException("This connection has been closed.", "08003");
            }
            c.commit();
        }, new AtomicInteger());
        PointsLedger ledger = PointsLedger.create(LedgerStore.jdbc(flaky, "points_"), new TestClock(T0));
        ledger.post(Posting.earn(CustomerKey.of("a"), 10, "o1", Optional.empty()));
        Posting second = Posting.earn(CustomerKey.of("a"), 5, "o2", Optional.empty());
        assertThrows(CommitOutcomeUnknownException.class, () -> ledger.post(second));
        assertEquals(PostingResult.Status.POSTED, ledger.post(second).status());
        assertEquals(15, ledger.store().balance(CustomerKey.of("a")));
    }

    /**
     * Issue 14 item 12: new accounts created by 8 threads at once, rejections replayed and keys raced
     * across accounts raise no duplicate-key error on PostgreSQL, which would log each with its value.
     */
    @Test
    void expectedConflictsRaiseNoDuplicateKeyErrorOnPostgres() throws Exception {
        var pg = TestDatabases.postgresOrSkip();
        String prefix = "points_quiet_";
        PostgresLedgerStoreTest.dropTables(pg, prefix);
        LedgerStore.jdbc(pg, prefix).createSchema();
        AtomicInteger duplicates = new AtomicInteger();
        DataSource counted = wrap(pg, null, duplicates);
        PointsLedger ledger = PointsLedger.create(LedgerStore.jdbc(counted, prefix), new TestClock(T0));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        // every thread's first posting on the same 20 new accounts
                        ledger.post(Posting.earn(CustomerKey.of("new-" + i), 1, "t" + thread + "-" + i, Optional.empty()));
                        // a refusal, then its retry
                        ledger.post(Posting.redeem(CustomerKey.of("new-" + i), 1_000, "cart-t" + thread + "-" + i));
                        ledger.post(Posting.redeem(CustomerKey.of("new-" + i), 1_000, "cart-t" + thread + "-" + i));
                        // one key on two accounts at once
                        ledger.post(Posting.redeem(CustomerKey.of("new-" + (i + thread) % 20), 1, "shared-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get(), "duplicate-key errors raised by the database");
        for (int i = 0; i < 20; i++) {
            assertTrue(ledger.check(CustomerKey.of("new-" + i)).holds());
        }
        PostgresLedgerStoreTest.dropTables(pg, prefix);
    }

    /** Messages of the exceptions callers see do not repeat whole keys. */
    @Test
    void duplicateKeyMessagesMaskTheKey() {
        String ref = "order-13812345678";
        DuplicateKeyException e = new DuplicateKeyException(IdempotencyKey.of(EntryType.EARN, ref));
        assertFalse(e.getMessage().contains(ref), e.getMessage());
        assertEquals("idempotency key has an outcome already: EARN:'or****78' (17 chars)", e.getMessage());
    }
}
