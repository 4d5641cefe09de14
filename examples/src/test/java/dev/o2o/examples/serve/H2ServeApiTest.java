package dev.o2o.examples.serve;

/** The service's API and concurrency on H2 (in memory). */
class H2ServeApiTest extends ServeApiContract {
    @Override
    String jdbcUrl() {
        return ServeDatabases.h2();
    }
}
