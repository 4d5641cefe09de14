package dev.o2o.risk.audit;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The conformance tests on PostgreSQL at {@code O2O_TEST_PG_URL}; skipped with a message when it is
 * unset or unreachable, unless {@code O2O_REQUIRE_PG=true}. Tables under {@code risk_} are dropped
 * and created again per test.
 */
class PostgresDecisionStoreTest extends DecisionStoreConformanceTest {

    static PGSimpleDataSource dataSourceOrSkip() {
        String url = System.getenv("O2O_TEST_PG_URL");
        boolean required = "true".equalsIgnoreCase(System.getenv("O2O_REQUIRE_PG"));
        if (url == null || url.isBlank()) {
            if (required) {
                fail("O2O_REQUIRE_PG=true but O2O_TEST_PG_URL is not set");
            }
            Assumptions.abort("O2O_TEST_PG_URL is not set: PostgreSQL risk audit tests skipped");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            if (required) {
                fail("O2O_REQUIRE_PG=true but PostgreSQL at O2O_TEST_PG_URL is unreachable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at O2O_TEST_PG_URL is unreachable (" + e.getMessage() + "): skipped");
        }
        return ds;
    }

    @Override
    protected DecisionStore newStore() {
        PGSimpleDataSource ds = dataSourceOrSkip();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DROP TABLE IF EXISTS risk_decision, risk_voided_code");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the risk tables: " + e.getMessage(), e);
        }
        DecisionStore.jdbc(ds, "risk_").createSchema();
        return DecisionStore.jdbc(ds, "risk_");
    }
}
