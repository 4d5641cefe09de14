package dev.o2o.examples.serve;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code o2o serve}: the O2O loop as a small HTTP service on an embedded H2 file database (or
 * PostgreSQL): member wallets, code verification and redemption at store counters, orders that earn
 * points, offers near a point, and a live dashboard. Runs until the process is stopped (Ctrl-C).
 * Not thread-safe: picocli builds one per invocation.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the example O2O service: a JSON API under /api and pages for a member's wallet,"
                + " a store counter and a dashboard. A new database is seeded with synthetic stores, members,"
                + " coupons and history; a restart keeps the data."})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "port (0: any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address to listen on (0.0.0.0 for every interface)")
    String host;

    @Option(names = "--db", defaultValue = "jdbc:h2:file:./o2o-data/o2o", paramLabel = "JDBC_URL",
            description = "jdbc:h2:... or jdbc:postgresql://host:port/db?user=..&password=.. (default ${DEFAULT-VALUE})")
    String db;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "seed of the synthetic data")
    long seed;

    @Option(names = "--customers", defaultValue = "200", paramLabel = "N",
            description = "members to create in a new database")
    int customers;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535: " + port);
        }
        if (customers < 1 || customers > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--customers must be 1 to 1000000: " + customers);
        }
        if (!db.startsWith("jdbc:h2:") && !db.startsWith("jdbc:postgresql:")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--db must start with jdbc:h2: or jdbc:postgresql:");
        }
        long started = System.nanoTime();
        ServeApp app = ServeApp.start(db, host, port, seed, customers, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "o2o-serve-stop"));
        var out = spec.commandLine().getOut();
        out.printf("o2o serve: %s in %d ms (%s)%n", app.seededNow() ? "seeded a new database" : "opened the database",
                (System.nanoTime() - started) / 1_000_000, db.startsWith("jdbc:h2:") ? "H2" : "PostgreSQL");
        for (String url : app.pageUrls()) {
            out.println("  " + url);
        }
        out.println("  API: " + app.url() + "/api/members/M00001 (see the README); Ctrl-C stops");
        out.flush();
        stopped.await();
        return 0;
    }
}
