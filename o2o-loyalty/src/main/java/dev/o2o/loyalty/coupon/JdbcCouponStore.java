package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.jdbc.Dialect;
import dev.o2o.core.jdbc.SchemaScript;
import dev.o2o.core.jdbc.SqlWork;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.TransactionException;
import dev.o2o.core.jdbc.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JDBC {@link CouponStore}, plain {@code java.sql} on core's {@link Transactions}. Thread-safe:
 * each call takes its own connection and transaction (READ COMMITTED; serialization failures and
 * deadlocks are retried with the shared bounded, jittered exponential back-off). A redemption
 * locks the coupon's row ({@code SELECT ... FOR UPDATE}) before it reads the counts, then the
 * code's row, so concurrent redemptions of one coupon are serialised and the limits hold; CHECK
 * constraints refuse any count beyond the limits as a last line of defence. Every first outcome of
 * a key, redemption or refusal, is one row of the {@code redemption} table keyed by the redemption
 * key, so a key has one outcome. Expected conflicts (a code issued twice, a key claimed
 * concurrently) are inserts that do nothing ({@link Dialect#insertIgnoringConflict}), not errors
 * that PostgreSQL would log with the key's value.
 */
final class JdbcCouponStore implements CouponStore {

    private static final SchemaScript SCHEMA = SchemaScript.fromResource(JdbcCouponStore.class, "coupon-schema.sql");

    private final Transactions tx;
    private final String campaign;
    private final String codeTable;
    private final String usageTable;
    private final String outcome;
    private final String mergeTable;
    private final String mergeCodeTable;

    private final TablePrefix prefix;

    JdbcCouponStore(DataSource dataSource, TablePrefix prefix) {
        this.tx = Transactions.of(Objects.requireNonNull(dataSource, "dataSource"));
        this.prefix = Objects.requireNonNull(prefix, "tablePrefix");
        campaign = prefix.table("campaign");
        codeTable = prefix.table("code");
        usageTable = prefix.table("customer_usage");
        outcome = prefix.table("redemption");
        mergeTable = prefix.table("customer_merge");
        mergeCodeTable = prefix.table("merge_code");
    }

    @Override
    public void createSchema() {
        try {
            SCHEMA.create(tx.dataSource(), prefix);
        } catch (TransactionException e) {
            throw new CouponStoreException("cannot create the coupon schema", e);
        }
    }

    /** A concurrent transaction claimed the same key first: this one starts again and replays that outcome. */
    private static SQLException keyTaken() {
        return new SQLException("the redemption key was claimed by a concurrent transaction", "40001");
    }

    /** Runs store work in a transaction; storage failures become {@link CouponStoreException}. */
    private <T> T write(String operation, SqlWork<T> work) {
        try {
            return tx.inTransaction("coupon store: " + operation, work);
        } catch (TransactionException e) {
            throw new CouponStoreException(e.getMessage(), e);
        }
    }

    /** Runs a read on one connection in auto-commit mode. */
    private <T> T read(String operation, SqlWork<T> work) {
        try {
            return tx.withConnection("coupon store: " + operation, work);
        } catch (TransactionException e) {
            throw new CouponStoreException(e.getMessage(), e);
        }
    }

    @Override
    public void register(CouponLimits l) {
        Objects.requireNonNull(l, "limits");
        write("register", c -> {
            if (updateLimits(c, l) > 0) {
                return null;
            }
            try (PreparedStatement p = c.prepareStatement(tx.dialect().insertIgnoringConflict("INSERT INTO " + campaign + " "
                    + "(coupon_id, total_quantity, budget_minor, budget_currency, per_customer) VALUES (?, ?, ?, ?, ?)"))) {
                p.setString(1, l.couponId());
                bindLimits(p, 2, l);
                if (!tx.dialect().insertIfAbsent(p)) {
                    updateLimits(c, l); // registered concurrently: that row, committed, now takes these limits
                }
            }
            return null;
        });
    }

    private int updateLimits(Connection c, CouponLimits l) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + campaign + " SET total_quantity = ?, budget_minor = ?, "
                + "budget_currency = ?, per_customer = ? WHERE coupon_id = ?")) {
            bindLimits(p, 1, l);
            p.setString(5, l.couponId());
            return p.executeUpdate();
        }
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
        return write("issue", c -> {
            if (loadCampaign(c, couponId, false) == null) {
                throw new IllegalArgumentException("coupon '" + couponId + "' is not registered");
            }
            try (PreparedStatement p = c.prepareStatement(tx.dialect().insertIgnoringConflict("INSERT INTO " + codeTable + " "
                    + "(code, coupon_id, customer, state, issued_at_ms) VALUES (?, ?, ?, ?, ?)"))) {
                p.setString(1, code);
                p.setString(2, couponId);
                p.setString(3, customer.value());
                p.setString(4, CodeState.ISSUED.name());
                p.setLong(5, at.toEpochMilli());
                return tx.dialect().insertIfAbsent(p);
            }
        });
    }

    @Override
    public Optional<IssuedCode> find(String code) {
        Check.code(code, "code");
        return read("find", c -> Optional.ofNullable(loadCode(c, code, false)));
    }

    private IssuedCode loadCode(Connection c, String code, boolean lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT coupon_id, customer, state, order_id, reserved_until_ms, "
                + "issued_at_ms FROM " + codeTable + " WHERE code = ?" + (lock ? " FOR UPDATE" : ""))) {
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

    private Row loadCampaign(Connection c, String couponId, boolean lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT total_quantity, budget_minor, budget_currency, per_customer, "
                + "redeemed, spent_minor FROM " + campaign + " WHERE coupon_id = ?" + (lock ? " FOR UPDATE" : ""))) {
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
        return CodeRules.busy(code.state(), code.orderId().orElse(null), code.reservedUntil().orElse(null), orderId, now);
    }

    @Override
    public StoreOutcome reserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout) {
        CodeRules.checkReserve(code, customer, orderId, now, timeout);
        return write("reserve", c -> {
            IssuedCode ic = loadCode(c, code, true);
            if (ic == null || !ic.customer().equals(customer)) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code for this customer");
            }
            StoreOutcome b = busy(ic, orderId, now);
            if (b != null) {
                return b;
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + codeTable + " SET state = 'RESERVED', order_id = ?, "
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
        return write("release", c -> {
            IssuedCode ic = loadCode(c, code, true);
            if (ic == null) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code");
            }
            StoreOutcome answer = CodeRules.release(ic.state(), ic.orderId().orElse(null), orderId);
            if (answer != null) {
                return answer;
            }
            setFree(c, code);
            return StoreOutcome.OK;
        });
    }

    private void setFree(Connection c, String code) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + codeTable + " SET state = 'ISSUED', order_id = NULL, "
                + "reserved_until_ms = NULL WHERE code = ?")) {
            p.setString(1, code);
            p.executeUpdate();
        }
    }

    /** Locks the coupon row and then the code row, in the order every writer takes them. */
    @Override
    public StoreOutcome voidCode(String code) {
        Check.code(code, "code");
        return write("voidCode", c -> {
            IssuedCode ic = loadCode(c, code, false);
            if (ic == null) {
                return StoreOutcome.fail(ReasonCode.NOT_FOUND, "no such code");
            }
            loadCampaign(c, ic.couponId(), true);
            ic = loadCode(c, code, true);
            StoreOutcome answer = CodeRules.voiding(ic.state());
            if (answer != null) {
                return answer;
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + codeTable + " SET state = 'VOIDED', order_id = NULL, "
                    + "reserved_until_ms = NULL WHERE code = ?")) {
                p.setString(1, code);
                p.executeUpdate();
            }
            return StoreOutcome.OK;
        });
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
        return write("redeem", c -> {
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
            try (PreparedStatement p = c.prepareStatement("UPDATE " + codeTable + " SET state = 'REDEEMED', order_id = ?, "
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
        return write("refuse", c -> {
            FirstOutcome first = loadOutcome(c, r.key());
            return first != null ? first.replay(r) : claim(c, r, refusal);
        });
    }

    /**
     * Inserts the key's first outcome before anything else changes. If the key is taken, the
     * transaction is rolled back and run again, as after a serialization failure (the shared
     * bounded back-off), and the next attempt replays the outcome that won: a READ COMMITTED
     * snapshot of this attempt may not show it yet, the unique key always does.
     */
    private StoreOutcome claim(Connection c, RedemptionRequest r, FirstOutcome o) throws SQLException {
        Redemption red = o.redemption().orElse(null);
        try (PreparedStatement p = c.prepareStatement(tx.dialect().insertIgnoringConflict("INSERT INTO " + outcome + " "
                + "(redemption_key, code, coupon_id, customer, order_id, amount_minor, currency, store_id, cashier_id, "
                + "redeemed_at_ms, reason, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
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
            if (!tx.dialect().insertIfAbsent(p)) {
                // another transaction holds the key; a new attempt (with back-off) sees its committed outcome
                throw keyTaken();
            }
        }
        return o.fresh();
    }

    /** The first outcome of a key, or null. */
    private FirstOutcome loadOutcome(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT code, coupon_id, customer, order_id, amount_minor, currency, "
                + "store_id, cashier_id, redeemed_at_ms, rolled_back_at_ms, reason, message FROM " + outcome + " "
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

    private void counts(Connection c, String couponId, CustomerKey customer, int delta, long amount) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + campaign + " SET redeemed = redeemed + ?, "
                + "spent_minor = spent_minor + ? WHERE coupon_id = ?")) {
            p.setInt(1, delta);
            p.setLong(2, delta * amount);
            p.setString(3, couponId);
            p.executeUpdate();
        }
        int n;
        try (PreparedStatement p = c.prepareStatement("UPDATE " + usageTable + " SET redeemed = redeemed + ? "
                + "WHERE coupon_id = ? AND customer = ?")) {
            p.setInt(1, delta);
            p.setString(2, couponId);
            p.setString(3, customer.value());
            n = p.executeUpdate();
        }
        if (n == 0) {
            // no race: the coupon row lock is held
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + usageTable + " (coupon_id, customer, redeemed) "
                    + "VALUES (?, ?, ?)")) {
                p.setString(1, couponId);
                p.setString(2, customer.value());
                p.setInt(3, delta);
                p.executeUpdate();
            }
        }
    }

    private long customerCount(Connection c, String couponId, CustomerKey customer) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT redeemed FROM " + usageTable + " WHERE coupon_id = ? AND customer = ?")) {
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
        return write("rollback", c -> {
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
            try (PreparedStatement p = c.prepareStatement("UPDATE " + outcome + " SET rolled_back_at_ms = ? WHERE redemption_key = ?")) {
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
        return read("read redemption", c -> {
            FirstOutcome first = loadOutcome(c, key);
            return first == null ? Optional.empty() : first.redemption();
        });
    }

    @Override
    public CouponUsage usage(String couponId, CustomerKey customer) {
        Check.id(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        return read("usage", c -> {
            Row row = loadCampaign(c, couponId, false);
            if (row == null) {
                return CouponUsage.NONE;
            }
            return new CouponUsage(row.redeemed(), row.spentMinor(), customerCount(c, couponId, customer));
        });
    }

    @Override
    public List<IssuedCode> codesOf(CustomerKey customer) {
        Objects.requireNonNull(customer, "customer");
        return read("codes of a customer", c -> {
            List<String> found = strings(c, "SELECT code FROM " + codeTable + " WHERE customer = ? ORDER BY code",
                    customer.value());
            List<IssuedCode> out = new ArrayList<>(found.size());
            for (String code : found) {
                IssuedCode ic = loadCode(c, code, false);
                if (ic != null && ic.customer().equals(customer)) {
                    out.add(ic);
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public CustomerMove mergeCustomer(String mergeId, CustomerKey from, CustomerKey to) {
        Check.id(mergeId, "mergeId");
        CustomerChanges.requireDistinct(from, to);
        return write("merge customers", c -> {
            try (PreparedStatement p = c.prepareStatement(tx.dialect().insertIgnoringConflict("INSERT INTO " + mergeTable
                    + " (merge_id, from_customer, to_customer, codes, redemptions) VALUES (?, ?, ?, 0, 0)"))) {
                p.setString(1, mergeId);
                p.setString(2, from.value());
                p.setString(3, to.value());
                if (!tx.dialect().insertIfAbsent(p)) {
                    try (PreparedStatement q = c.prepareStatement("SELECT codes, redemptions FROM " + mergeTable
                            + " WHERE merge_id = ?")) {
                        q.setString(1, mergeId);
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            return new CustomerMove(true, rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
            }
            List<String> moved = strings(c, "SELECT code FROM " + codeTable + " WHERE customer = ? ORDER BY code",
                    from.value());
            for (String code : moved) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + mergeCodeTable
                        + " (merge_id, code) VALUES (?, ?)")) {
                    p.setString(1, mergeId);
                    p.setString(2, code);
                    p.executeUpdate();
                }
            }
            long redemptions = rename(c, from, to);
            try (PreparedStatement p = c.prepareStatement("UPDATE " + mergeTable + " SET codes = ?, redemptions = ? "
                    + "WHERE merge_id = ?")) {
                p.setLong(1, moved.size());
                p.setLong(2, redemptions);
                p.setString(3, mergeId);
                p.executeUpdate();
            }
            return new CustomerMove(false, moved.size(), redemptions);
        });
    }

    /**
     * Moves codes, first outcomes and per-customer counts from one key to another; returns the first
     * outcomes moved. The coupons' rows are locked first, in id order, as redemptions lock them.
     */
    private long rename(Connection c, CustomerKey from, CustomerKey to) throws SQLException {
        List<String> coupons = strings(c, "SELECT coupon_id FROM " + codeTable + " WHERE customer = ? UNION SELECT "
                + "coupon_id FROM " + usageTable + " WHERE customer = ? ORDER BY 1", from.value(), from.value());
        for (String couponId : coupons) {
            loadCampaign(c, couponId, true);
        }
        update(c, "UPDATE " + codeTable + " SET customer = ? WHERE customer = ?", to.value(), from.value());
        for (String couponId : strings(c, "SELECT coupon_id FROM " + usageTable + " WHERE customer = ? ORDER BY 1",
                from.value())) {
            long theirs = customerCount(c, couponId, from);
            update(c, "DELETE FROM " + usageTable + " WHERE coupon_id = ? AND customer = ?", couponId, from.value());
            if (theirs > 0) {
                addCount(c, couponId, to, theirs);
            }
        }
        return update(c, "UPDATE " + outcome + " SET customer = ? WHERE customer = ?", to.value(), from.value());
    }

    /** Adds {@code n} to a customer's redemption count of a coupon (the coupon row is locked). */
    private void addCount(Connection c, String couponId, CustomerKey customer, long n) throws SQLException {
        if (update(c, "UPDATE " + usageTable + " SET redeemed = redeemed + " + n + " WHERE coupon_id = ? AND customer = ?",
                couponId, customer.value()) == 0) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + usageTable + " (coupon_id, customer, redeemed) "
                    + "VALUES (?, ?, ?)")) {
                p.setString(1, couponId);
                p.setString(2, customer.value());
                p.setLong(3, n);
                p.executeUpdate();
            }
        }
    }

    @Override
    public CustomerMove unmergeCustomer(String mergeId, CustomerKey survivor, CustomerKey returnTo) {
        Check.id(mergeId, "mergeId");
        CustomerChanges.requireDistinct(survivor, returnTo);
        return write("unmerge customers", c -> {
            Long returned;
            try (PreparedStatement q = c.prepareStatement("SELECT returned FROM " + mergeTable
                    + " WHERE merge_id = ? FOR UPDATE")) {
                q.setString(1, mergeId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return new CustomerMove(false, 0, 0);
                    }
                    long r = rs.getLong(1);
                    returned = rs.wasNull() ? null : r;
                }
            }
            if (returned != null) {
                return new CustomerMove(true, returned, 0);
            }
            long back = 0;
            for (String code : strings(c, "SELECT code FROM " + mergeCodeTable + " WHERE merge_id = ? ORDER BY code",
                    mergeId)) {
                IssuedCode ic = loadCode(c, code, false);
                if (ic == null) {
                    continue;
                }
                loadCampaign(c, ic.couponId(), true);
                back += update(c, "UPDATE " + codeTable + " SET customer = ? WHERE code = ? AND customer = ? "
                        + "AND state = 'ISSUED'", returnTo.value(), code, survivor.value());
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + mergeTable + " SET returned = ? WHERE merge_id = ?")) {
                p.setLong(1, back);
                p.setString(2, mergeId);
                p.executeUpdate();
            }
            return new CustomerMove(false, back, 0);
        });
    }

    @Override
    public CustomerMove eraseCustomer(CustomerKey customer, CustomerKey replacement) {
        CustomerChanges.requireDistinct(customer, replacement);
        return write("erase a customer", c -> {
            if (strings(c, "SELECT code FROM " + codeTable + " WHERE customer = ?", customer.value()).isEmpty()
                    && strings(c, "SELECT redemption_key FROM " + outcome + " WHERE customer = ?",
                    customer.value()).isEmpty()) {
                return new CustomerMove(false, 0, 0); // nothing to erase (also when an erasure is run again)
            }
            if (!strings(c, "SELECT code FROM " + codeTable + " WHERE customer = ?", replacement.value()).isEmpty()
                    || !strings(c, "SELECT redemption_key FROM " + outcome + " WHERE customer = ?",
                    replacement.value()).isEmpty()) {
                throw new IllegalStateException("the replacement key of an erasure holds coupon data already");
            }
            long codes = strings(c, "SELECT code FROM " + codeTable + " WHERE customer = ?", customer.value()).size();
            long outcomes = rename(c, customer, replacement);
            update(c, "UPDATE " + mergeTable + " SET from_customer = ? WHERE from_customer = ?", replacement.value(),
                    customer.value());
            update(c, "UPDATE " + mergeTable + " SET to_customer = ? WHERE to_customer = ?", replacement.value(),
                    customer.value());
            return new CustomerMove(false, codes, outcomes);
        });
    }

    private static List<String> strings(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setString(i + 1, args[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    private static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setString(i + 1, args[i]);
            }
            return p.executeUpdate();
        }
    }
}
