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
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JDBC {@link CouponStore}, plain {@code java.sql}. Thread-safe: each call takes its own
 * connection and transaction (READ COMMITTED). A redemption locks the coupon's row
 * ({@code SELECT ... FOR UPDATE}) before it reads the counts, then the code's row, so concurrent
 * redemptions of one coupon are serialised and the limits hold; CHECK constraints refuse any
 * count beyond the limits as a last line of defence, and the primary key on the redemption key
 * makes retries idempotent.
 */
final class JdbcCouponStore implements CouponStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCouponStore.class);
    private static final int ATTEMPTS = 8;

    private final DataSource dataSource;

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
                    LOG.debug("coupon store: retrying {} after SQLState {} (attempt {})", operation(what), state, attempt + 1);
                    last = e;
                    continue;
                }
                throw new CouponStoreException(what + " failed: " + e.getMessage(), e);
            }
        }
        throw new CouponStoreException(what + " failed after " + ATTEMPTS + " attempts", last);
    }

    private static String operation(String what) {
        int space = what.indexOf(' ');
        return space < 0 ? what : what.substring(0, space);
    }

    private static boolean uniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public void register(CouponLimits l) {
        Objects.requireNonNull(l, "limits");
        tx("register " + l.couponId(), c -> {
            int n;
            try (PreparedStatement p = c.prepareStatement("UPDATE coupon_campaign SET total_quantity = ?, budget_minor = ?, "
                    + "budget_currency = ?, per_customer = ? WHERE coupon_id = ?")) {
                bindLimits(p, l);
                p.setString(5, l.couponId());
                n = p.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO coupon_campaign (total_quantity, budget_minor, "
                        + "budget_currency, per_customer, coupon_id, redeemed, spent_minor) VALUES (?, ?, ?, ?, ?, 0, 0)")) {
                    bindLimits(p, l);
                    p.setString(5, l.couponId());
                    p.executeUpdate();
                } catch (SQLException e) {
                    if (uniqueViolation(e)) {
                        throw new Retry();
                    }
                    throw e;
                }
            }
            return null;
        });
    }

    private static void bindLimits(PreparedStatement p, CouponLimits l) throws SQLException {
        if (l.totalQuantity().isPresent()) {
            p.setLong(1, l.totalQuantity().getAsLong());
        } else {
            p.setNull(1, Types.BIGINT);
        }
        if (l.totalBudget().isPresent()) {
            p.setLong(2, l.totalBudget().get().minorUnits());
            p.setString(3, l.totalBudget().get().currency().getCurrencyCode());
        } else {
            p.setNull(2, Types.BIGINT);
            p.setNull(3, Types.CHAR);
        }
        if (l.perCustomerLimit().isPresent()) {
            p.setInt(4, l.perCustomerLimit().getAsInt());
        } else {
            p.setNull(4, Types.INTEGER);
        }
    }

    @Override
    public boolean issue(String code, String couponId, CustomerKey customer, Instant at) {
        Check.id(code, "code");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(at, "at");
        return tx("issue " + code, c -> {
            if (loadCampaign(c, couponId, false) == null) {
                throw new IllegalArgumentException("coupon '" + couponId + "' is not registered");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO coupon_code (code, coupon_id, customer, state, "
                    + "issued_at_ms) VALUES (?, ?, ?, 'ISSUED', ?)")) {
                p.setString(1, code);
                p.setString(2, couponId);
                p.setString(3, customer.value());
                p.setLong(4, at.toEpochMilli());
                p.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (uniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<IssuedCode> find(String code) {
        return tx("find " + code, c -> Optional.ofNullable(loadCode(c, code, false)));
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
        Check.id(orderId, "orderId");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("reservation timeout must be positive: " + timeout);
        }
        return tx("reserve " + code, c -> {
            IssuedCode ic = loadCode(c, code, true);
            if (ic == null || !ic.customer().equals(customer)) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no code " + code + " for this customer");
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
        return tx("release " + code, c -> {
            IssuedCode ic = loadCode(c, code, true);
            if (ic == null) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no code " + code);
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

    @Override
    public StoreOutcome redeem(RedemptionRequest r) {
        Objects.requireNonNull(r, "request");
        return tx("redeem " + r.key(), c -> {
            StoreOutcome o = attemptRedeem(c, r);
            if (Refusal.remembered(o)) {
                return refuse(c, r, o);
            }
            return o;
        });
    }

    @Override
    public StoreOutcome refuse(RedemptionRequest r, Violation violation) {
        StoreOutcome failure = Refusal.toRemember(r, violation);
        return tx("refuse " + r.key(), c -> {
            IssuedCode ic = loadCode(c, r.code(), false);
            if (ic != null) {
                loadCampaign(c, ic.couponId(), true); // the coupon row lock, as in redeem
            }
            StoreOutcome first = firstOutcome(c, r);
            return first != null ? first : refuse(c, r, failure);
        });
    }

    /** Remembers a refusal as the first outcome of its key, in the same transaction. */
    private static StoreOutcome refuse(Connection c, RedemptionRequest r, StoreOutcome failure) throws SQLException {
        Violation v = failure.failure().orElseThrow();
        String message = v.message().length() > 1000 ? v.message().substring(0, 1000) : v.message();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO coupon_refusal (redemption_key, code, customer, "
                + "reason, message) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, r.key());
            p.setString(2, r.code());
            p.setString(3, r.customer().value());
            p.setString(4, v.code().name());
            p.setString(5, message);
            p.executeUpdate();
        } catch (SQLException e) {
            if (uniqueViolation(e)) {
                throw new Retry(); // the same key was refused concurrently: start again and replay it
            }
            throw e;
        }
        return message.length() == v.message().length() ? failure : StoreOutcome.fail(v.code(), message);
    }

    private static Refusal loadRefusal(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT code, customer, reason, message FROM coupon_refusal "
                + "WHERE redemption_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Refusal(rs.getString(1), CustomerKey.of(rs.getString(2)),
                        new Violation(ReasonCode.valueOf(rs.getString(3)), rs.getString(4)));
            }
        }
    }

    /** The first outcome of the request's key replayed, or null for a new key. */
    private static StoreOutcome firstOutcome(Connection c, RedemptionRequest r) throws SQLException {
        Redemption prior = loadRedemption(c, r.key());
        if (prior != null) {
            return replay(prior, r);
        }
        Refusal refused = loadRefusal(c, r.key());
        return refused == null ? null : refused.replay(r);
    }

    private StoreOutcome attemptRedeem(Connection c, RedemptionRequest r) throws SQLException {
        StoreOutcome first = firstOutcome(c, r);
        if (first != null) {
            return first;
        }
        IssuedCode ic = loadCode(c, r.code(), false);
        if (ic == null || !ic.customer().equals(r.customer())) {
            return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no code " + r.code() + " for this customer");
        }
        // lock order: coupon row, then code row; every writer follows it, so no deadlocks
        Row row = loadCampaign(c, ic.couponId(), true);
        first = firstOutcome(c, r);
        if (first != null) {
            return first;
        }
        ic = loadCode(c, r.code(), true);
        StoreOutcome b = busy(ic, r.orderId(), r.at());
        if (b != null) {
            return b;
        }
        CouponLimits l = row.limits();
        long amount = r.discount().minorUnits();
        if (l.totalBudget().isPresent() && !l.totalBudget().get().currency().equals(r.discount().currency())) {
            return StoreOutcome.fail(ReasonCode.CURRENCY_MISMATCH, "discount " + r.discount() + " is not in the budget's currency");
        }
        if (l.totalQuantity().isPresent() && row.redeemed() >= l.totalQuantity().getAsLong()) {
            return StoreOutcome.fail(ReasonCode.QUANTITY_EXHAUSTED, "all " + l.totalQuantity().getAsLong() + " units are used");
        }
        if (l.totalBudget().isPresent() && row.spentMinor() + amount > l.totalBudget().get().minorUnits()) {
            return StoreOutcome.fail(ReasonCode.BUDGET_EXHAUSTED, "budget " + l.totalBudget().get() + " cannot cover " + r.discount());
        }
        long mine = customerCount(c, ic.couponId(), r.customer());
        if (l.perCustomerLimit().isPresent() && mine >= l.perCustomerLimit().getAsInt()) {
            return StoreOutcome.fail(ReasonCode.PER_CUSTOMER_LIMIT, "customer reached the limit of " + l.perCustomerLimit().getAsInt());
        }
        Redemption red = new Redemption(r.key(), r.code(), ic.couponId(), r.customer(), r.orderId(), r.discount(),
                r.storeId(), r.cashierId(), Instant.ofEpochMilli(r.at().toEpochMilli()), Optional.empty());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO coupon_redemption (redemption_key, code, coupon_id, "
                + "customer, order_id, amount_minor, currency, store_id, cashier_id, redeemed_at_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, red.key());
            p.setString(2, red.code());
            p.setString(3, red.couponId());
            p.setString(4, red.customer().value());
            p.setString(5, red.orderId());
            p.setLong(6, amount);
            p.setString(7, red.discount().currency().getCurrencyCode());
            p.setString(8, red.storeId().orElse(null));
            p.setString(9, red.cashierId().orElse(null));
            p.setLong(10, red.redeemedAt().toEpochMilli());
            p.executeUpdate();
        } catch (SQLException e) {
            if (uniqueViolation(e)) {
                throw new Retry(); // the same key committed elsewhere: start again and replay it
            }
            throw e;
        }
        counts(c, ic.couponId(), r.customer(), 1, amount);
        try (PreparedStatement p = c.prepareStatement("UPDATE coupon_code SET state = 'REDEEMED', order_id = ?, "
                + "reserved_until_ms = NULL WHERE code = ?")) {
            p.setString(1, r.orderId());
            p.setString(2, r.code());
            p.executeUpdate();
        }
        return StoreOutcome.ok(red, false);
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

    private static StoreOutcome replay(Redemption prior, RedemptionRequest r) {
        if (!prior.code().equals(r.code()) || !prior.customer().equals(r.customer())) {
            return StoreOutcome.fail(ReasonCode.KEY_CONFLICT, "redemption key " + r.key() + " was used for another code");
        }
        return StoreOutcome.ok(prior, true);
    }

    private static Redemption loadRedemption(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT code, coupon_id, customer, order_id, amount_minor, currency, "
                + "store_id, cashier_id, redeemed_at_ms, rolled_back_at_ms FROM coupon_redemption WHERE redemption_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long back = rs.getLong(10);
                Optional<Instant> rolledBack = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(back));
                return new Redemption(key, rs.getString(1), rs.getString(2), CustomerKey.of(rs.getString(3)), rs.getString(4),
                        Money.ofMinor(rs.getLong(5), Money.currency(rs.getString(6))), Optional.ofNullable(rs.getString(7)),
                        Optional.ofNullable(rs.getString(8)), Instant.ofEpochMilli(rs.getLong(9)), rolledBack);
            }
        }
    }

    @Override
    public StoreOutcome rollback(String key, Instant now) {
        Objects.requireNonNull(now, "now");
        return tx("rollback " + key, c -> {
            Redemption red = loadRedemption(c, key);
            if (red == null) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no redemption with key " + key);
            }
            loadCampaign(c, red.couponId(), true);
            red = loadRedemption(c, key);
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
        return tx("read redemption " + key, c -> Optional.ofNullable(loadRedemption(c, key)));
    }

    @Override
    public CouponUsage usage(String couponId, CustomerKey customer) {
        return tx("usage " + couponId, c -> {
            Row row = loadCampaign(c, couponId, false);
            if (row == null) {
                return CouponUsage.NONE;
            }
            return new CouponUsage(row.redeemed(), row.spentMinor(), customerCount(c, couponId, customer));
        });
    }
}
