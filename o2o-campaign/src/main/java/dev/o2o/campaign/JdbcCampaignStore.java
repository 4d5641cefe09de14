package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.jdbc.Dialect;
import dev.o2o.core.jdbc.SchemaScript;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@link CampaignStore} on H2 or PostgreSQL through core's JDBC layer.
 *
 * <p>Exactness of {@link #reserve} and {@link #reserveAndDecide}: the reservations of one call run
 * in one READ COMMITTED transaction that first locks each customer's row (in key order), which
 * serialises everything per customer (fires, cool-down, daily contacts): under that lock the
 * customer's fires and contact counts are read once and judged in memory. Then it locks, in id
 * order, the totals of the campaigns that may fire ({@code SELECT ... FOR UPDATE}), so budget and
 * global cap are exact and concurrent events of one campaign queue on that row only if they fire.
 * Locks are always taken customer first, then campaign; deadlocks (possible only while two
 * transactions create a campaign's totals row) and serialization failures are retried by
 * {@link Transactions}.
 *
 * <p>Statements per event ({@link #claimAndDecide}), whatever the number of triggers: lock the
 * customer, read its counts, insert the event with its decision, commit; when something fires,
 * also lock the totals and write fires, totals and contacts in three batches.
 */
final class JdbcCampaignStore implements CampaignStore {

    private final Transactions tx;
    private final String event;
    private final String lock;
    private final String fire;
    private final String daily;
    private final String total;
    private final String result;
    private final String mission;
    private final String invite;
    private final String referral;
    private final String customerMerge;

    private static final SchemaScript SCHEMA = SchemaScript.fromResource(JdbcCampaignStore.class, "campaign-schema.sql");

    private final TablePrefix prefix;

    JdbcCampaignStore(Transactions tx, TablePrefix prefix) {
        this.tx = tx;
        this.prefix = prefix;
        event = prefix.table("event");
        lock = prefix.table("customer_lock");
        fire = prefix.table("fire");
        daily = prefix.table("daily");
        total = prefix.table("total");
        result = prefix.table("result");
        mission = prefix.table("mission");
        invite = prefix.table("invite");
        referral = prefix.table("referral");
        customerMerge = prefix.table("customer_merge");
    }

    @Override
    public void createSchema() {
        SCHEMA.create(tx.dataSource(), prefix);
    }

    private Dialect dialect() {
        return tx.dialect();
    }

    private boolean insertIfAbsent(Connection c, String insert, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(dialect().insertIgnoringConflict(insert))) {
            bind(st, args);
            return dialect().insertIfAbsent(st);
        }
    }

    private static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            return st.executeUpdate();
        }
    }

    /** Reads one value from the current row of a result set. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row a query returns, in the query's order. */
    private <T> List<T> select(String operation, String sql, RowReader<T> reader, Object... args) {
        return tx.withConnection(operation, c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bind(st, args);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static long queryLong(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public boolean claimEvent(String eventId) {
        return tx.inTransaction("claiming a campaign event",
                c -> insertIfAbsent(c, "INSERT INTO " + event + " (event_id, decision) VALUES (?, NULL)", eventId));
    }

    @Override
    public void saveDecision(String eventId, List<PlannedAction> actions) {
        String text = Codec.actions(actions);
        tx.inTransaction("saving a campaign decision",
                c -> update(c, "UPDATE " + event + " SET decision = ? WHERE event_id = ? AND decision IS NULL", text, eventId));
    }

    @Override
    public Optional<List<PlannedAction>> decision(String eventId) {
        return tx.withConnection("reading a campaign decision", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT decision FROM " + event + " WHERE event_id = ?")) {
                st.setString(1, eventId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(Codec.actions(rs.getString(1)));
                }
            }
        });
    }

    @Override
    public Reservation.Outcome reserve(Reservation r) {
        return tx.inTransaction("reserving a campaign fire", c -> reserveAll(c, List.of(r)).get(0));
    }

    @Override
    public List<Reservation.Outcome> reserveAndDecide(String eventId, List<Reservation> reservations,
                                                      Function<List<Reservation.Outcome>, List<PlannedAction>> decision) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        List<Reservation> rs = List.copyOf(reservations);
        return tx.inTransaction("deciding a campaign event", c -> {
            List<Reservation.Outcome> outcomes = reserveAll(c, rs);
            update(c, "UPDATE " + event + " SET decision = ? WHERE event_id = ? AND decision IS NULL",
                    Codec.actions(decision.apply(outcomes)), eventId);
            return outcomes;
        });
    }

    @Override
    public Optional<List<Reservation.Outcome>> claimAndDecide(String eventId, List<Reservation> reservations,
                                                              Function<List<Reservation.Outcome>, List<PlannedAction>> decision) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        List<Reservation> rs = List.copyOf(reservations);
        return tx.inTransaction("claiming and deciding a campaign event", c -> {
            List<Reservation.Outcome> outcomes = reserveAll(c, rs);
            // the event row last: one statement claims it and saves its decision; a concurrent
            // duplicate waits here for the first to commit, then finds the id taken
            if (!insertIfAbsent(c, "INSERT INTO " + event + " (event_id, decision) VALUES (?, ?)", eventId,
                    Codec.actions(decision.apply(outcomes)))) {
                c.rollback(); // seen before: undo this attempt's reservations
                return Optional.<List<Reservation.Outcome>>empty();
            }
            return Optional.of(outcomes);
        });
    }

    /**
     * Reserves in order inside the caller's transaction. Customers are locked first (in key
     * order), then their fires and contact counts are read with one query each and judged in
     * memory, which is exact because every writer of a customer's fires holds that lock. Campaign
     * totals are locked afterwards, in id order, and only for campaigns whose reservations pass the
     * customer's own checks as read (the later reservations of the batch can only see more fires and
     * contacts, so this is every campaign that may fire). Lock order customer, then campaign, as
     * everywhere in this store.
     */
    private List<Reservation.Outcome> reserveAll(Connection c, List<Reservation> rs) throws SQLException {
        Map<String, CustomerCounts> counts = new TreeMap<>();
        for (Reservation r : rs) {
            counts.computeIfAbsent(r.customer().value(), k -> new CustomerCounts());
        }
        for (String customer : counts.keySet()) {
            lockCustomer(c, customer);
        }
        for (Map.Entry<String, CustomerCounts> e : counts.entrySet()) {
            readCounts(c, e.getKey(), rs, e.getValue());
        }
        Set<String> mayFire = new TreeSet<>();
        for (Reservation r : rs) {
            if (counts.get(r.customer().value()).check(r) == Reservation.Outcome.RESERVED) {
                mayFire.add(r.campaignId());
            }
        }
        Map<String, long[]> totals = lockTotals(c, mayFire);
        List<Reservation.Outcome> outcomes = new ArrayList<>(rs.size());
        List<Reservation> reserved = new ArrayList<>();
        for (Reservation r : rs) {
            CustomerCounts mine = counts.get(r.customer().value());
            Reservation.Outcome o = mine.check(r);
            long[] t = totals.get(r.campaignId());
            if (o == Reservation.Outcome.RESERVED) {
                o = ReservationRules.campaignChecks(r, t[0], t[1]);
            }
            if (o == Reservation.Outcome.RESERVED) {
                t[0]++;
                t[1] += r.costMinor();
                mine.add(r);
                reserved.add(r);
            }
            outcomes.add(o);
        }
        if (!reserved.isEmpty()) {
            write(c, reserved, counts, totals);
        }
        return List.copyOf(outcomes);
    }

    /** Locks the customer's row, creating it if absent. */
    private void lockCustomer(Connection c, String customer) throws SQLException {
        if (dialect() == Dialect.POSTGRESQL) {
            // one round trip: the upsert locks the row whether it inserts or not
            update(c, "INSERT INTO " + lock + " (customer) VALUES (?)"
                    + " ON CONFLICT (customer) DO UPDATE SET customer = EXCLUDED.customer", customer);
        } else {
            insertIfAbsent(c, "INSERT INTO " + lock + " (customer) VALUES (?)", customer);
            queryLong(c, "SELECT 1 FROM " + lock + " WHERE customer = ? FOR UPDATE", customer);
        }
    }

    /** The customer's fires in reach of the reservations and contact counts on their days, in one query. */
    private void readCounts(Connection c, String customer, List<Reservation> rs, CustomerCounts into) throws SQLException {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        Set<String> days = new TreeSet<>();
        for (Reservation r : rs) {
            if (r.customer().value().equals(customer)) {
                Codec.nanos(r.at()); // refuses an event outside the store's range
                Duration reach = ReservationRules.reach(r);
                from = Math.min(from, Codec.nanosClamped(ReservationRules.minus(r.at(), reach)));
                to = Math.max(to, Codec.nanosClamped(ReservationRules.plus(r.at(), reach)));
                days.add(r.day());
            }
        }
        String dayList = String.join(", ", Collections.nCopies(days.size(), "?"));
        List<Object> args = new ArrayList<>(List.of(customer, from, to, customer));
        args.addAll(days);
        try (PreparedStatement st = c.prepareStatement("SELECT 'f', trigger_id, at_nanos FROM " + fire
                + " WHERE customer = ? AND at_nanos > ? AND at_nanos < ?"
                + " UNION ALL SELECT 'd', local_day, contacts FROM " + daily
                + " WHERE customer = ? AND local_day IN (" + dayList + ")")) {
            bind(st, args.toArray());
            try (ResultSet row = st.executeQuery()) {
                while (row.next()) {
                    if (row.getString(1).equals("f")) {
                        into.fires.computeIfAbsent(row.getString(2), k -> new ArrayList<>()).add(row.getLong(3));
                    } else {
                        into.storedDays.put(row.getString(2), (int) row.getLong(3));
                    }
                }
            }
        }
    }

    /** Locks the campaigns' totals in id order, creating absent rows; (fires, spent) per campaign. */
    private Map<String, long[]> lockTotals(Connection c, Set<String> campaigns) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        if (campaigns.isEmpty()) {
            return out;
        }
        selectTotalsForUpdate(c, campaigns, out);
        if (out.size() < campaigns.size()) {
            // a campaign's first fire: create its row (another transaction may be creating it too)
            Set<String> missing = new TreeSet<>(campaigns);
            missing.removeAll(out.keySet());
            for (String campaign : missing) {
                insertIfAbsent(c, "INSERT INTO " + total + " (campaign_id, fires, spent_minor) VALUES (?, 0, 0)", campaign);
            }
            selectTotalsForUpdate(c, missing, out);
        }
        return out;
    }

    private void selectTotalsForUpdate(Connection c, Set<String> campaigns, Map<String, long[]> into) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT campaign_id, fires, spent_minor FROM " + total
                + " WHERE campaign_id IN (" + String.join(", ", Collections.nCopies(campaigns.size(), "?"))
                + ") ORDER BY campaign_id FOR UPDATE")) {
            bind(st, campaigns.toArray());
            try (ResultSet row = st.executeQuery()) {
                while (row.next()) {
                    into.put(row.getString(1), new long[] {row.getLong(2), row.getLong(3)});
                }
            }
        }
    }

    /** Writes the reserved fires, the new totals and the contact counts, each kind in one batch. */
    private void write(Connection c, List<Reservation> reserved, Map<String, CustomerCounts> counts,
                       Map<String, long[]> totals) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + fire
                + " (campaign_id, trigger_id, customer, at_nanos, cost_minor) VALUES (?, ?, ?, ?, ?)")) {
            for (Reservation r : reserved) {
                bind(st, r.campaignId(), r.triggerId(), r.customer().value(), Codec.nanos(r.at()), r.costMinor());
                st.addBatch();
            }
            st.executeBatch();
        }
        Set<String> fired = new TreeSet<>();
        reserved.forEach(r -> fired.add(r.campaignId()));
        try (PreparedStatement st = c.prepareStatement("UPDATE " + total
                + " SET fires = ?, spent_minor = ? WHERE campaign_id = ?")) {
            for (String campaign : fired) {
                long[] t = totals.get(campaign);
                bind(st, t[0], t[1], campaign);
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE " + daily
                + " SET contacts = ? WHERE customer = ? AND local_day = ?");
             PreparedStatement in = c.prepareStatement("INSERT INTO " + daily
                     + " (contacts, customer, local_day) VALUES (?, ?, ?)")) {
            boolean updates = false;
            boolean inserts = false;
            for (Map.Entry<String, CustomerCounts> e : counts.entrySet()) {
                for (Map.Entry<String, Integer> d : e.getValue().changedDays.entrySet()) {
                    PreparedStatement st = e.getValue().storedDays.containsKey(d.getKey()) ? up : in;
                    bind(st, d.getValue(), e.getKey(), d.getKey());
                    st.addBatch();
                    updates |= st == up;
                    inserts |= st == in;
                }
            }
            if (updates) {
                up.executeBatch();
            }
            if (inserts) {
                in.executeBatch();
            }
        }
    }

    /** One customer's fires and contacts as read under its lock, plus those reserved since. Not thread-safe. */
    private static final class CustomerCounts {
        /** Trigger id to fire instants (epoch nanoseconds). */
        final Map<String, List<Long>> fires = new HashMap<>();
        /** Contacts per local day as stored. */
        final Map<String, Integer> storedDays = new HashMap<>();
        /** Contacts per local day after this batch, for the days it changed. */
        final Map<String, Integer> changedDays = new HashMap<>();

        int contacts(String day) {
            Integer changed = changedDays.get(day);
            return changed != null ? changed : storedDays.getOrDefault(day, 0);
        }

        Reservation.Outcome check(Reservation r) {
            List<Long> mine = fires.getOrDefault(r.triggerId(), List.of());
            return ReservationRules.customerChecks(r, (from, to) -> {
                long lo = Codec.nanosClamped(from);
                long hi = Codec.nanosClamped(to);
                return mine.stream().filter(t -> t > lo && t < hi).count();
            }, contacts(r.day()));
        }

        void add(Reservation r) {
            fires.computeIfAbsent(r.triggerId(), k -> new ArrayList<>()).add(Codec.nanos(r.at()));
            changedDays.put(r.day(), contacts(r.day()) + 1);
        }
    }

    @Override
    public long fires(String campaignId) {
        return tx.withConnection("reading campaign fires",
                c -> queryLong(c, "SELECT fires FROM " + total + " WHERE campaign_id = ?", campaignId));
    }

    @Override
    public long spentMinor(String campaignId) {
        return tx.withConnection("reading campaign spend",
                c -> queryLong(c, "SELECT spent_minor FROM " + total + " WHERE campaign_id = ?", campaignId));
    }

    @Override
    public boolean recordResult(String actionKey, String value) {
        StoreValues.requireResult(actionKey, value);
        return tx.inTransaction("recording an action result",
                c -> insertIfAbsent(c, "INSERT INTO " + result + " (action_key, outcome) VALUES (?, ?)", actionKey, value));
    }

    @Override
    public Optional<String> result(String actionKey) {
        return tx.withConnection("reading an action result", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT outcome FROM " + result + " WHERE action_key = ?")) {
                st.setString(1, actionKey);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static MissionProgress missionOf(ResultSet rs) throws SQLException {
        long completed = rs.getLong("completed_nanos");
        Optional<Instant> done = rs.wasNull() ? Optional.empty() : Optional.of(Codec.instant(completed));
        return new MissionProgress(CustomerKey.of(rs.getString("customer")), rs.getString("mission_id"),
                Codec.instant(rs.getLong("enrolled_nanos")), Codec.steps(rs.getString("steps")), done, rs.getLong("version"));
    }

    private List<MissionProgress> missions(String where, Object... args) {
        return select("reading mission progress", "SELECT customer, mission_id, enrolled_nanos, steps, completed_nanos,"
                + " version FROM " + mission + " WHERE " + where + " ORDER BY mission_id", JdbcCampaignStore::missionOf, args);
    }

    @Override
    public Optional<MissionProgress> mission(CustomerKey customer, String missionId) {
        return missions("customer = ? AND mission_id = ?", customer.value(), missionId).stream().findFirst();
    }

    @Override
    public List<MissionProgress> missions(CustomerKey customer) {
        return missions("customer = ?", customer.value());
    }

    @Override
    public boolean saveMission(MissionProgress p) {
        String steps = Codec.steps(p.steps());
        Long completed = p.completedAt().map(Codec::nanos).orElse(null);
        return tx.inTransaction("saving mission progress", c -> {
            if (p.version() == 1) {
                try (PreparedStatement st = c.prepareStatement(dialect().insertIgnoringConflict("INSERT INTO " + mission
                        + " (customer, mission_id, enrolled_nanos, steps, completed_nanos, version) VALUES (?, ?, ?, ?, ?, 1)"))) {
                    bind(st, p.customer().value(), p.missionId(), Codec.nanos(p.enrolledAt()), steps);
                    if (completed == null) {
                        st.setNull(5, Types.BIGINT);
                    } else {
                        st.setLong(5, completed);
                    }
                    return dialect().insertIfAbsent(st);
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE " + mission + " SET enrolled_nanos = ?, steps = ?,"
                    + " completed_nanos = ?, version = ? WHERE customer = ? AND mission_id = ? AND version = ?")) {
                st.setLong(1, Codec.nanos(p.enrolledAt()));
                st.setString(2, steps);
                if (completed == null) {
                    st.setNull(3, Types.BIGINT);
                } else {
                    st.setLong(3, completed);
                }
                st.setLong(4, p.version());
                st.setString(5, p.customer().value());
                st.setString(6, p.missionId());
                st.setLong(7, p.version() - 1);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean saveInvite(Invite i) {
        return tx.inTransaction("saving an invite", c -> insertIfAbsent(c, "INSERT INTO " + invite
                + " (code, program_id, inviter, created_nanos) VALUES (?, ?, ?, ?)",
                i.code(), i.programId(), i.inviter().value(), Codec.nanos(i.createdAt())));
    }

    private List<Invite> invites(String where, Object... args) {
        return select("reading invites", "SELECT code, program_id, inviter, created_nanos FROM " + invite
                + " WHERE " + where + " ORDER BY code", rs -> new Invite(rs.getString(1), rs.getString(2),
                        CustomerKey.of(rs.getString(3)), Codec.instant(rs.getLong(4))), args);
    }

    @Override
    public Optional<Invite> invite(String code) {
        return invites("code = ?", code).stream().findFirst();
    }

    @Override
    public Optional<Invite> inviteOf(String programId, CustomerKey inviter) {
        return invites("program_id = ? AND inviter = ?", programId, inviter.value()).stream().findFirst();
    }

    @Override
    public List<Invite> invites(String programId) {
        return invites("program_id = ?", programId);
    }

    @Override
    public boolean saveReferral(ReferralLink l) {
        l.requireUnconverted();
        return tx.inTransaction("saving a referral", c -> insertIfAbsent(c, "INSERT INTO " + referral
                + " (program_id, invitee, code, inviter, claimed_nanos) VALUES (?, ?, ?, ?, ?)",
                l.programId(), l.invitee().value(), l.code(), l.inviter().value(), Codec.nanos(l.claimedAt())));
    }

    private List<ReferralLink> referrals(String where, Object... args) {
        return select("reading referrals", "SELECT program_id, code, inviter, invitee, claimed_nanos,"
                + " first_order_id, converted_nanos FROM " + referral + " WHERE " + where + " ORDER BY seq",
                JdbcCampaignStore::referralOf, args);
    }

    private static ReferralLink referralOf(ResultSet rs) throws SQLException {
        long conv = rs.getLong(7);
        Optional<Instant> converted = rs.wasNull() ? Optional.empty() : Optional.of(Codec.instant(conv));
        return new ReferralLink(rs.getString(1), rs.getString(2), CustomerKey.of(rs.getString(3)),
                CustomerKey.of(rs.getString(4)), Codec.instant(rs.getLong(5)), Optional.ofNullable(rs.getString(6)),
                converted);
    }

    @Override
    public Optional<ReferralLink> referral(String programId, CustomerKey invitee) {
        return referrals("program_id = ? AND invitee = ?", programId, invitee.value()).stream().findFirst();
    }

    @Override
    public List<ReferralLink> referrals(String programId) {
        return referrals("program_id = ?", programId);
    }

    @Override
    public boolean markConverted(String programId, CustomerKey invitee, String orderId, Instant at) {
        return tx.inTransaction("marking a referral converted", c -> update(c, "UPDATE " + referral
                + " SET first_order_id = ?, converted_nanos = ? WHERE program_id = ? AND invitee = ? AND converted_nanos IS NULL",
                orderId, Codec.nanos(at), programId, invitee.value()) == 1);
    }

    @Override
    public CampaignMove mergeCustomer(String mergeId, CustomerKey from, CustomerKey to) {
        StoreValues.requireMergeId(mergeId);
        CustomerRename.requireDistinct(from, to);
        return tx.inTransaction("merging customers", c -> {
            if (!insertIfAbsent(c, "INSERT INTO " + customerMerge + " (merge_id, fires, missions, invites, referrals, kept)"
                    + " VALUES (?, 0, 0, 0, 0, 0)", mergeId)) {
                try (PreparedStatement st = c.prepareStatement("SELECT fires, missions, invites, referrals, kept FROM "
                        + customerMerge + " WHERE merge_id = ?")) {
                    st.setString(1, mergeId);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        return new CampaignMove(true, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5));
                    }
                }
            }
            CampaignMove m = move(c, from, to);
            update(c, "UPDATE " + customerMerge + " SET fires = ?, missions = ?, invites = ?, referrals = ?, kept = ?"
                    + " WHERE merge_id = ?", m.fires(), m.missions(), m.invites(), m.referrals(), m.kept(), mergeId);
            return m;
        });
    }

    @Override
    public CampaignMove eraseCustomer(CustomerKey customer, CustomerKey replacement) {
        CustomerRename.requireDistinct(customer, replacement);
        String to = replacement.value();
        return tx.inTransaction("erasing a customer", c -> {
            if (!holds(c, customer.value())) {
                return new CampaignMove(false, 0, 0, 0, 0, 0); // nothing to erase (also when run again)
            }
            if (holds(c, to)) {
                throw new IllegalStateException("the replacement key of an erasure holds campaign state already");
            }
            CampaignMove m = move(c, customer, replacement);
            update(c, "DELETE FROM " + lock + " WHERE customer = ?", customer.value());
            String like = "%" + customer.value().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            for (String[] row : pairs(c, "SELECT event_id, decision FROM " + event + " WHERE decision LIKE ? ESCAPE '!'",
                    like)) {
                List<PlannedAction> renamed = CustomerRename.renamed(Codec.actions(row[1]), customer, replacement);
                if (renamed != null) {
                    update(c, "UPDATE " + event + " SET decision = ? WHERE event_id = ?", Codec.actions(renamed), row[0]);
                }
            }
            for (String[] row : pairs(c, "SELECT action_key, outcome FROM " + result + " WHERE action_key LIKE ? ESCAPE '!'",
                    like)) {
                String renamed = CustomerRename.segments(row[0], customer.value(), to);
                if (!renamed.equals(row[0])) {
                    update(c, "DELETE FROM " + result + " WHERE action_key = ?", row[0]);
                    update(c, "INSERT INTO " + result + " (action_key, outcome) VALUES (?, ?)", renamed, row[1]);
                }
            }
            return m;
        });
    }

    /** Whether any fire, mission, invite or referral names the key. */
    private boolean holds(Connection c, String key) throws SQLException {
        return queryLong(c, "SELECT COUNT(*) FROM " + fire + " WHERE customer = ?", key)
                + queryLong(c, "SELECT COUNT(*) FROM " + mission + " WHERE customer = ?", key)
                + queryLong(c, "SELECT COUNT(*) FROM " + invite + " WHERE inviter = ?", key)
                + queryLong(c, "SELECT COUNT(*) FROM " + referral + " WHERE invitee = ? OR inviter = ?", key, key) > 0;
    }

    /** Moves every row of {@code from} to {@code to} inside the caller's transaction, customers locked first. */
    private CampaignMove move(Connection c, CustomerKey from, CustomerKey to) throws SQLException {
        for (String who : new TreeSet<>(List.of(from.value(), to.value()))) {
            lockCustomer(c, who);
        }
        long fires = update(c, "UPDATE " + fire + " SET customer = ? WHERE customer = ?", to.value(), from.value());
        List<String[]> days = pairs(c, "SELECT local_day, contacts FROM " + daily + " WHERE customer = ?", from.value());
        update(c, "DELETE FROM " + daily + " WHERE customer = ?", from.value());
        for (String[] d : days) {
            int n = Integer.parseInt(d[1]);
            if (update(c, "UPDATE " + daily + " SET contacts = contacts + ? WHERE customer = ? AND local_day = ?",
                    n, to.value(), d[0]) == 0) {
                update(c, "INSERT INTO " + daily + " (customer, local_day, contacts) VALUES (?, ?, ?)", to.value(), d[0], n);
            }
        }
        long missionCount = 0;
        for (MissionProgress mine : missionsIn(c, from)) {
            MissionProgress theirs = missionsIn(c, to).stream().filter(p -> p.missionId().equals(mine.missionId()))
                    .findFirst().orElse(null);
            MissionProgress kept = CustomerRename.combined(theirs, mine, to);
            update(c, "DELETE FROM " + mission + " WHERE customer = ? AND mission_id = ?", from.value(), mine.missionId());
            update(c, "DELETE FROM " + mission + " WHERE customer = ? AND mission_id = ?", to.value(), mine.missionId());
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + mission
                    + " (customer, mission_id, enrolled_nanos, steps, completed_nanos, version) VALUES (?, ?, ?, ?, ?, ?)")) {
                bind(st, to.value(), kept.missionId(), Codec.nanos(kept.enrolledAt()), Codec.steps(kept.steps()));
                if (kept.completedAt().isPresent()) {
                    st.setLong(5, Codec.nanos(kept.completedAt().get()));
                } else {
                    st.setNull(5, Types.BIGINT);
                }
                st.setLong(6, kept.version());
                st.executeUpdate();
            }
            missionCount++;
        }
        long invites = 0;
        long keptCount = 0;
        for (Invite i : invitesIn(c, from)) {
            if (queryLong(c, "SELECT COUNT(*) FROM " + invite + " WHERE program_id = ? AND inviter = ?", i.programId(),
                    to.value()) > 0) {
                keptCount++;
            } else {
                invites += update(c, "UPDATE " + invite + " SET inviter = ? WHERE code = ?", to.value(), i.code());
            }
        }
        long referrals = 0;
        List<String> programs = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT program_id FROM " + referral + " WHERE invitee = ?")) {
            st.setString(1, from.value());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    programs.add(rs.getString(1));
                }
            }
        }
        for (String program : programs) {
            if (queryLong(c, "SELECT COUNT(*) FROM " + referral + " WHERE program_id = ? AND invitee = ?", program,
                    to.value()) > 0) {
                keptCount++;
            } else {
                referrals += update(c, "UPDATE " + referral + " SET invitee = ? WHERE program_id = ? AND invitee = ?",
                        to.value(), program, from.value());
            }
        }
        referrals += update(c, "UPDATE " + referral + " SET inviter = ? WHERE inviter = ? AND invitee <> ?", to.value(),
                from.value(), from.value());
        // a kept claim whose inviter was also the absorbed key: re-point its inviter too
        referrals += update(c, "UPDATE " + referral + " SET inviter = ? WHERE inviter = ? AND invitee = ?", to.value(),
                from.value(), from.value());
        return new CampaignMove(false, fires, missionCount, invites, referrals, keptCount);
    }

    /** The first two columns of every row, as text. */
    private static List<String[]> pairs(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        }
    }

    private List<MissionProgress> missionsIn(Connection c, CustomerKey customer) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT customer, mission_id, enrolled_nanos, steps, completed_nanos,"
                + " version FROM " + mission + " WHERE customer = ? ORDER BY mission_id")) {
            st.setString(1, customer.value());
            List<MissionProgress> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(missionOf(rs));
                }
            }
            return out;
        }
    }

    private List<Invite> invitesIn(Connection c, CustomerKey inviter) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT code, program_id, inviter, created_nanos FROM " + invite
                + " WHERE inviter = ? ORDER BY code")) {
            st.setString(1, inviter.value());
            List<Invite> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Invite(rs.getString(1), rs.getString(2), CustomerKey.of(rs.getString(3)),
                            Codec.instant(rs.getLong(4))));
                }
            }
            return out;
        }
    }
}
