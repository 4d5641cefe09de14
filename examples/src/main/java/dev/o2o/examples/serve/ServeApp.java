package dev.o2o.examples.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running service: the stores opened on the database (seeded on first start), and the JDK's
 * HTTP server on a fixed pool of threads. {@link #close()} stops the server, its threads and the
 * connection pool. Thread-safe.
 */
public final class ServeApp implements AutoCloseable {

    /** Request threads; the connection pool has as many connections. */
    static final int THREADS = 16;

    private final Wiring stores;
    private final HttpServer server;
    private final ExecutorService threads;
    private final boolean seededNow;

    private ServeApp(Wiring stores, HttpServer server, ExecutorService threads, boolean seededNow) {
        this.stores = stores;
        this.server = server;
        this.threads = threads;
        this.seededNow = seededNow;
    }

    /**
     * Opens the database at {@code jdbcUrl}, seeds it if it is new, and starts serving on
     * {@code host:port} (port 0: any free port).
     */
    public static ServeApp start(String jdbcUrl, String host, int port, long seed, int customers, Clock clock) {
        Wiring stores = Wiring.open(jdbcUrl, THREADS, clock);
        ExecutorService threads = null;
        try {
            ServeDb db = new ServeDb(stores.dataSource);
            db.createSchema();
            O2oService service = new O2oService(stores, db, clock);
            boolean seeded = Seeder.seedIfNew(service, db, clock, seed, customers);
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
            AtomicInteger n = new AtomicInteger();
            threads = Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "o2o-serve-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(threads);
            server.createContext("/", new Router(service, new Pages(service)));
            server.start();
            return new ServeApp(stores, server, threads, seeded);
        } catch (IOException e) {
            close(stores, threads);
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(stores, threads);
            throw e;
        }
    }

    /** The base URL, for example {@code http://127.0.0.1:8080}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getHostString() + ":" + a.getPort();
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether this start seeded the database (it was new). */
    public boolean seededNow() {
        return seededNow;
    }

    /** The pages' URLs, one per line, for the console. */
    public List<String> pageUrls() {
        return List.of(url() + "/", url() + "/wallet/M00001", url() + "/counter/s1", url() + "/dashboard");
    }

    @Override
    public void close() {
        server.stop(0);
        close(stores, threads);
    }

    private static void close(Wiring stores, ExecutorService threads) {
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stores.close();
    }
}
