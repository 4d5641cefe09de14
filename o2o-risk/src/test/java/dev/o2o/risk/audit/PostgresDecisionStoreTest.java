package dev.o2o.risk.audit;

import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/**
 * The conformance tests on PostgreSQL at {@code O2O_TEST_PG_URL}; skipped with a message when it is
 * unset or unreachable, unless {@code O2O_REQUIRE_PG=true}. Tables under {@code risk_} are dropped
 * and created again per test.
 */
class PostgresDecisionStoreTest extends DecisionStoreConformanceTest {

    @Override
    protected DecisionStore newStore() {
        DataSource ds = TestDatabases.postgresOrSkip();
        TestDatabases.dropTables(ds, "risk_", "decision", "voided_code");
        DecisionStore.jdbc(ds, "risk_").createSchema();
        return DecisionStore.jdbc(ds, "risk_");
    }
}
