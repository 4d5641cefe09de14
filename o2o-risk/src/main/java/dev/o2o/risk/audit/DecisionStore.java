package dev.o2o.risk.audit;

import dev.o2o.core.jdbc.TablePrefix;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Keeps recorded decisions and voided coupon codes. Every implementation passes
 * {@code DecisionStoreConformanceTest}; the built-ins are {@link #inMemory()} and
 * {@link #jdbc(DataSource, String)} (H2 2.x and PostgreSQL, on core's shared JDBC layer).
 *
 * <p>Implementations must be thread-safe.
 */
public interface DecisionStore {

    /** Records a draft (id 0); returns it with its new id, ids increasing. */
    DecisionRecord record(DecisionRecord draft);

    /** The decision with this id. */
    Optional<DecisionRecord> find(long id);

    /** OPEN decisions, oldest id first, at most {@code limit}. */
    List<DecisionRecord> open(int limit);

    /**
     * Resolves an OPEN decision as RELEASED or CONFIRMED. Resolving again with the same status
     * changes nothing and returns the stored record (the first operator and time).
     *
     * @throws IllegalArgumentException for another target status
     * @throws IllegalStateException    if the decision does not exist, is a DENY, or was resolved the other way
     */
    DecisionRecord resolve(long id, DecisionStatus to, String operator, Instant at);

    /** Voids a code; false if it was void already (nothing changes). */
    boolean voidCode(String code, long decisionId, Instant at);

    /** Whether a code was voided. */
    boolean isVoided(String code);

    /** A store in memory (lost on exit). */
    static DecisionStore inMemory() {
        return new InMemoryDecisionStore();
    }

    /**
     * A store in H2 or PostgreSQL tables named with {@code tablePrefix}. It creates no table: call
     * {@link #createSchema()} once before use.
     */
    static DecisionStore jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcDecisionStore(dataSource, TablePrefix.of(tablePrefix));
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
}
