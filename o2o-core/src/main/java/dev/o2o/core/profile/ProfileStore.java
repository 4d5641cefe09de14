package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where customer profiles are kept between restarts: the {@link ProfileState} of each customer,
 * updated event by event, so that a process started again reads the same profiles. It keeps
 * aggregates and the ids of the orders counted, never the events themselves.
 *
 * <p>Orders count once per customer by id, as in {@link ProfileState}: {@link #add(Order)} of an
 * order whose id the customer's profile counted already changes nothing and returns false, so a
 * retried delivery or a replayed file does not double revenue or frequency. Resolve the customer
 * key through the identity graph first: after a merge, orders arrive under the surviving key.
 *
 * <p>Built-ins: {@link #inMemory(ProfileConfig)} and {@link #jdbc} (H2 2.x and PostgreSQL, on core's
 * {@code dev.o2o.core.jdbc} layer; the state of a customer is one row, rewritten on every update,
 * so an update costs time linear in the customer's orders and touchpoints). Both are thread-safe;
 * updates of one customer are serialized (in the database by a row lock). The conformance kit
 * {@code dev.o2o.testkit.profile.ProfileStoreConformanceTest} states the contract as tests.
 */
public interface ProfileStore {

    /** A new empty store in memory. */
    static ProfileStore inMemory(ProfileConfig config) {
        return new InMemoryProfileStore(config);
    }

    /**
     * A store in the table named with {@code tablePrefix} (for example {@code "profile_"}) of an H2
     * or PostgreSQL database, through core's {@link Transactions} with its default retry policy.
     * Create the table with {@link #createSchema()}. Profiles are read with {@code config}, which
     * must be the configuration they were written with.
     */
    static ProfileStore jdbc(DataSource dataSource, String tablePrefix, ProfileConfig config) {
        return new JdbcProfileStore(Transactions.of(Objects.requireNonNull(dataSource, "dataSource")),
                TablePrefix.of(tablePrefix), Objects.requireNonNull(config, "config"));
    }

    /** Creates the store's table if it does not exist yet (safe at every start); does nothing for a store without one. */
    default void createSchema() {
    }

    /** How the profiles are built. */
    ProfileConfig config();

    /**
     * Counts an order in its customer's profile; false (and nothing changed) if that profile
     * counted an order with this id already.
     *
     * @throws IllegalArgumentException if the order is in another currency than the configuration's
     */
    boolean add(Order order);

    /** Counts a touchpoint in its customer's profile. */
    void add(Touchpoint touchpoint);

    /** The profile of a customer as of an instant, or empty if the store has nothing on it. */
    Optional<CustomerProfile> profile(CustomerKey customer, Instant asOf);

    /** Whether the customer's profile counted an order with this id. */
    boolean hasOrder(CustomerKey customer, String orderId);

    /**
     * Folds the profile of {@code absorbed} into {@code survivor} and removes {@code absorbed}, as
     * after an identity merge, atomically. Does nothing if the store has nothing on {@code absorbed}.
     *
     * @throws IllegalArgumentException if both are the same customer, or both profiles counted an
     *                                  order with the same id (nothing is changed then)
     */
    void mergeCustomers(CustomerKey absorbed, CustomerKey survivor);

    /**
     * {@link #mergeCustomers(CustomerKey, CustomerKey)} recorded under an identity merge's id in the
     * same transaction, so that the same id again changes nothing (and returns the first count,
     * {@code replayed}) even if orders have arrived under {@code absorbed} since. A refused merge
     * (profiles that counted the same order) records nothing: once resolved, it can be applied again.
     * The records hold the id and a count, no customer key, so erasure leaves them.
     *
     * @param mergeId the merge, an id of at most 200 characters
     * @throws IllegalArgumentException as {@link #mergeCustomers(CustomerKey, CustomerKey)}, or if the id is not valid
     * @throws UnsupportedOperationException if the store keeps no merge records (the built-ins do)
     */
    default ProfileMove mergeCustomers(String mergeId, CustomerKey absorbed, CustomerKey survivor) {
        throw new UnsupportedOperationException(getClass().getName() + " does not record merges");
    }

    /** Removes everything the store holds on a customer (erasure); true if there was anything. */
    boolean remove(CustomerKey customer);

    /** The customers the store holds a profile of, sorted. */
    List<CustomerKey> customers();
}
