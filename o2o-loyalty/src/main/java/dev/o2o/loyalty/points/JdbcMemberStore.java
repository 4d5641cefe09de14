package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.core.jdbc.SchemaScript;
import dev.o2o.core.jdbc.SqlWork;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link MemberStore#jdbc}: four tables (members, recorded evaluation keys, points per member, rule
 * and day, QR codes claimed per member, marked one-time where they count for every member).
 * Recording locks nothing beyond the rows it writes: the evaluation key's primary key makes a retry
 * a no-op, and per-day sums are updated in place. Thread-safe: each call runs on its own connection
 * through {@link Transactions}.
 */
final class JdbcMemberStore implements MemberStore {

    private static final SchemaScript SCHEMA = SchemaScript.fromResource(JdbcMemberStore.class, "member-schema.sql");
    private static final DateTimeFormatter BIRTHDAY = DateTimeFormatter.ofPattern("MM-dd");

    private final Transactions tx;
    private final String member;
    private final String evaluation;
    private final String earned;
    private final String claim;
    private final TablePrefix prefix;

    JdbcMemberStore(Transactions tx, TablePrefix prefix) {
        this.tx = tx;
        this.prefix = prefix;
        member = prefix.table("member");
        evaluation = prefix.table("evaluation");
        earned = prefix.table("earned");
        claim = prefix.table("qr_claim");
    }

    @Override
    public void createSchema() {
        SCHEMA.create(tx.dataSource(), prefix);
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }

    private static long queryLong(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private <T> T read(String operation, SqlWork<T> work) {
        return tx.withConnection(operation, work);
    }

    private static String tags(Set<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : new TreeSet<>(tags)) {
            out.add(URLEncoder.encode(t, StandardCharsets.UTF_8));
        }
        return String.join(",", out);
    }

    private static Set<String> tags(String text) {
        Set<String> out = new HashSet<>();
        if (!text.isEmpty()) {
            for (String t : text.split(",", -1)) {
                out.add(URLDecoder.decode(t, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void save(Member m) {
        Objects.requireNonNull(m, "member");
        tx.inTransaction("saving a member", c -> {
            update(c, "DELETE FROM " + member + " WHERE customer = ?", m.key().value());
            return insertMember(c, m);
        });
    }

    private int insertMember(Connection c, Member m) throws SQLException {
        return update(c, "INSERT INTO " + member + " (customer, zone, birthday, tier, multiplier, tags, purchases)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", m.key().value(), m.zone().getId(),
                m.birthday().map(BIRTHDAY::format).orElse(null), m.tier(), m.tierMultiplier().toPlainString(),
                tags(m.tags()), m.purchases());
    }

    @Override
    public Optional<Member> member(CustomerKey key) {
        Objects.requireNonNull(key, "key");
        return read("reading a member", c -> load(c, key));
    }

    private Optional<Member> load(Connection c, CustomerKey key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT zone, birthday, tier, multiplier, tags, purchases FROM "
                + member + " WHERE customer = ?")) {
            st.setString(1, key.value());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String birthday = rs.getString(2);
                return Optional.of(new Member(key, ZoneId.of(rs.getString(1)),
                        Optional.ofNullable(birthday).map(b -> MonthDay.parse(b, BIRTHDAY)), rs.getString(3),
                        new BigDecimal(rs.getString(4)), tags(rs.getString(5)), rs.getLong(6)));
            }
        }
    }

    @Override
    public boolean record(CustomerKey who, String key, Evaluation ev) {
        Objects.requireNonNull(who, "member");
        Ids.requireId(key, "key");
        Objects.requireNonNull(ev, "evaluation");
        String day = ev.localDate().toString();
        return tx.inTransaction("recording an evaluation", c -> {
            try (PreparedStatement st = c.prepareStatement(tx.dialect().insertIgnoringConflict("INSERT INTO " + evaluation
                    + " (eval_key, customer) VALUES (?, ?)"))) {
                st.setString(1, key);
                st.setString(2, who.value());
                if (!tx.dialect().insertIfAbsent(st)) {
                    return false;
                }
            }
            List<Object[]> adds = new ArrayList<>();
            MemberRecording.forEachAward(ev, (rule, points) -> adds.add(new Object[] {rule, points}));
            for (Object[] a : adds) {
                addEarned(c, who.value(), (String) a[0], day, (Long) a[1]);
            }
            Optional<EarningEvent.QrScan> scan = MemberRecording.claimingScan(ev);
            if (scan.isPresent()) {
                try (PreparedStatement st = c.prepareStatement(tx.dialect().insertIgnoringConflict("INSERT INTO " + claim
                        + " (customer, code, one_time) VALUES (?, ?, ?)"))) {
                    st.setString(1, who.value());
                    st.setString(2, scan.get().code());
                    st.setBoolean(3, scan.get().oneTime());
                    if (!tx.dialect().insertIfAbsent(st) && scan.get().oneTime()) {
                        // the member claimed it as a shared code before: now it is claimed for everyone
                        update(c, "UPDATE " + claim + " SET one_time = TRUE WHERE customer = ? AND code = ?",
                                who.value(), scan.get().code());
                    }
                }
            }
            return true;
        });
    }

    private void addEarned(Connection c, String who, String rule, String day, long points) throws SQLException {
        if (update(c, "UPDATE " + earned + " SET points = points + ? WHERE customer = ? AND rule_id = ? AND local_day = ?",
                points, who, rule, day) == 0) {
            try (PreparedStatement st = c.prepareStatement(tx.dialect().insertIgnoringConflict("INSERT INTO " + earned
                    + " (customer, rule_id, local_day, points) VALUES (?, ?, ?, ?)"))) {
                st.setString(1, who);
                st.setString(2, rule);
                st.setString(3, day);
                st.setLong(4, points);
                if (!tx.dialect().insertIfAbsent(st)) {
                    // inserted concurrently since the update: add to that row
                    update(c, "UPDATE " + earned + " SET points = points + ? WHERE customer = ? AND rule_id = ?"
                            + " AND local_day = ?", points, who, rule, day);
                }
            }
        }
    }

    @Override
    public EarningHistory history(CustomerKey who) {
        Objects.requireNonNull(who, "member");
        return new EarningHistory() {
            @Override
            public long earned(String ruleId, LocalDate from, LocalDate to) {
                return read("reading earned points", c -> queryLong(c, "SELECT COALESCE(SUM(points), 0) FROM " + earned
                        + " WHERE customer = ? AND rule_id = ? AND local_day >= ? AND local_day <= ?", who.value(),
                        ruleId, from.toString(), to.toString()));
            }

            @Override
            public long earnedTotal(String ruleId) {
                return read("reading earned points", c -> queryLong(c, "SELECT COALESCE(SUM(points), 0) FROM " + earned
                        + " WHERE customer = ? AND rule_id = ?", who.value(), ruleId));
            }

            @Override
            public boolean codeClaimed(String qr) {
                return read("reading a code", c -> queryLong(c, "SELECT COUNT(*) FROM " + claim
                        + " WHERE code = ? AND (customer = ? OR one_time = TRUE)", qr, who.value())) > 0;
            }
        };
    }

    @Override
    public long reassign(CustomerKey from, CustomerKey to) {
        MemberRecording.requireDistinct(from, to);
        return tx.inTransaction("reassigning member state", c -> {
            long rows = 0;
            List<Object[]> days = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT rule_id, local_day, points FROM " + earned
                    + " WHERE customer = ?")) {
                st.setString(1, from.value());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        days.add(new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)});
                    }
                }
            }
            update(c, "DELETE FROM " + earned + " WHERE customer = ?", from.value());
            for (Object[] d : days) {
                addEarned(c, to.value(), (String) d[0], (String) d[1], (Long) d[2]);
                rows++;
            }
            rows += update(c, "UPDATE " + evaluation + " SET customer = ? WHERE customer = ?", to.value(), from.value());
            // a code both keys claimed stays one row of the survivor's (one-time if either claim was)
            update(c, "UPDATE " + claim + " SET one_time = TRUE WHERE customer = ? AND one_time = FALSE AND code IN"
                    + " (SELECT code FROM " + claim + " WHERE customer = ? AND one_time = TRUE)", to.value(), from.value());
            rows += update(c, "UPDATE " + claim + " SET customer = ? WHERE customer = ? AND code NOT IN"
                    + " (SELECT code FROM " + claim + " WHERE customer = ?)", to.value(), from.value(), to.value());
            rows += update(c, "DELETE FROM " + claim + " WHERE customer = ?", from.value());
            Optional<Member> old = load(c, from);
            if (old.isPresent()) {
                Member kept = MemberRecording.combined(load(c, to).orElse(null), old.get(), to);
                update(c, "DELETE FROM " + member + " WHERE customer IN (?, ?)", from.value(), to.value());
                insertMember(c, kept);
                rows++;
            }
            return rows;
        });
    }
}
