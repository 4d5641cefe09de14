package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link IdentityStore#jdbc}: four tables (identifiers, links, merge events, erasures; DDL in the
 * resource {@code identity-schema.sql}) written through core's {@link Transactions}. Identifiers and
 * links keep their order in identity columns; an identifier registered twice is a quiet insert
 * ({@link Dialect#insertIgnoringConflict}), so that PostgreSQL logs no duplicate-key error quoting
 * its value.
 *
 * <p>Thread-safe: every call runs in its own transaction on its own connection.
 */
final class JdbcIdentityStore implements IdentityStore {

    private static final SchemaScript SCHEMA = SchemaScript.fromResource(JdbcIdentityStore.class, "identity-schema.sql");
    private static final String LINK_COLS = "a_type, a_value, b_type, b_value, at_millis, evidence";

    private final Transactions transactions;
    private final TablePrefix prefix;
    private final String identifier;
    private final String link;
    private final String merge;
    private final String erasure;

    JdbcIdentityStore(Transactions transactions, TablePrefix prefix) {
        this.transactions = transactions;
        this.prefix = prefix;
        this.identifier = prefix.table("identifier");
        this.link = prefix.table("link");
        this.merge = prefix.table("merge");
        this.erasure = prefix.table("erasure");
    }

    @Override
    public void createSchema() {
        SCHEMA.create(transactions.dataSource(), prefix);
    }

    @Override
    public void addIdentifiers(List<Identifier> ids) {
        List<Identifier> all = List.copyOf(ids);
        all.forEach(StoreLimits::check);
        Dialect dialect = transactions.dialect();
        transactions.inTransaction("adding identifiers", c -> {
            register(c, dialect, all);
            return null;
        });
    }

    private void register(Connection c, Dialect dialect, List<Identifier> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoringConflict(
                "INSERT INTO " + identifier + " (id_type, id_value) VALUES (?, ?)"))) {
            for (Identifier id : ids) {
                ps.setString(1, id.type().name());
                ps.setString(2, id.value());
                dialect.insertIfAbsent(ps);
            }
        }
    }

    private static void bindLink(PreparedStatement ps, int at, IdentityLink l) throws SQLException {
        ps.setString(at, l.first().type().name());
        ps.setString(at + 1, l.first().value());
        ps.setString(at + 2, l.second().type().name());
        ps.setString(at + 3, l.second().value());
        ps.setLong(at + 4, l.at().toEpochMilli());
        ps.setString(at + 5, l.evidence());
    }

    private static IdentityLink readLink(ResultSet rs, int at) throws SQLException {
        return new IdentityLink(new Identifier(IdentifierType.of(rs.getString(at)), rs.getString(at + 1)),
                new Identifier(IdentifierType.of(rs.getString(at + 2)), rs.getString(at + 3)),
                Instant.ofEpochMilli(rs.getLong(at + 4)), rs.getString(at + 5));
    }

    @Override
    public void addLinks(List<IdentityLink> newLinks, List<MergeEvent> newMerges) {
        List<IdentityLink> ls = List.copyOf(newLinks);
        List<MergeEvent> ms = List.copyOf(newMerges);
        StoreLimits.checkAll(ls, ms);
        Set<Long> sequences = new HashSet<>();
        for (MergeEvent m : ms) {
            if (!sequences.add(m.sequence())) {
                throw new IllegalArgumentException("merge event " + m.sequence() + " is already held");
            }
        }
        Dialect dialect = transactions.dialect();
        transactions.inTransaction("adding links", c -> {
            requireNewSequences(c, ms);
            List<Identifier> ids = new ArrayList<>(2 * ls.size());
            for (IdentityLink l : ls) {
                ids.add(l.first());
                ids.add(l.second());
            }
            register(c, dialect, ids);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + link + " (" + LINK_COLS
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                for (IdentityLink l : ls) {
                    bindLink(ps, 1, l);
                    ps.addBatch();
                }
                if (!ls.isEmpty()) {
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + merge + " (sequence, " + LINK_COLS
                    + ", survivor, absorbed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (MergeEvent m : ms) {
                    ps.setLong(1, m.sequence());
                    bindLink(ps, 2, m.link());
                    ps.setString(8, m.survivor().value());
                    ps.setString(9, m.absorbed().value());
                    ps.addBatch();
                }
                if (!ms.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    private void requireNewSequences(Connection c, List<MergeEvent> ms) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + merge + " WHERE sequence = ?")) {
            for (MergeEvent m : ms) {
                ps.setLong(1, m.sequence());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalArgumentException("merge event " + m.sequence() + " is already held");
                    }
                }
            }
        }
    }

    @Override
    public int removeLinks(Identifier a, Identifier b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return transactions.inTransaction("removing links", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + link
                    + " WHERE a_type = ? AND a_value = ? AND b_type = ? AND b_value = ?")) {
                int n = 0;
                for (Identifier[] ends : new Identifier[][] {{a, b}, {b, a}}) {
                    ps.setString(1, ends[0].type().name());
                    ps.setString(2, ends[0].value());
                    ps.setString(3, ends[1].type().name());
                    ps.setString(4, ends[1].value());
                    n += ps.executeUpdate();
                }
                return n;
            }
        });
    }

    @Override
    public void erase(ClusterErasure done, List<Identifier> ids) {
        Objects.requireNonNull(done, "erasure");
        List<Identifier> all = List.copyOf(ids);
        transactions.inTransaction("erasing a customer", c -> {
            try (PreparedStatement delId = c.prepareStatement("DELETE FROM " + identifier
                    + " WHERE id_type = ? AND id_value = ?");
                 PreparedStatement delLink = c.prepareStatement("DELETE FROM " + link
                         + " WHERE a_type = ? AND a_value = ? OR b_type = ? AND b_value = ?");
                 PreparedStatement delMerge = c.prepareStatement("DELETE FROM " + merge
                         + " WHERE a_type = ? AND a_value = ? OR b_type = ? AND b_value = ?")) {
                for (Identifier id : all) {
                    delId.setString(1, id.type().name());
                    delId.setString(2, id.value());
                    delId.addBatch();
                    for (PreparedStatement ps : new PreparedStatement[] {delLink, delMerge}) {
                        ps.setString(1, id.type().name());
                        ps.setString(2, id.value());
                        ps.setString(3, id.type().name());
                        ps.setString(4, id.value());
                        ps.addBatch();
                    }
                }
                if (!all.isEmpty()) {
                    delId.executeBatch();
                    delLink.executeBatch();
                    delMerge.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + erasure
                    + " (customer, identifiers_removed, links_removed, merges_removed) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, done.customer().value());
                ps.setInt(2, done.identifiersRemoved());
                ps.setInt(3, done.linksRemoved());
                ps.setInt(4, done.mergeEventsRemoved());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> readAll(String operation, String sql, Row<T> row) {
        return transactions.withConnection(operation, c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public List<Identifier> identifiers() {
        return readAll("reading identifiers", "SELECT id_type, id_value FROM " + identifier + " ORDER BY seq",
                rs -> new Identifier(IdentifierType.of(rs.getString(1)), rs.getString(2)));
    }

    @Override
    public List<IdentityLink> links() {
        return readAll("reading links", "SELECT " + LINK_COLS + " FROM " + link + " ORDER BY seq",
                rs -> readLink(rs, 1));
    }

    @Override
    public List<MergeEvent> mergeHistory() {
        return readAll("reading merge history", "SELECT sequence, " + LINK_COLS + ", survivor, absorbed FROM " + merge
                + " ORDER BY sequence", rs -> new MergeEvent(rs.getLong(1), readLink(rs, 2),
                        CustomerKey.of(rs.getString(8)), CustomerKey.of(rs.getString(9))));
    }

    @Override
    public List<ClusterErasure> erasures() {
        return readAll("reading erasures", "SELECT customer, identifiers_removed, links_removed, merges_removed FROM "
                + erasure + " ORDER BY seq", rs -> new ClusterErasure(CustomerKey.of(rs.getString(1)), rs.getInt(2),
                        rs.getInt(3), rs.getInt(4)));
    }
}
