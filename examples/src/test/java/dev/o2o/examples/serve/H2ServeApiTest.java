package dev.o2o.examples.serve;

import dev.o2o.core.test.TestDatabases;

/** The service's API and concurrency on H2 (in memory). */
class H2ServeApiTest extends ServeApiContract {
    @Override
    String jdbcUrl() {
        return TestDatabases.h2Url("serve");
    }
}
