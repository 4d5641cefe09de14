package dev.o2o.core.jdbc;

import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/** {@link TransactionsContract} on embedded H2. */
class H2TransactionsTest extends TransactionsContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.h2("jdbc");
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.H2;
    }
}
