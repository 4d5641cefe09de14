package dev.o2o.examples.serve;

import dev.o2o.core.test.TestDatabases;

/** The service's API and concurrency on PostgreSQL (O2O_TEST_PG_URL; skipped without it). */
class PostgresServeApiTest extends ServeApiContract {
    @Override
    String jdbcUrl() {
        return TestDatabases.postgresSchemaUrlOrSkip("serve");
    }
}
