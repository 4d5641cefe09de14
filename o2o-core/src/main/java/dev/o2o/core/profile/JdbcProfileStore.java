package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.jdbc.Dialect;
import dev.o2o.core.jdbc.SchemaScript;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link ProfileStore#jdbc}: one row per customer holding its {@link ProfileState} in binary form
 * (DDL in the resource {@code profile-schema.sql}, with a table of the merge ids applied), through
 * core's {@link Transactions}. An update
 * creates the row if missing (a quiet insert, so that PostgreSQL logs no duplicate-key error with
 * the key), locks it with {@code SELECT ... FOR UPDATE}, applies the event to the decoded state and
 * writes the state back, so concurrent updates of one customer are serialized and none is lost.
 *
 * <p>Thread-safe: every call runs on its own connection.
 */
final class JdbcProfileStore implements ProfileStore {

    private static final SchemaScript SCHEMA = SchemaScript.fromResource(JdbcProfileStore.class, "profile-schema.sql");

    private final Transactions transactions;
    private final TablePrefix prefix;
    private final ProfileConfig config;
    private final String table;
    private final String mergeTable;

    JdbcProfileStore(Transactions transactions, TablePrefix prefix, ProfileConfig config) {
        this.transactions = transactions;
        this.prefix = prefix;
        this.config = config;
        this.table = prefix.table("profile");
        this.mergeTable = prefix.table("profile_merge");
    }

    @Override
    public void createSchema() {
        SCHEMA.create(transactions.dataSource(), prefix);
    }

    @Override
    public ProfileConfig config() {
        return config;
    }

    private Optional<ProfileState> read(Connection c, CustomerKey customer, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM " + table + " WHERE customer = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, customer.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ProfileState.decode(customer, config, rs.getBytes(1))) : Optional.empty();
            }
        }
    }

    private void write(Connection c, ProfileState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = ? WHERE customer = ?")) {
            ps.setBytes(1, s.encode());
            ps.setString(2, s.customer().value());
            ps.executeUpdate();
        }
    }

    /** The customer's state, its row created empty if missing, locked until the transaction ends. */
    private ProfileState lockCreating(Connection c, Dialect dialect, CustomerKey customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoringConflict(
                "INSERT INTO " + table + " (customer, state) VALUES (?, ?)"))) {
            ps.setString(1, customer.value());
            ps.setBytes(2, ProfileState.empty(customer, config).encode());
            dialect.insertIfAbsent(ps);
        }
        return read(c, customer, true).orElseThrow(() -> new IllegalStateException("profile row vanished"));
    }

    /** Applies {@code update} to the customer's state under its row lock; writes it back if it changed it. */
    private boolean update(String operation, CustomerKey customer, Predicate<ProfileState> update) {
        Dialect dialect = transactions.dialect();
        return transactions.inTransaction(operation, c -> {
            ProfileState s = lockCreating(c, dialect, customer);
            boolean changed = update.test(s);
            if (changed) {
                write(c, s);
            }
            return changed;
        });
    }

    @Override
    public boolean add(Order order) {
        Objects.requireNonNull(order, "order");
        // the checks of the state, made before the database is touched
        ProfileState.empty(order.customer(), config).addIfNew(order);
        return update("adding an order to a profile", order.customer(), s -> s.addIfNew(order));
    }

    @Override
    public void add(Touchpoint touchpoint) {
        Objects.requireNonNull(touchpoint, "touchpoint");
        update("adding a touchpoint to a profile", touchpoint.customer(), s -> {
            s.add(touchpoint);
            return true;
        });
    }

    @Override
    public Optional<CustomerProfile> profile(CustomerKey customer, Instant asOf) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(asOf, "asOf");
        return transactions.withConnection("reading a profile", c -> read(c, customer, false))
                .map(s -> s.profile(asOf));
    }

    @Override
    public boolean hasOrder(CustomerKey customer, String orderId) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(orderId, "orderId");
        return transactions.withConnection("reading a profile", c -> read(c, customer, false))
                .map(s -> s.hasOrder(orderId)).orElse(false);
    }

    @Override
    public void mergeCustomers(CustomerKey absorbed, CustomerKey survivor) {
        requireMergeable(absorbed, survivor);
        Dialect dialect = transactions.dialect();
        transactions.inTransaction("merging profiles", c -> fold(c, dialect, absorbed, survivor));
    }

    @Override
    public ProfileMove mergeCustomers(String mergeId, CustomerKey absorbed, CustomerKey survivor) {
        Ids.requireId(mergeId, "mergeId");
        requireMergeable(absorbed, survivor);
        Dialect dialect = transactions.dialect();
        return transactions.inTransaction("merging profiles", c -> {
            // claimed first: the same id applied concurrently waits on the key, then finds it taken
            try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoringConflict(
                    "INSERT INTO " + mergeTable + " (merge_id, profiles) VALUES (?, 0)"))) {
                ps.setString(1, mergeId);
                if (!dialect.insertIfAbsent(ps)) {
                    return new ProfileMove(true, recordedMerge(c, mergeId));
                }
            }
            boolean folded = fold(c, dialect, absorbed, survivor);
            if (folded) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + mergeTable + " SET profiles = 1 WHERE merge_id = ?")) {
                    ps.setString(1, mergeId);
                    ps.executeUpdate();
                }
            }
            return new ProfileMove(false, folded ? 1 : 0);
        });
    }

    private static void requireMergeable(CustomerKey absorbed, CustomerKey survivor) {
        Objects.requireNonNull(absorbed, "absorbed");
        Objects.requireNonNull(survivor, "survivor");
        if (absorbed.equals(survivor)) {
            throw new IllegalArgumentException("cannot merge customer " + absorbed + " into itself");
        }
    }

    /** Folds {@code absorbed}'s row into {@code survivor}'s and deletes it; false if there was none. */
    private boolean fold(Connection c, Dialect dialect, CustomerKey absorbed, CustomerKey survivor) throws SQLException {
        Optional<ProfileState> from = read(c, absorbed, true);
        if (from.isEmpty()) {
            return false;
        }
        ProfileState into = lockCreating(c, dialect, survivor);
        into.mergeEvents(from.get());
        write(c, into);
        delete(c, absorbed);
        return true;
    }

    private long recordedMerge(Connection c, String mergeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT profiles FROM " + mergeTable + " WHERE merge_id = ?")) {
            ps.setString(1, mergeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the record of merge " + mergeId + " vanished");
                }
                return rs.getLong(1);
            }
        }
    }

    private boolean delete(Connection c, CustomerKey customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE customer = ?")) {
            ps.setString(1, customer.value());
            return ps.executeUpdate() > 0;
        }
    }

    @Override
    public boolean remove(CustomerKey customer) {
        Objects.requireNonNull(customer, "customer");
        return transactions.inTransaction("removing a profile", c -> delete(c, customer));
    }

    @Override
    public List<CustomerKey> customers() {
        List<CustomerKey> out = transactions.withConnection("listing profiles", c -> {
            List<CustomerKey> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT customer FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(CustomerKey.of(rs.getString(1)));
                }
            }
            return keys;
        });
        // sorted here, not by the database, whose collation may order strings otherwise
        Collections.sort(out);
        return List.copyOf(out);
    }
}
