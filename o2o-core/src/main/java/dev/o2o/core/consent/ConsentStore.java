package dev.o2o.core.consent;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where consent histories live: every grant and withdrawal, per customer and purpose, kept
 * append-only. The state at an instant is the latest change at or before it (changes at the same
 * instant: the one recorded last). Recording a change identical in every field to one already kept
 * does nothing (a retry), so histories stay exact under at-least-once delivery.
 *
 * <p>Every store passes the conformance kit {@code dev.o2o.testkit.consent.ConsentStoreConformanceTest}
 * in {@code o2o-testkit}. Implementations are thread-safe.
 */
public interface ConsentStore extends ConsentCheck {

    /** A store in memory (lost with the process), for tests and single-node use. */
    static ConsentStore inMemory() {
        return new InMemoryConsentStore();
    }

    /**
     * A store in H2 or PostgreSQL tables named with the prefix, through core's JDBC layer at READ
     * COMMITTED with its default retries. It creates no table: call {@link #createSchema()} once
     * before use.
     *
     * @param tablePrefix for example {@code "consent_"}: a lower-case letter followed by up to 30
     *                    lower-case letters, digits or underscores
     */
    static ConsentStore jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcConsentStore(Transactions.of(Objects.requireNonNull(dataSource, "dataSource")),
                TablePrefix.of(tablePrefix));
    }

    /**
     * Creates this store's tables and indexes if they do not exist yet ({@code CREATE ... IF NOT
     * EXISTS}: safe at every start, and calling it twice changes nothing). A JDBC store never creates
     * tables by itself, so call this once before first use (or run the DDL resource yourself); the
     * in-memory store has no schema and this does nothing.
     *
     * @throws dev.o2o.core.jdbc.TransactionException if a statement fails
     */
    default void createSchema() {
    }

    /** Appends a change; false if an identical change was recorded before (nothing changes). */
    boolean record(ConsentChange change);

    /** All changes of a customer, every purpose, by instant then recording order. */
    List<ConsentChange> history(CustomerKey customer);

    /** The change in force for the purpose at {@code asOf}: the latest at or before it, if any. */
    Optional<ConsentChange> current(CustomerKey customer, ConsentPurpose purpose, Instant asOf);

    @Override
    default boolean allows(CustomerKey customer, ConsentPurpose purpose, Instant at) {
        return current(customer, purpose, at).map(c -> c.status() == ConsentStatus.GRANTED).orElse(false);
    }

    /**
     * Moves a customer's whole history to another key, keeping every change's instant and source
     * (a merge, or an erasure with a pseudonym as {@code to}); returns the changes moved. Changes of
     * {@code to} stay, so afterwards the latest change of the two histories is in force.
     */
    long reassign(CustomerKey from, CustomerKey to);
}
