package dev.o2o.risk.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.core.jdbc.Dialect;
import dev.o2o.core.jdbc.SchemaScript;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;
import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.risk.EventType;
import dev.o2o.risk.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JDBC {@link DecisionStore} on core's {@link Transactions} (retries, isolation, schema under a
 * table prefix). Reasons are stored as JSON. Thread-safe: every call uses its own connection.
 */
final class JdbcDecisionStore implements DecisionStore {

    static final SchemaScript SCHEMA = SchemaScript.fromResource(JdbcDecisionStore.class, "decision-schema.sql");
    private static final int MAX_REASONS_JSON = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, at_ms, event_type, identifier, posting_type, source_ref, code, action, "
            + "reasons, status, operator, resolved_ms";

    private final Transactions tx;
    private final String decision;
    private final String voided;

    private final TablePrefix prefix;

    JdbcDecisionStore(DataSource dataSource, TablePrefix prefix) {
        this.tx = Transactions.of(Objects.requireNonNull(dataSource, "dataSource"));
        this.prefix = prefix;
        this.decision = prefix.table("decision");
        this.voided = prefix.table("voided_code");
    }

    @Override
    public void createSchema() {
        SCHEMA.create(tx.dataSource(), prefix);
    }

    @Override
    public DecisionRecord record(DecisionRecord draft) {
        Objects.requireNonNull(draft, "draft");
        if (draft.id() != 0) {
            throw new IllegalArgumentException("a draft has id 0, not " + draft.id());
        }
        String reasons = toJson(draft.reasons());
        long id = tx.inTransaction("record a risk decision", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + decision + " (at_ms, event_type, identifier, "
                    + "posting_type, source_ref, code, action, reasons, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setLong(1, draft.at().toEpochMilli());
                ps.setString(2, draft.type().name());
                ps.setString(3, draft.identifier());
                setOptional(ps, 4, draft.postingType().map(Enum::name));
                setOptional(ps, 5, draft.sourceRef());
                setOptional(ps, 6, draft.code());
                ps.setString(7, draft.action().name());
                ps.setString(8, reasons);
                ps.setString(9, draft.status().name());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new DecisionRecord(id, Instant.ofEpochMilli(draft.at().toEpochMilli()), draft.type(), draft.identifier(),
                draft.postingType(), draft.sourceRef(), draft.code(), draft.action(), draft.reasons(), draft.status(),
                Optional.empty(), Optional.empty());
    }

    private static void setOptional(PreparedStatement ps, int i, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            ps.setString(i, v.get());
        } else {
            ps.setNull(i, Types.VARCHAR);
        }
    }

    private static String toJson(List<Reason> reasons) {
        String s;
        try {
            s = JSON.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write reasons as JSON", e);
        }
        if (s.length() > MAX_REASONS_JSON) {
            throw new IllegalArgumentException("the reasons of a decision take " + s.length()
                    + " characters as JSON, at most " + MAX_REASONS_JSON + " fit");
        }
        return s;
    }

    private static List<Reason> fromJson(String s) {
        try {
            return JSON.readValue(s, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons are not valid JSON", e);
        }
    }

    private static DecisionRecord read(ResultSet rs) throws SQLException {
        long resolved = rs.getLong(12);
        Optional<Instant> resolvedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(resolved));
        return new DecisionRecord(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), EventType.valueOf(rs.getString(3)),
                rs.getString(4), Optional.ofNullable(rs.getString(5)).map(EntryType::valueOf),
                Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)), Action.valueOf(rs.getString(8)),
                fromJson(rs.getString(9)), DecisionStatus.valueOf(rs.getString(10)), Optional.ofNullable(rs.getString(11)),
                resolvedAt);
    }

    private static Optional<DecisionRecord> find(Connection c, String table, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<DecisionRecord> find(long id) {
        return tx.withConnection("find a risk decision", c -> find(c, decision, id, false));
    }

    @Override
    public List<DecisionRecord> open(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return tx.withConnection("list open risk decisions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + decision
                    + " WHERE status = 'OPEN' ORDER BY id LIMIT ?")) {
                ps.setInt(1, limit);
                List<DecisionRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public DecisionRecord resolve(long id, DecisionStatus to, String operator, Instant at) {
        Resolutions.checkTarget(to, operator, at);
        return tx.inTransaction("resolve a risk decision", c -> {
            DecisionRecord current = find(c, decision, id, true)
                    .orElseThrow(() -> new IllegalStateException("no decision " + id));
            if (current.status() != DecisionStatus.OPEN) {
                return Resolutions.alreadyResolved(current, to);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + decision
                    + " SET status = ?, operator = ?, resolved_ms = ? WHERE id = ? AND status = 'OPEN'")) {
                ps.setString(1, to.name());
                ps.setString(2, operator);
                ps.setLong(3, at.toEpochMilli());
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return current.resolved(to, operator, Instant.ofEpochMilli(at.toEpochMilli()));
        });
    }

    @Override
    public boolean voidCode(String code, long decisionId, Instant at) {
        Objects.requireNonNull(code, "code");
        Resolutions.requireStorable(at, "a voided code");
        return tx.inTransaction("void a coupon code", c -> {
            Dialect dialect = Dialect.of(c);
            try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoringConflict(
                    "INSERT INTO " + voided + " (code, decision_id, at_ms) VALUES (?, ?, ?)"))) {
                ps.setString(1, code);
                ps.setLong(2, decisionId);
                ps.setLong(3, at.toEpochMilli());
                return dialect.insertIfAbsent(ps);
            }
        });
    }

    @Override
    public boolean isVoided(String code) {
        Objects.requireNonNull(code, "code");
        return tx.withConnection("look up a voided code", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + voided + " WHERE code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
