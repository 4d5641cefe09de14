package dev.o2o.core.identity;

import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where an identity graph is kept between restarts: its identifiers, its links, its merge history
 * and the record of its erasures. {@link IdentityGraph#open(IdentityStore, IdentityConfig)} rebuilds
 * a graph from a store and writes every change through to it; keys are not stored, because they
 * follow from the identifiers (see {@link IdentityGraph}).
 *
 * <p>Limits, the same for every store: identifier values of at most {@value #MAX_VALUE_CHARS}
 * chars and link evidence of at most {@value #MAX_EVIDENCE_CHARS} chars (longer ones are refused
 * with {@link IllegalArgumentException} before anything is written); link instants are kept to the
 * millisecond.
 *
 * <p>Built-ins: {@link #inMemory()} (for tests and short-lived processes) and {@link #jdbc} (H2 2.x
 * and PostgreSQL, on core's {@code dev.o2o.core.jdbc} layer). Both are thread-safe, and each write
 * method is atomic: all of it is kept or none. The conformance kit
 * {@code dev.o2o.testkit.identity.IdentityStoreConformanceTest} states the contract as tests.
 * A store must have one writing graph at a time.
 */
public interface IdentityStore {

    /** The longest identifier value a store keeps, in chars. */
    int MAX_VALUE_CHARS = 500;
    /** The longest link evidence a store keeps, in chars. */
    int MAX_EVIDENCE_CHARS = 200;

    /** A new empty store in memory. */
    static IdentityStore inMemory() {
        return new InMemoryIdentityStore();
    }

    /**
     * A store in the tables named with {@code tablePrefix} (for example {@code "ident_"}) of an H2 or
     * PostgreSQL database, through core's {@link Transactions} with its default retry policy. Create
     * the tables with {@link #createSchema()}.
     */
    static IdentityStore jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcIdentityStore(Transactions.of(Objects.requireNonNull(dataSource, "dataSource")),
                TablePrefix.of(tablePrefix));
    }

    /**
     * Creates the store's tables and indexes if they do not exist yet (safe at every start); does
     * nothing for a store without a schema.
     */
    default void createSchema() {
    }

    /** Registers identifiers; those already held are left as they are (their place in the order too). */
    void addIdentifiers(List<Identifier> identifiers);

    /**
     * Appends links (registering their identifiers as {@link #addIdentifiers} does, first before
     * second) and merge events, atomically.
     *
     * @throws IllegalArgumentException if a merge event's sequence number is already held
     */
    void addLinks(List<IdentityLink> links, List<MergeEvent> merges);

    /** Removes every link between {@code a} and {@code b} (either way round); returns how many. */
    int removeLinks(Identifier a, Identifier b);

    /**
     * Forgets {@code identifiers}, every link touching one of them and every merge event whose link
     * does, and records {@code erasure}, atomically.
     */
    void erase(ClusterErasure erasure, List<Identifier> identifiers);

    /** The identifiers held, in the order they were first registered. */
    List<Identifier> identifiers();

    /** The links held, in the order they were added. */
    List<IdentityLink> links();

    /** The merge events held, by sequence number. */
    List<MergeEvent> mergeHistory();

    /** The erasures recorded, oldest first. */
    List<ClusterErasure> erasures();
}
