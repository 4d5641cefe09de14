package dev.o2o.examples.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The service's own tables, beside the library's: members' home positions (for distances), orders as
 * the service answered them (for "last orders" and replays), and an activity log of codes issued,
 * verified and redeemed (for the dashboard). Each row is keyed by the request's idempotency key or the
 * order id, so a replayed request adds nothing. Plain JDBC, the same SQL on H2 and PostgreSQL.
 *
 * <p>Thread-safe: every call takes its own connection from the pool.
 */
final class ServeDb {

    /** An order as the service recorded it. */
    record OrderRow(String orderId, String idempotencyKey, String member, Instant at, String channel,
                    Optional<String> storeId, String paid, long points) {
    }

    /** An activity: a code issued, verified or redeemed. */
    enum Kind { ISSUED, VERIFIED, REDEEMED }

    private final DataSource ds;

    ServeDb(DataSource ds) {
        this.ds = ds;
    }

    /** Creates the tables where absent: safe at every start. */
    void createSchema() {
        run("CREATE TABLE IF NOT EXISTS serve_meta (name VARCHAR(64) PRIMARY KEY, val VARCHAR(200) NOT NULL)");
        run("CREATE TABLE IF NOT EXISTS serve_member (card VARCHAR(64) PRIMARY KEY, home_lat DOUBLE PRECISION NOT NULL,"
                + " home_lon DOUBLE PRECISION NOT NULL)");
        run("CREATE TABLE IF NOT EXISTS serve_order (order_id VARCHAR(200) PRIMARY KEY, idem_key VARCHAR(200) NOT NULL"
                + " UNIQUE, card VARCHAR(64) NOT NULL, at_ms BIGINT NOT NULL, channel VARCHAR(16) NOT NULL,"
                + " store_id VARCHAR(64), paid VARCHAR(32) NOT NULL, points BIGINT NOT NULL)");
        run("CREATE INDEX IF NOT EXISTS serve_order_card_ix ON serve_order (card, at_ms)");
        run("CREATE TABLE IF NOT EXISTS serve_activity (idem_key VARCHAR(220) PRIMARY KEY, kind VARCHAR(16) NOT NULL,"
                + " code VARCHAR(64) NOT NULL, coupon_id VARCHAR(200) NOT NULL, card VARCHAR(64) NOT NULL,"
                + " distance_m DOUBLE PRECISION NOT NULL, at_ms BIGINT NOT NULL)");
        run("CREATE INDEX IF NOT EXISTS serve_activity_code_ix ON serve_activity (code, kind)");
    }

    Optional<String> meta(String name) {
        return query("SELECT val FROM serve_meta WHERE name = ?", rs -> rs.next() ? Optional.of(rs.getString(1))
                : Optional.<String>empty(), name);
    }

    void putMeta(String name, String value) {
        update("INSERT INTO serve_meta (name, val) VALUES (?, ?)", name, value);
    }

    void addMember(String card, double lat, double lon) {
        update("INSERT INTO serve_member (card, home_lat, home_lon) VALUES (?, ?, ?)", card, lat, lon);
    }

    /** The member's home position as {lat, lon}, if the member exists. */
    Optional<double[]> home(String card) {
        return query("SELECT home_lat, home_lon FROM serve_member WHERE card = ?", rs -> rs.next()
                ? Optional.of(new double[] {rs.getDouble(1), rs.getDouble(2)}) : Optional.<double[]>empty(), card);
    }

    /** Member cards in order, at most {@code limit}. */
    List<String> memberCards(int limit) {
        return query("SELECT card FROM serve_member ORDER BY card", rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next() && out.size() < limit) {
                out.add(rs.getString(1));
            }
            return out;
        });
    }

    /**
     * Records an activity once per key and kind (a client may reuse a key across endpoints); false if
     * it was recorded before.
     */
    boolean addActivity(String key, Kind kind, String code, String couponId, String card, double distanceMetres,
                        Instant at) {
        try {
            update("INSERT INTO serve_activity (idem_key, kind, code, coupon_id, card, distance_m, at_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", kind.name() + ":" + key, kind.name(), code, couponId, card, distanceMetres,
                    at.toEpochMilli());
            return true;
        } catch (DuplicateKey e) {
            return false;
        }
    }

    /** The code an earlier request with this key issued: {code, couponId, card}. */
    Optional<String[]> issuedUnder(String key) {
        return query("SELECT code, coupon_id, card FROM serve_activity WHERE idem_key = ?",
                rs -> rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                        : Optional.<String[]>empty(), Kind.ISSUED.name() + ":" + key);
    }

    /** The distance recorded when the code was issued, if it was issued through the service. */
    Optional<Double> issueDistance(String code) {
        return query("SELECT distance_m FROM serve_activity WHERE code = ? AND kind = 'ISSUED'",
                rs -> rs.next() ? Optional.of(rs.getDouble(1)) : Optional.<Double>empty(), code);
    }

    /** Activities per kind. */
    Map<Kind, Long> activityCounts() {
        return query("SELECT kind, COUNT(*) FROM serve_activity GROUP BY kind", rs -> {
            Map<Kind, Long> out = new LinkedHashMap<>();
            for (Kind k : Kind.values()) {
                out.put(k, 0L);
            }
            while (rs.next()) {
                out.put(Kind.valueOf(rs.getString(1)), rs.getLong(2));
            }
            return out;
        });
    }

    /** Distances (metres) of the codes of one kind of activity. */
    List<Double> distances(Kind kind) {
        return query("SELECT distance_m FROM serve_activity WHERE kind = ?", rs -> {
            List<Double> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getDouble(1));
            }
            return out;
        }, kind.name());
    }

    /** Coupon ids each member was issued through the service: the recommender's training data. */
    List<String[]> issuedPairs() {
        return query("SELECT card, coupon_id, at_ms FROM serve_activity WHERE kind = 'ISSUED' ORDER BY idem_key",
                rs -> {
                    List<String[]> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))});
                    }
                    return out;
                });
    }

    /** Records an order; throws {@link DuplicateKey} if its id or key is recorded already. */
    void addOrder(OrderRow o) {
        update("INSERT INTO serve_order (order_id, idem_key, card, at_ms, channel, store_id, paid, points)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", o.orderId(), o.idempotencyKey(), o.member(),
                o.at().toEpochMilli(), o.channel(), o.storeId().orElse(null), o.paid(), o.points());
    }

    Optional<OrderRow> order(String orderId) {
        return query(ORDER_SELECT + " WHERE order_id = ?", rs -> rs.next() ? Optional.of(orderRow(rs))
                : Optional.<OrderRow>empty(), orderId);
    }

    Optional<OrderRow> orderByKey(String key) {
        return query(ORDER_SELECT + " WHERE idem_key = ?", rs -> rs.next() ? Optional.of(orderRow(rs))
                : Optional.<OrderRow>empty(), key);
    }

    /** The member's latest orders, newest first. */
    List<OrderRow> lastOrders(String card, int limit) {
        return query(ORDER_SELECT + " WHERE card = ? ORDER BY at_ms DESC, order_id", rs -> {
            List<OrderRow> out = new ArrayList<>();
            while (rs.next() && out.size() < limit) {
                out.add(orderRow(rs));
            }
            return out;
        }, card);
    }

    private static final String ORDER_SELECT =
            "SELECT order_id, idem_key, card, at_ms, channel, store_id, paid, points FROM serve_order";

    private static OrderRow orderRow(ResultSet rs) throws SQLException {
        return new OrderRow(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                rs.getString(5), Optional.ofNullable(rs.getString(6)), rs.getString(7), rs.getLong(8));
    }

    /** A unique key was taken already. */
    static final class DuplicateKey extends RuntimeException {
        DuplicateKey(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Rows<T> rows, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            // 23505: unique violation, on H2 and PostgreSQL alike
            if ("23505".equals(e.getSQLState())) {
                throw new DuplicateKey(e);
            }
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    private void run(String ddl) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
