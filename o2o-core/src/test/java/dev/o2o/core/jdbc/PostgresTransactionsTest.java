package dev.o2o.core.jdbc;

import dev.o2o.core.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** {@link TransactionsContract} on PostgreSQL at O2O_TEST_PG_URL (skipped without it). */
class PostgresTransactionsTest extends TransactionsContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgresOrSkip();
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }

    @AfterEach
    void dropTable() throws SQLException {
        if (ds == null) {
            return; // skipped before the data source was made
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
