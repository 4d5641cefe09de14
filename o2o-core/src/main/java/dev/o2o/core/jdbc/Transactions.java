package dev.o2o.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store work in JDBC transactions: the one place that sets the isolation level, turns
 * auto-commit off and back to what it was, commits, rolls back, and retries serialization
 * failures and deadlocks ({@link SqlErrors#RETRYABLE}) under a {@link RetryPolicy}.
 *
 * <p>Outcomes of {@link #inTransaction}:
 * <ul>
 *   <li>the work's result, once COMMIT succeeded;</li>
 *   <li>a {@link RuntimeException} or {@link Error} thrown by the work, unchanged, after a rollback
 *       (a rollback error is added to it as suppressed);</li>
 *   <li>{@link RetriesExhaustedException} when every attempt hit a retryable error;</li>
 *   <li>{@link CommitOutcomeUnknownException} when COMMIT itself failed with a non-retryable
 *       error: the outcome is unknown and nothing is retried;</li>
 *   <li>{@link TransactionException} for any other {@link SQLException}, after a rollback.</li>
 * </ul>
 * Failures of closing the connection or restoring its settings after a COMMIT never turn a
 * committed transaction into an error: they are logged (operation and SQLState only).
 *
 * <p>Thread-safe: every call takes its own connection from the {@link DataSource}. The operation
 * names passed in appear in messages and logs, so they must not hold keys or account ids.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /** Waits between attempts; replaced in tests so that they do not sleep. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final DataSource dataSource;
    private final int isolation;
    private final RetryPolicy retry;
    private final DoubleSupplier jitter;
    private final Sleeper sleeper;
    private volatile Dialect dialect;

    private Transactions(Builder b) {
        this.dataSource = b.dataSource;
        this.isolation = b.isolation;
        this.retry = b.retry;
        this.jitter = b.jitter;
        this.sleeper = b.sleeper;
    }

    /** Transactions at READ COMMITTED with {@link RetryPolicy#defaults()}. */
    public static Transactions of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** A builder starting from READ COMMITTED, {@link RetryPolicy#defaults()} and unseeded jitter. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The data source connections are taken from. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The retry policy in force. */
    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** The database's dialect, detected from its metadata on first use. */
    public Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            d = withConnection("detecting the database dialect", Dialect::of);
            dialect = d;
        }
        return d;
    }

    /**
     * Runs {@code work} in a transaction, again after a retryable error, and commits it.
     *
     * @param operation what the work does, for messages and logs; no keys or account ids
     */
    public <T> T inTransaction(String operation, SqlWork<T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        List<SQLException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(operation, work);
            } catch (SQLException e) {
                if (!SqlErrors.isRetryable(e)) {
                    throw new TransactionException(operation + " failed (SQLState " + SqlErrors.state(e)
                            + ", error code " + e.getErrorCode() + ")", e);
                }
                if (attempt >= retry.maxAttempts()) {
                    RetriesExhaustedException x = new RetriesExhaustedException(operation, attempt, e);
                    earlier.forEach(x::addSuppressed);
                    throw x;
                }
                earlier.add(e);
                LOG.debug("{}: retrying after SQLState {} (attempt {} of {})", operation, SqlErrors.state(e),
                        attempt, retry.maxAttempts());
                pause(operation, retry.delay(attempt, jitter.getAsDouble()), e);
            }
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode, without retry (for reads that need no
     * transaction).
     *
     * @param operation what the work does, for messages and logs; no keys or account ids
     */
    public <T> T withConnection(String operation, SqlWork<T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new TransactionException(operation + " failed (SQLState " + SqlErrors.state(e) + ", error code "
                    + e.getErrorCode() + ")", e);
        }
    }

    /** One attempt; a retryable {@link SQLException} escapes for the caller's loop. */
    private <T> T once(String operation, SqlWork<T> work) throws SQLException {
        Connection c = dataSource.getConnection();
        boolean committed = false;
        boolean autoCommit = true;
        int oldIsolation = isolation;
        try {
            autoCommit = c.getAutoCommit();
            oldIsolation = c.getTransactionIsolation();
            if (oldIsolation != isolation) {
                c.setTransactionIsolation(isolation);
            }
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            T result;
            try {
                result = work.apply(c);
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                if (SqlErrors.isRetryable(e)) {
                    // the database refused the commit and rolled back: the outcome is known
                    rollback(c, e);
                    throw e;
                }
                CommitOutcomeUnknownException unknown = new CommitOutcomeUnknownException(operation, e);
                rollback(c, unknown);
                throw unknown;
            }
            committed = true;
            return result;
        } finally {
            release(operation, c, autoCommit, oldIsolation, committed);
        }
    }

    private static void rollback(Connection c, Throwable primary) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException r) {
            primary.addSuppressed(r);
        }
    }

    /** Restores the connection's settings and closes it; errors here never hide the outcome. */
    private void release(String operation, Connection c, boolean autoCommit, int oldIsolation, boolean committed) {
        try {
            try {
                if (autoCommit && !c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                if (oldIsolation != isolation) {
                    c.setTransactionIsolation(oldIsolation);
                }
            } finally {
                c.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{}: releasing the connection failed after {} (SQLState {})", operation,
                    committed ? "COMMIT" : "rollback", e instanceof SQLException s ? SqlErrors.state(s) : "none");
        }
    }

    private void pause(String operation, Duration d, SQLException last) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            TransactionException x = new TransactionException(operation + " interrupted while waiting to retry",
                    last);
            x.addSuppressed(ie);
            throw x;
        }
    }

    /**
     * Configures {@link Transactions}. Not thread-safe; the built instance is.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private int isolation = Connection.TRANSACTION_READ_COMMITTED;
        private RetryPolicy retry = RetryPolicy.defaults();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        private boolean seeded;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The isolation level, one of {@link Connection}'s {@code TRANSACTION_*} constants other
         * than {@code TRANSACTION_NONE}; READ COMMITTED by default.
         */
        public Builder isolation(int level) {
            if (level != Connection.TRANSACTION_READ_UNCOMMITTED && level != Connection.TRANSACTION_READ_COMMITTED
                    && level != Connection.TRANSACTION_REPEATABLE_READ && level != Connection.TRANSACTION_SERIALIZABLE) {
                throw new IllegalArgumentException("isolation must be a Connection.TRANSACTION_* level: " + level);
            }
            this.isolation = level;
            return this;
        }

        /** The retry policy; {@link RetryPolicy#defaults()} by default. */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Draws the back-off jitter from a generator seeded with {@code seed} (shared by all
         * threads, under a lock), so that a test sees the same waits every run. Unseeded, each
         * thread draws from {@link ThreadLocalRandom}.
         *
         * @throws IllegalStateException if called twice
         */
        public Builder jitterSeed(long seed) {
            if (seeded) {
                throw new IllegalStateException("jitterSeed is already set");
            }
            SplittableRandom random = new SplittableRandom(seed);
            this.jitter = () -> {
                synchronized (random) {
                    return random.nextDouble();
                }
            };
            seeded = true;
            return this;
        }

        Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s, "sleeper");
            return this;
        }

        public Transactions build() {
            return new Transactions(this);
        }
    }
}
