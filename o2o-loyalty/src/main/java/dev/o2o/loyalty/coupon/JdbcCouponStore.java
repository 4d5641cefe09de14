package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JDBC {@link CouponStore}, plain {@code java.sql}. Thread-safe: each call takes its own
 * connection and transaction (READ COMMITTED). A redemption locks the coupon's row
 * ({@code SELECT ... FOR UPDATE}) before it reads the counts, then the code's row, so concurrent
 * redemptions of one coupon are serialised and the limits hold; CHECK constraints refuse any
 * count beyond the limits as a last line of defence. Every first outcome of a key, redemption or
 * refusal, is one row of {@code coupon_redemption} keyed by the redemption key, so a key has one
 * outcome. Expected conflicts (a code issued twice, a key claimed concurrently) are inserts that
 * do nothing ({@code ON CONFLICT DO NOTHING} on PostgreSQL, {@code MERGE} elsewhere), not
 * errors that the database would log with the key's value.
 */
final class JdbcCouponStore implements CouponStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCouponStore.class);
    private static final int ATTEMPTS = 8;

    private final DataSource dataSource;
    /** Whether the database is PostgreSQL, found on first use. */
    private volatile Boolean postgres;

    JdbcCouponStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    static void createSchema(DataSource dataSource) {
        String ddl;
        try (InputStream in = JdbcCouponStore.class.getResourceAsStream("coupon-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("resource coupon-schema.sql is missing from the jar");
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read coupon-schema.sql", e);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String stmt : stripComments(ddl).split(";")) {
                String sql = stmt.strip();
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new CouponStoreException("cannot create the coupon schema: " + e.getMessage(), e);
        }
    }

    private static String stripComments(String sql) {
        StringBuilder b = new StringBuilder();
        for (String line : sql.split("\n")) {
            int dash = line.indexOf("--");
            b.append(dash >= 0 ? line.substring(0, dash) : line).append('\n');
        }
        return b.toString().strip();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Thrown inside a transaction to start it again (a lost race on a unique key). */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Retry() {
            super(null, null, false, false);
        }
    }

    private <T> T tx(String what, Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (Retry r) {
                    c.rollback();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                String state = e.getSQLState();
                // 40xxx: serialization failure or deadlock; HYT00: H2 lock timeout. Both are safe to retry.
                if (state != null && (state.startsWith("40") || state.equals("HYT00"))) {
                    // log the kind of operation only: keys and codes stay out of the logs
                    LOG.debug("coupon store: retrying {} after SQLState {} (attempt {})", what, state, attempt + 1);
                    last = e;
                    continue;
                }
                throw new CouponStoreException("coupon store: " + what + " failed (SQLState " + state + ")", e);
            }
        }
        throw new CouponStoreException("coupon store: " + what + " failed after " + ATTEMPTS + " attempts", last);
    }

    /** True if the database is PostgreSQL (INSERT ... ON CONFLICT); others get the standard MERGE. */
    private boolean postgres(Connection c) throws SQLException {
        Boolean p = postgres;
        if (p == null) {
            p = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            postgres = p;
        }
        return p;
    }

    /**
     * An insert that does nothing if a row with the same key exists, so that an expected conflict
     * is not a database error (PostgreSQL logs every unique violation with the key's value). The
     * first {@code keys} of {@code columns} form the key; parameters bind in the order of
     * {@code columns}. Under a concurrent insert of the same key H2's MERGE may still raise a unique
     * violation: the caller starts the transaction again.
     */
    private String insertIfAbsent(Connection c, String table, int keys, String... columns) throws SQLException {
        String cols = String.join(", ", columns);
        String marks = String.join(", ", Collections.nCopies(columns.length, "?"));
        if (postgres(c)) {
            return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT DO NOTHING";
        }
        StringBuilder using = new StringBuilder();
        StringBuilder on = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            String src = i < keys ? "s." + columns[i] : "?";
            values.append(i == 0 ? "" : ", ").append(src);
            if (i < keys) {
                using.append(i == 0 ? "" : ", ").append("CAST(? AS VARCHAR(200)) AS ").append(columns[i]);
                on.append(i == 0 ? "" : " AND ").append("t.").append(columns[i]).append(" = s.").append(columns[i]);
            }
        }
        return "MERGE INTO " + table + " t USING (SELECT " + using + ") s ON " + on
                + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + values + ")";
    }

    @Override
    public void register(CouponLimits l) {
        Objects.requireNonNull(l, "limits");
        tx("register", c -> {
            if (updateLimits(c, l) > 0) {
                return null;
            }
            try (PreparedStatement p = c.prepareStatement(insertIfAbsent(c, "coupon_campaign", 1, "coupon_id",
                    "total_quantity", "budget_minor", "budget_currency", "per_customer"))) {
                p.setString(1, l.couponId());
                bindLimits(p, 2, l);
                if (p.executeUpdate() == 0) {
                    throw new Retry(); // registered concurrently: the next attempt updates that row
                }
            } catch (SQLException e) {
                retryOnUniqueViolation(e);
            }
            return null;
        });
    }

    private static int updateLimits(Connection c, CouponLimits l) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE coupon_campaign SET total_quantity = ?, budget_minor = ?, "
                + "budget_currency = ?, per_customer = ? WHERE coupon_id = ?")) {
            bindLimits(p, 1, l);
            p.setString(5, l.couponId());
            return p.executeUpdate();
        }
    }

    /** A unique violation (a concurrent insert of the same key) starts the transaction again; others propagate. */
    private static void retryOnUniqueViolation(SQLException e) throws SQLException {
        if ("23505".equals(e.getSQLState())) {
            throw new Retry();
        }
        throw e;
    }

    private static void bindLimits(PreparedStatement p, int from, CouponLimits l) throws SQLException {
        if (l.totalQuantity().isPresent()) {
            p.setLong(from, l.totalQuantity().getAsLong());
        } else {
            p.setNull(from, Types.BIGINT);
        }
        if (l.totalBudget().isPresent()) {
            p.setLong(from + 1, l.totalBudget().get().minorUnits());
            p.setString(from + 2, l.totalBudget().get().currency().getCurrencyCode());
        } else {
            p.setNull(from + 1, Types.BIGINT);
            p.setNull(from + 2, Types.CHAR);
        }
        if (l.perCustomerLimit().isPresent()) {
            p.setInt(from + 3, l.perCustomerLimit().getAsInt());
        } else {
            p.setNull(from + 3, Types.INTEGER);
        }
    }

    @Override
    public boolean issue(String code, String couponId, CustomerKey customer, Instant at) {
        Check.code(code, "code");
        Check.id(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(at, "at");
        return tx("issue", c -> {
            if (loadCampaign(c, couponId, false) == null) {
                throw new IllegalArgumentException("coupon '" + couponId + "' is not registered");
            }
            try (PreparedStatement p = c.prepareStatement(insertIfAbsent(c, "coupon_code", 1, "code", "coupon_id",
                    "customer", "state", "issued_at_ms"))) {
                p.setString(1, code);
                p.setString(2, couponId);
                p.setString(3, customer.value());
                p.setString(4, CodeState.ISSUED.name());
                p.setLong(5, at.toEpochMilli());
                return p.executeUpdate() == 1;
            } catch (SQLException e) {
                retryOnUniqueViolation(e);
                return false; // not reached
            }
        });
    }

    @Override
    public Optional<IssuedCode> find(String code) {
        Check.code(code, "code");
        return tx("find", c -> Optional.ofNullable(loadCode(c, code, false)));
    }

    private static IssuedCode loadCode(Connection c, String code, boolean lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT coupon_id, customer, state, order_id, reserved_until_ms, "
                + "issued_at_ms FROM coupon_code WHERE code = ?" + (lock ? " FOR UPDATE" : ""))) {
            p.setString(1, code);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long until = rs.getLong(5);
                Optional<Instant> reservedUntil = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
                return new IssuedCode(code, rs.getString(1), CustomerKey.of(rs.getString(2)), CodeState.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), reservedUntil, Instant.ofEpochMilli(rs.getLong(6)));
            }
        }
    }

    /** A coupon row: limits and counts. */
    private record Row(CouponLimits limits, long redeemed, long spentMinor) {
    }

    private static Row loadCampaign(Connection c, String couponId, boolean lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT total_quantity, budget_minor, budget_currency, per_customer, "
                + "redeemed, spent_minor FROM coupon_campaign WHERE coupon_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            p.setString(1, couponId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long q = rs.getLong(1);
                OptionalLong quantity = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(q);
                long b = rs.getLong(2);
                boolean noBudget = rs.wasNull();
                String cur = rs.getString(3);
                Optional<Money> budget = noBudget ? Optional.empty() : Optional.of(Money.ofMinor(b, Money.currency(cur)));
                int pc = rs.getInt(4);
                OptionalInt per = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(pc);
                return new Row(new CouponLimits(couponId, quantity, budget, per), rs.getLong(5), rs.getLong(6));
            }
        }
    }

    private static StoreOutcome busy(IssuedCode code, String orderId, Instant now) {
        if (code.state() == CodeState.REDEEMED) {
            return StoreOutcome.fail(ReasonCode.ALREADY_REDEEMED, "code already redeemed");
        }
        if (code.stateAt(now) == CodeState.RESERVED && !code.orderId().orElse("").equals(orderId)) {
            return StoreOutcome.fail(ReasonCode.RESERVED, "code reserved for another order until " + code.reservedUntil().get());
        }
        return null;
    }

    @Override
    public StoreOutcome reserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout) {
        Check.code(code, "code");
        Objects.requireNonNull(customer, "customer");
        Check.id(orderId, "orderId");
        Objects.requireNonNull(now, "now");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("reservation timeout must be positive: " + timeout);
        }
        return tx("reserve", c -> {
            IssuedCode ic = loadCode(c, code, true);
            if (ic == null || !ic.customer().equals(customer)) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code for this customer");
            }
            StoreOutcome b = busy(ic, orderId, now);
            if (b != null) {
                return b;
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE coupon_code SET state = 'RESERVED', order_id = ?, "
                    + "reserved_until_ms = ? WHERE code = ?")) {
                p.setString(1, orderId);
                p.setLong(2, now.plus(timeout).toEpochMilli());
                p.setString(3, code);
                p.executeUpdate();
            }
            return StoreOutcome.OK;
        });
    }

    @Override
    public StoreOutcome release(String code, String orderId, Instant now) {
        Check.code(code, "code");
        Check.id(orderId, "orderId");
        Objects.requireNonNull(now, "now");
        return tx("release", c -> {
            IssuedCode ic = loadCode(c, code, true);
            if (ic == null) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code");
            }
            if (ic.state() == CodeState.ISSUED) {
                return StoreOutcome.OK;
            }
            if (ic.state() == CodeState.REDEEMED) {
                return StoreOutcome.fail(ReasonCode.INVALID_STATE, "code is redeemed; roll the redemption back instead");
            }
            if (!ic.orderId().orElse("").equals(orderId)) {
                return StoreOutcome.fail(ReasonCode.RESERVED, "code is reserved by another order");
            }
            setFree(c, code);
            return StoreOutcome.OK;
        });
    }

    private static void setFree(Connection c, String code) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE coupon_code SET state = 'ISSUED', order_id = NULL, "
                + "reserved_until_ms = NULL WHERE code = ?")) {
            p.setString(1, code);
            p.executeUpdate();
        }
    }

    /**
     * Redeems in one transaction: the key's first outcome is replayed if it has one; otherwise the
     * coupon row and then the code row are locked (every writer takes them in this order, so there
     * are no deadlocks), the limits are checked by {@link CouponLimits#check}, and the outcome is
     * claimed by inserting the key's row before any count changes. If the claim finds the key taken
     * (a concurrent request with the same key committed first, which a READ COMMITTED snapshot may
     * not show yet), the transaction starts again and replays that outcome.
     */
    @Override
    public StoreOutcome redeem(RedemptionRequest r) {
        Objects.requireNonNull(r, "request");
        return tx("redeem", c -> {
            FirstOutcome first = loadOutcome(c, r.key());
            if (first != null) {
                return first.replay(r);
            }
            IssuedCode ic = loadCode(c, r.code(), false);
            if (ic == null || !ic.customer().equals(r.customer())) {
                return claim(c, r, FirstOutcome.refused(r, new Violation(ReasonCode.NOT_FOUND, "no such code for this customer")));
            }
            Row row = loadCampaign(c, ic.couponId(), true);
            ic = loadCode(c, r.code(), true);
            StoreOutcome b = busy(ic, r.orderId(), r.at());
            if (b != null) {
                return claim(c, r, FirstOutcome.refused(r, b.failure().orElseThrow()));
            }
            CouponUsage before = new CouponUsage(row.redeemed(), row.spentMinor(), customerCount(c, ic.couponId(), r.customer()));
            List<Violation> broken = row.limits().check(before, r.discount());
            if (!broken.isEmpty()) {
                return claim(c, r, FirstOutcome.refused(r, broken.get(0)));
            }
            Redemption red = new Redemption(r.key(), r.code(), ic.couponId(), r.customer(), r.orderId(), r.discount(),
                    r.storeId(), r.cashierId(), Instant.ofEpochMilli(r.at().toEpochMilli()), Optional.empty());
            StoreOutcome o = claim(c, r, FirstOutcome.of(red));
            counts(c, ic.couponId(), r.customer(), 1, r.discount().minorUnits());
            try (PreparedStatement p = c.prepareStatement("UPDATE coupon_code SET state = 'REDEEMED', order_id = ?, "
                    + "reserved_until_ms = NULL WHERE code = ?")) {
                p.setString(1, r.orderId());
                p.setString(2, r.code());
                p.executeUpdate();
            }
            return o;
        });
    }

    @Override
    public StoreOutcome refuse(RedemptionRequest r, Violation violation) {
        Objects.requireNonNull(r, "request");
        FirstOutcome refusal = FirstOutcome.refused(r, Check.refusal(violation));
        return tx("refuse", c -> {
            FirstOutcome first = loadOutcome(c, r.key());
            return first != null ? first.replay(r) : claim(c, r, refusal);
        });
    }

    /**
     * Inserts the key's first outcome, or, if the key is taken, starts the transaction again so that
     * the next attempt replays the outcome that won.
     */
    private StoreOutcome claim(Connection c, RedemptionRequest r, FirstOutcome o) throws SQLException {
        Redemption red = o.redemption().orElse(null);
        try (PreparedStatement p = c.prepareStatement(insertIfAbsent(c, "coupon_redemption", 1, "redemption_key", "code",
                "coupon_id", "customer", "order_id", "amount_minor", "currency", "store_id", "cashier_id", "redeemed_at_ms",
                "reason", "message"))) {
            p.setString(1, r.key());
            p.setString(2, r.code());
            p.setString(3, red == null ? null : red.couponId());
            p.setString(4, r.customer().value());
            p.setString(5, r.orderId());
            p.setLong(6, r.discount().minorUnits());
            p.setString(7, r.discount().currency().getCurrencyCode());
            p.setString(8, r.storeId().orElse(null));
            p.setString(9, r.cashierId().orElse(null));
            p.setLong(10, r.at().toEpochMilli());
            p.setString(11, o.refusal().map(v -> v.code().name()).orElse(null));
            p.setString(12, o.refusal().map(Violation::message).orElse(null));
            if (p.executeUpdate() == 0) {
                throw new Retry();
            }
        } catch (SQLException e) {
            retryOnUniqueViolation(e);
        }
        return o.fresh();
    }

    /** The first outcome of a key, or null. */
    private static FirstOutcome loadOutcome(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT code, coupon_id, customer, order_id, amount_minor, currency, "
                + "store_id, cashier_id, redeemed_at_ms, rolled_back_at_ms, reason, message FROM coupon_redemption "
                + "WHERE redemption_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String code = rs.getString(1);
                CustomerKey customer = CustomerKey.of(rs.getString(3));
                String reason = rs.getString(11);
                if (reason != null) {
                    return new FirstOutcome(code, customer, Optional.empty(),
                            Optional.of(new Violation(ReasonCode.valueOf(reason), rs.getString(12))));
                }
                long back = rs.getLong(10);
                Optional<Instant> rolledBack = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(back));
                return FirstOutcome.of(new Redemption(key, code, rs.getString(2), customer, rs.getString(4),
                        Money.ofMinor(rs.getLong(5), Money.currency(rs.getString(6))), Optional.ofNullable(rs.getString(7)),
                        Optional.ofNullable(rs.getString(8)), Instant.ofEpochMilli(rs.getLong(9)), rolledBack));
            }
        }
    }

    private static void counts(Connection c, String couponId, CustomerKey customer, int delta, long amount) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE coupon_campaign SET redeemed = redeemed + ?, "
                + "spent_minor = spent_minor + ? WHERE coupon_id = ?")) {
            p.setInt(1, delta);
            p.setLong(2, delta * amount);
            p.setString(3, couponId);
            p.executeUpdate();
        }
        int n;
        try (PreparedStatement p = c.prepareStatement("UPDATE coupon_customer_usage SET redeemed = redeemed + ? "
                + "WHERE coupon_id = ? AND customer = ?")) {
            p.setInt(1, delta);
            p.setString(2, couponId);
            p.setString(3, customer.value());
            n = p.executeUpdate();
        }
        if (n == 0) {
            // no race: the coupon row lock is held
            try (PreparedStatement p = c.prepareStatement("INSERT INTO coupon_customer_usage (coupon_id, customer, redeemed) "
                    + "VALUES (?, ?, ?)")) {
                p.setString(1, couponId);
                p.setString(2, customer.value());
                p.setInt(3, delta);
                p.executeUpdate();
            }
        }
    }

    private static long customerCount(Connection c, String couponId, CustomerKey customer) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT redeemed FROM coupon_customer_usage WHERE coupon_id = ? AND customer = ?")) {
            p.setString(1, couponId);
            p.setString(2, customer.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public StoreOutcome rollback(String key, Instant now) {
        Check.id(key, "redemption key");
        Objects.requireNonNull(now, "now");
        return tx("rollback", c -> {
            FirstOutcome first = loadOutcome(c, key);
            if (first == null || first.redemption().isEmpty()) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no redemption with this key");
            }
            loadCampaign(c, first.redemption().get().couponId(), true);
            Redemption red = loadOutcome(c, key).redemption().orElseThrow();
            if (red.isRolledBack()) {
                return StoreOutcome.ok(red, true);
            }
            loadCode(c, red.code(), true);
            Instant at = Instant.ofEpochMilli(now.toEpochMilli());
            try (PreparedStatement p = c.prepareStatement("UPDATE coupon_redemption SET rolled_back_at_ms = ? WHERE redemption_key = ?")) {
                p.setLong(1, at.toEpochMilli());
                p.setString(2, key);
                p.executeUpdate();
            }
            counts(c, red.couponId(), red.customer(), -1, red.discount().minorUnits());
            setFree(c, red.code());
            return StoreOutcome.ok(new Redemption(red.key(), red.code(), red.couponId(), red.customer(), red.orderId(),
                    red.discount(), red.storeId(), red.cashierId(), red.redeemedAt(), Optional.of(at)), false);
        });
    }

    @Override
    public Optional<Redemption> redemption(String key) {
        Check.id(key, "redemption key");
        return tx("read redemption", c -> {
            FirstOutcome first = loadOutcome(c, key);
            return first == null ? Optional.empty() : first.redemption();
        });
    }

    @Override
    public CouponUsage usage(String couponId, CustomerKey customer) {
        Check.id(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        return tx("usage", c -> {
            Row row = loadCampaign(c, couponId, false);
            if (row == null) {
                return CouponUsage.NONE;
            }
            return new CouponUsage(row.redeemed(), row.spentMinor(), customerCount(c, couponId, customer));
        });
    }
}
