package dev.o2o.core.consent;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.jdbc.SchemaScript;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ConsentStore#jdbc}: one table of changes, append-only apart from
 * {@link #reassign}. Thread-safe: every call runs on its own connection through {@link Transactions}.
 */
final class JdbcConsentStore implements ConsentStore {

    private static final SchemaScript SCHEMA = SchemaScript.fromResource(JdbcConsentStore.class, "consent-schema.sql");
    private static final String COLUMNS = "customer, purpose, status, at_micros, source";

    private final Transactions tx;
    private final TablePrefix prefix;
    private final String table;

    JdbcConsentStore(Transactions tx, TablePrefix prefix) {
        this.tx = tx;
        this.prefix = prefix;
        this.table = prefix.table("change");
    }

    @Override
    public void createSchema() {
        SCHEMA.create(tx.dataSource(), prefix);
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    @Override
    public boolean record(ConsentChange c) {
        Objects.requireNonNull(c, "change");
        return tx.inTransaction("recording a consent change", conn -> {
            try (PreparedStatement st = conn.prepareStatement(tx.dialect().insertIgnoringConflict(
                    "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"))) {
                st.setString(1, c.customer().value());
                st.setString(2, c.purpose().name());
                st.setString(3, c.status().name());
                st.setLong(4, micros(c.at()));
                st.setString(5, c.source());
                return tx.dialect().insertIfAbsent(st);
            }
        });
    }

    private static List<ConsentChange> read(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<ConsentChange> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConsentChange(CustomerKey.of(rs.getString(1)), ConsentPurpose.of(rs.getString(2)),
                            ConsentStatus.valueOf(rs.getString(3)), instant(rs.getLong(4)), rs.getString(5)));
                }
            }
            return out;
        }
    }

    @Override
    public List<ConsentChange> history(CustomerKey customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withConnection("reading a consent history", c -> List.copyOf(read(c, "SELECT " + COLUMNS + " FROM "
                + table + " WHERE customer = ? ORDER BY at_micros, seq", customer.value())));
    }

    @Override
    public Optional<ConsentChange> current(CustomerKey customer, ConsentPurpose purpose, Instant asOf) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(asOf, "asOf");
        long until = asOf.isAfter(Instant.parse("2262-01-01T00:00:00Z")) ? Long.MAX_VALUE
                : asOf.isBefore(Instant.parse("1678-01-01T00:00:00Z")) ? Long.MIN_VALUE
                : micros(asOf.truncatedTo(ChronoUnit.MICROS));
        return tx.withConnection("reading consent", c -> read(c, "SELECT " + COLUMNS + " FROM " + table
                + " WHERE customer = ? AND purpose = ? AND at_micros <= ? ORDER BY at_micros DESC, seq DESC LIMIT 1",
                customer.value(), purpose.name(), until).stream().findFirst());
    }

    @Override
    public long reassign(CustomerKey from, CustomerKey to) {
        ConsentChange.requireDistinct(from, to);
        return tx.inTransaction("reassigning consent", c -> {
            long moved;
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE customer = ?")) {
                st.setString(1, from.value());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    moved = rs.getLong(1);
                }
            }
            // a change both keys recorded identically is kept once, under the new key
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE customer = ? AND EXISTS ("
                    + "SELECT 1 FROM " + table + " t WHERE t.customer = ? AND t.purpose = " + table + ".purpose"
                    + " AND t.status = " + table + ".status AND t.at_micros = " + table + ".at_micros"
                    + " AND t.source = " + table + ".source)")) {
                st.setString(1, from.value());
                st.setString(2, to.value());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET customer = ? WHERE customer = ?")) {
                st.setString(1, to.value());
                st.setString(2, from.value());
                st.executeUpdate();
            }
            return moved;
        });
    }
}
