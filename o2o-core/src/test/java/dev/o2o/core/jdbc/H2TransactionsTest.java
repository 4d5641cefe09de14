package dev.o2o.core.jdbc;

import javax.sql.DataSource;

/** {@link TransactionsContract} on embedded H2. */
class H2TransactionsTest extends TransactionsContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.h2();
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.H2;
    }
}
