package dev.o2o.loyalty.coupon;

import dev.o2o.core.jdbc.RetriesExhaustedException;
import dev.o2o.core.jdbc.RetryPolicy;
import dev.o2o.core.test.TestDatabases;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.o2o.loyalty.coupon.Fixtures.ALICE;
import static dev.o2o.loyalty.coupon.Fixtures.NOW;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only the JDBC store does, on H2 and (when {@code O2O_TEST_PG_URL} is set) PostgreSQL: the
 * database sees no error for an expected conflict, and failures go through core's transaction
 * layer. The contract itself is the conformance kit in o2o-testkit.
 */
class JdbcCouponStoreTest {

    /** Every SQLException a statement raised, and failures to inject, in front of a real data source. Thread-safe. */
    static final class Recording {
        final List<SQLException> errors = new CopyOnWriteArrayList<>();
        /** Statements still to fail with SQLState 40001 (a serialization failure). */
        final AtomicInteger failNext = new AtomicInteger();
        volatile boolean failCommit;
        final AtomicInteger statements = new AtomicInteger();
        final DataSource dataSource;

        Recording(DataSource inner) {
            dataSource = proxy(DataSource.class, inner, (m, args) -> {
                Object r = invoke(inner, m, args);
                return r instanceof Connection c ? connection(c) : r;
            });
        }

        private Connection connection(Connection real) {
            return proxy(Connection.class, real, (m, args) -> {
                if (m.getName().equals("commit") && failCommit) {
                    real.rollback();
                    throw new SQLException("I/O error: the connection was reset", "08006");
                }
                Object r = invoke(real, m, args);
                return r instanceof Statement st ? statement(st, m.getReturnType()) : r;
            });
        }

        private <T> T statement(Statement real, Class<T> type) {
            return proxy(type, real, (m, args) -> {
                if (!m.getName().startsWith("execute")) {
                    return invoke(real, m, args);
                }
                statements.incrementAndGet();
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new SQLException("could not serialize access due to concurrent update", "40001");
                }
                try {
                    return invoke(real, m, args);
                } catch (SQLException e) {
                    errors.add(e);
                    throw e;
                }
            });
        }

        private interface Handler {
            Object handle(Method m, Object[] args) throws Throwable;
        }

        private static <T> T proxy(Class<T> type, Object target, Handler h) {
            return type.cast(Proxy.newProxyInstance(Recording.class.getClassLoader(), new Class<?>[] {type},
                    (p, m, args) -> h.handle(m, args)));
        }

        private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** A store on this data source with the coupon "free" and the code A1 of Alice. */
        CouponStore store(String prefix) {
            CouponStore.jdbc(dataSource, prefix).createSchema();
            CouponStore store = CouponStore.jdbc(dataSource, prefix);
            store.register(CouponLimits.none("free"));
            store.issue("A1", "free", ALICE, NOW);
            return store;
        }
    }

    static DataSource h2() {
        return TestDatabases.h2("coupon_jdbc");
    }

    /** PostgreSQL at O2O_TEST_PG_URL, in tables of their own; skips without it unless O2O_REQUIRE_PG=true. */
    static DataSource postgres(String prefix) {
        DataSource ds = TestDatabases.postgresOrSkip();
        TestDatabases.dropTables(ds, prefix, "redemption", "customer_usage", "code", "campaign");
        return ds;
    }

    /**
     * Issue 14 item 12: the conflicts a store expects are inserts that do nothing, not errors that
     * PostgreSQL logs with the key's value ({@code DETAIL: Key (code)=(...)}). On H2, which has no
     * server log, core's dialect lets the insert fail alone and reads that as "already there"
     * ({@code quiet} false): the outcomes are the same.
     */
    static void expectedConflictsAreNotDatabaseErrors(DataSource db, String prefix, boolean quiet) {
        Recording rec = new Recording(db);
        CouponStore store = rec.store(prefix);
        store.register(CouponLimits.none("free"));
        assertFalse(store.issue("A1", "free", ALICE, NOW), "a code issued twice");
        RedemptionRequest r = RedemptionRequest.online("k1", "A1", ALICE, "o1", cny("1.00"), NOW);
        assertTrue(store.redeem(r).isSuccess());
        assertTrue(store.redeem(r).replayed());
        assertTrue(store.refuse(r, new Violation(ReasonCode.EXPIRED, "expired")).replayed());
        RedemptionRequest unknown = RedemptionRequest.online("k2", "ZZ", ALICE, "o2", cny("1.00"), NOW);
        Violation v = new Violation(ReasonCode.MIN_SPEND_NOT_REACHED, "below the minimum");
        assertEquals(Optional.of(v), store.refuse(unknown, v).failure());
        assertTrue(store.refuse(unknown, v).replayed());
        assertTrue(store.redeem(unknown).replayed());
        if (quiet) {
            assertEquals(List.of(), rec.errors.stream().map(SQLException::getSQLState).toList());
        }
    }

    @Test
    void expectedConflictsHaveTheSameOutcomesOnH2() {
        expectedConflictsAreNotDatabaseErrors(h2(), "coupon_", false);
    }

    @Test
    void expectedConflictsAreNotDatabaseErrorsOnPostgres() {
        expectedConflictsAreNotDatabaseErrors(postgres("cjt_"), "cjt_", true);
    }

    /**
     * Issue 14 item 13: serialization failures are retried by core's transaction layer (bounded
     * attempts, jittered exponential back-off), and the exception after the last attempt says so.
     */
    @Test
    void serializationFailuresAreRetriedWithTheSharedPolicy() {
        Recording rec = new Recording(h2());
        CouponStore store = rec.store("coupon_");
        rec.failNext.set(3);
        assertTrue(store.redeem(RedemptionRequest.online("k1", "A1", ALICE, "o1", cny("1.00"), NOW)).isSuccess());
        assertEquals(0, rec.failNext.get());
        assertEquals(Optional.of(CodeState.REDEEMED), store.find("A1").map(IssuedCode::state));

        store.issue("A2", "free", ALICE, NOW);
        rec.failNext.set(Integer.MAX_VALUE);
        int before = rec.statements.get();
        CouponStoreException e = assertThrows(CouponStoreException.class,
                () -> store.redeem(RedemptionRequest.online("k2", "A2", ALICE, "o2", cny("1.00"), NOW)));
        RetriesExhaustedException x = assertInstanceOf(RetriesExhaustedException.class, e.getCause());
        assertEquals(RetryPolicy.defaults().maxAttempts(), x.attempts());
        assertEquals(RetryPolicy.defaults().maxAttempts(), rec.statements.get() - before, "one failed statement per attempt");
        assertFalse(e.outcomeUnknown());
        assertFalse(e.getMessage().contains("k2"), e.getMessage());
        rec.failNext.set(0);
        assertTrue(store.redemption("k2").isEmpty());
    }

    /** A failed COMMIT is reported as such: the outcome is unknown, and a retry with the same key resolves it. */
    @Test
    void aFailedCommitSaysTheOutcomeIsUnknown() {
        Recording rec = new Recording(h2());
        CouponStore store = rec.store("coupon_");
        RedemptionRequest r = RedemptionRequest.online("k1", "A1", ALICE, "o1", cny("1.00"), NOW);
        rec.failCommit = true;
        CouponStoreException e = assertThrows(CouponStoreException.class, () -> store.redeem(r));
        assertTrue(e.outcomeUnknown(), e.toString());
        rec.failCommit = false;
        StoreOutcome retry = store.redeem(r);
        assertTrue(retry.isSuccess(), retry.toString());
        assertEquals(new CouponUsage(1, 100, 1), store.usage("free", ALICE));
    }
}
