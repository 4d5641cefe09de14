package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@link LedgerStore} over plain JDBC, tested on H2 and PostgreSQL. A transaction locks its account
 * rows with {@code SELECT ... FOR UPDATE} in sorted order; lot and balance updates are additionally
 * conditional ({@code remaining + ? >= 0}) and backed by CHECK constraints; idempotency keys have a
 * unique constraint (SQLState 23505 becomes {@link DuplicateKeyException}). Thread-safe: every call
 * uses its own connection.
 */
final class JdbcLedgerStore implements LedgerStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final long NANOS = 1_000_000_000L;
    private static final String ENTRY_COLS = "e.id, e.account_id, e.entry_type, e.points, e.idem_key, e.source_ref, "
            + "e.created_at, e.reverses_id, e.shortfall, e.note, m.lot_id, m.points";

    private final DataSource dataSource;
    private final String account;
    private final String entry;
    private final String lot;
    private final String movement;
    private final String rejection;

    JdbcLedgerStore(DataSource dataSource, String prefix) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        JdbcSchema.checkPrefix(prefix);
        this.account = prefix + "account";
        this.entry = prefix + "entry";
        this.lot = prefix + "lot";
        this.movement = prefix + "movement";
        this.rejection = prefix + "rejection";
    }

    static long toNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + t + " is outside the storable range 1677..2262", e);
        }
    }

    static Instant fromNanos(long n) {
        return Instant.ofEpochSecond(Math.floorDiv(n, NANOS), Math.floorMod(n, NANOS));
    }

    private static LedgerStoreException failure(String what, SQLException e) {
        return new LedgerStoreException(what + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }

    @Override
    public <T> T inTransaction(SortedSet<String> names, Function<Transaction, T> work) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("accounts must not be empty");
        }
        for (String n : names) {
            Ids.requireId(n, "account");
        }
        while (true) {
            String missing = null;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                boolean committed = false;
                try {
                    Map<String, Long> balances = new HashMap<>();
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT balance FROM " + account + " WHERE account_id = ? FOR UPDATE")) {
                        for (String n : names) {
                            ps.setString(1, n);
                            try (ResultSet rs = ps.executeQuery()) {
                                if (!rs.next()) {
                                    missing = n;
                                    break;
                                }
                                balances.put(n, rs.getLong(1));
                            }
                        }
                    }
                    if (missing == null) {
                        T result = work.apply(new Tx(c, balances));
                        c.commit();
                        committed = true;
                        return result;
                    }
                } finally {
                    if (!committed) {
                        c.rollback();
                    }
                    // hand pooled connections back in their default mode
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw failure("transaction on " + names, e);
            }
            // first posting on this account: create its row outside the transaction, then lock it
            try {
                createAccount(missing);
            } catch (SQLException e) {
                throw failure("creating account " + missing, e);
            }
        }
    }

    private void createAccount(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + account + " (account_id, balance) VALUES (?, 0)")) {
                ps.setString(1, name);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // created concurrently: fine
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Entries with their movements, from a query over {@link #ENTRY_COLS} ordered by entry id, seq. */
    private static List<LedgerEntry> readEntries(Connection c, String sql, Binder binder) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                long current = Long.MIN_VALUE;
                Object[] head = null;
                List<LotMovement> moves = new ArrayList<>();
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id != current) {
                        if (head != null) {
                            out.add(toEntry(head, moves));
                        }
                        current = id;
                        long rev = rs.getLong(8);
                        OptionalLong reverses = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(rev);
                        head = new Object[] {id, rs.getString(2), EntryType.valueOf(rs.getString(3)), rs.getLong(4),
                            rs.getString(5), rs.getString(6), fromNanos(rs.getLong(7)), reverses, rs.getLong(9),
                            rs.getString(10)};
                        moves = new ArrayList<>();
                    }
                    long lotId = rs.getLong(11);
                    if (!rs.wasNull()) {
                        moves.add(new LotMovement(lotId, rs.getLong(12)));
                    }
                }
                if (head != null) {
                    out.add(toEntry(head, moves));
                }
            }
        }
        return out;
    }

    private static LedgerEntry toEntry(Object[] h, List<LotMovement> moves) {
        return new LedgerEntry((Long) h[0], (String) h[1], (EntryType) h[2], (Long) h[3],
                (String) h[5], (Instant) h[6], (OptionalLong) h[7], (Long) h[8], (String) h[9], moves);
    }

    private String entrySelect(String where) {
        return "SELECT " + ENTRY_COLS + " FROM " + entry + " e LEFT JOIN " + movement + " m ON m.entry_id = e.id WHERE "
                + where + " ORDER BY e.id, m.seq";
    }

    private static Lot readLot(ResultSet rs, String acct) throws SQLException {
        long exp = rs.getLong(6);
        Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty() : Optional.of(fromNanos(exp));
        return new Lot(rs.getLong(1), acct, rs.getLong(2), rs.getLong(3), fromNanos(rs.getLong(4)),
                fromNanos(rs.getLong(5)), expiresAt);
    }

    private static final String LOT_COLS = "id, earned, remaining, earned_at, available_at, expires_at";

    private final class Tx implements Transaction {
        private final Connection c;
        private final Map<String, Long> balances;

        Tx(Connection c, Map<String, Long> balances) {
            this.c = c;
            this.balances = balances;
        }

        private String locked(String acct) {
            if (!balances.containsKey(acct)) {
                throw new IllegalStateException("account '" + acct + "' is not locked by this transaction");
            }
            return acct;
        }

        @Override
        public Optional<LedgerEntry> entry(EntryType type, String sourceRef) {
            return entryByKey(Posting.key(type, sourceRef));
        }

        @Override
        public Optional<LedgerEntry> entryByKey(String key) {
            try {
                List<LedgerEntry> found = readEntries(c, entrySelect("e.idem_key = ?"), ps -> ps.setString(1, key));
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            } catch (SQLException e) {
                throw failure("reading entry " + key, e);
            }
        }

        @Override
        public Optional<Rejection> rejection(EntryType type, String sourceRef) {
            return readRejection(c, Posting.key(type, sourceRef));
        }

        @Override
        public void recordRejection(Rejection r) {
            locked(r.account());
            String key = r.key();
            if (entryByKey(key).isPresent()) {
                throw new DuplicateKeyException(key);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + rejection
                    + " (idem_key, account_id, entry_type, source_ref, status, message) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, r.account());
                ps.setString(3, r.type().name());
                ps.setString(4, r.sourceRef());
                ps.setString(5, r.status().name());
                ps.setString(6, r.message());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new DuplicateKeyException(key);
                }
                throw failure("recording the rejection of " + key, e);
            }
        }

        @Override
        public List<LedgerEntry> reversalsOf(String acct, long entryId) {
            locked(acct);
            try {
                return readEntries(c, entrySelect("e.reverses_id = ? AND e.account_id = ?"), ps -> {
                    ps.setLong(1, entryId);
                    ps.setString(2, acct);
                });
            } catch (SQLException e) {
                throw failure("reading reversals of " + entryId, e);
            }
        }

        @Override
        public List<Lot> openLots(String acct) {
            locked(acct);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LOT_COLS + " FROM " + lot
                    + " WHERE account_id = ? AND remaining > 0"
                    + " ORDER BY CASE WHEN expires_at IS NULL THEN 1 ELSE 0 END, expires_at, id")) {
                ps.setString(1, acct);
                List<Lot> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readLot(rs, acct));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw failure("reading lots of " + acct, e);
            }
        }

        @Override
        public Optional<Lot> lot(String acct, long lotId) {
            locked(acct);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LOT_COLS + " FROM " + lot
                    + " WHERE id = ? AND account_id = ?")) {
                ps.setLong(1, lotId);
                ps.setString(2, acct);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readLot(rs, acct)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw failure("reading lot " + lotId, e);
            }
        }

        @Override
        public int movementCount(String acct, long lotId) {
            locked(acct);
            try (PreparedStatement ps = c.prepareStatement("SELECT moves FROM " + lot
                    + " WHERE id = ? AND account_id = ?")) {
                ps.setLong(1, lotId);
                ps.setString(2, acct);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            } catch (SQLException e) {
                throw failure("reading lot " + lotId, e);
            }
        }

        @Override
        public long balance(String acct) {
            return balances.get(locked(acct));
        }

        @Override
        public long entrySum(String acct) {
            locked(acct);
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(points), 0) FROM " + entry
                    + " WHERE account_id = ?")) {
                ps.setString(1, acct);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw failure("summing entries of " + acct, e);
            }
        }

        @Override
        public LedgerEntry append(EntryDraft d) {
            String acct = locked(d.account());
            long delta = d.points();
            long bal = balances.get(acct);
            if (bal + delta < 0) {
                throw new IllegalStateException("balance of account '" + acct + "' would go negative: " + bal
                        + " + " + delta);
            }
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + entry
                        + " (account_id, entry_type, points, idem_key, source_ref, created_at, reverses_id, shortfall,"
                        + " note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, acct);
                    ps.setString(2, d.type().name());
                    ps.setLong(3, delta);
                    ps.setString(4, d.key());
                    ps.setString(5, d.sourceRef());
                    ps.setLong(6, toNanos(d.instant()));
                    if (d.reverses().isPresent()) {
                        ps.setLong(7, d.reverses().getAsLong());
                    } else {
                        ps.setNull(7, java.sql.Types.BIGINT);
                    }
                    ps.setLong(8, d.shortfall());
                    ps.setString(9, d.note());
                    try {
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw new DuplicateKeyException(d.key());
                        }
                        throw e;
                    }
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new IllegalStateException("the database returned no id for entry " + d.key());
                        }
                        id = keys.getLong(1);
                    }
                }
                List<LotMovement> all = new ArrayList<>(d.movements().size() + 1);
                if (d.newLotPoints() > 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + lot + " (id, account_id, earned,"
                            + " remaining, earned_at, available_at, expires_at, moves) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
                        ps.setLong(1, id);
                        ps.setString(2, acct);
                        ps.setLong(3, d.newLotPoints());
                        ps.setLong(4, d.newLotPoints());
                        ps.setLong(5, toNanos(d.instant()));
                        ps.setLong(6, toNanos(d.availableAt()));
                        if (d.expiresAt().isPresent()) {
                            ps.setLong(7, toNanos(d.expiresAt().get()));
                        } else {
                            ps.setNull(7, java.sql.Types.BIGINT);
                        }
                        ps.executeUpdate();
                    }
                    all.add(new LotMovement(id, d.newLotPoints()));
                }
                if (!d.movements().isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + lot
                            + " SET remaining = remaining + ?, moves = moves + 1"
                            + " WHERE id = ? AND account_id = ? AND remaining + ? >= 0 AND remaining + ? <= earned")) {
                        for (LotMovement m : d.movements()) {
                            ps.setLong(1, m.points());
                            ps.setLong(2, m.lotId());
                            ps.setString(3, acct);
                            ps.setLong(4, m.points());
                            ps.setLong(5, m.points());
                            if (ps.executeUpdate() != 1) {
                                throw new IllegalStateException("lot " + m.lotId() + " of account '" + acct
                                        + "' cannot move by " + m.points());
                            }
                        }
                    }
                    all.addAll(d.movements());
                }
                if (!all.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + movement
                            + " (entry_id, seq, lot_id, points) VALUES (?, ?, ?, ?)")) {
                        int seq = 0;
                        for (LotMovement m : all) {
                            ps.setLong(1, id);
                            ps.setInt(2, seq++);
                            ps.setLong(3, m.lotId());
                            ps.setLong(4, m.points());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (delta != 0) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + account
                            + " SET balance = balance + ? WHERE account_id = ? AND balance + ? >= 0")) {
                        ps.setLong(1, delta);
                        ps.setString(2, acct);
                        ps.setLong(3, delta);
                        if (ps.executeUpdate() != 1) {
                            throw new IllegalStateException("balance of account '" + acct + "' cannot move by "
                                    + delta);
                        }
                    }
                    balances.put(acct, bal + delta);
                }
                return new LedgerEntry(id, acct, d.type(), delta, d.sourceRef(), d.instant(), d.reverses(),
                        d.shortfall(), d.note(), all);
            } catch (SQLException e) {
                throw failure("appending " + d.key(), e);
            }
        }
    }

    @Override
    public Optional<LedgerEntry> entryByKey(String key) {
        try (Connection c = dataSource.getConnection()) {
            List<LedgerEntry> found = readEntries(c, entrySelect("e.idem_key = ?"), ps -> ps.setString(1, key));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            throw failure("reading entry " + key, e);
        }
    }

    private Optional<Rejection> readRejection(Connection c, String key) {
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, entry_type, source_ref, status, message FROM "
                + rejection + " WHERE idem_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Rejection(rs.getString(1), EntryType.valueOf(rs.getString(2)), rs.getString(3),
                        PostingResult.Status.valueOf(rs.getString(4)), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw failure("reading rejection " + key, e);
        }
    }

    @Override
    public Optional<Rejection> rejectionByKey(String key) {
        try (Connection c = dataSource.getConnection()) {
            return readRejection(c, key);
        } catch (SQLException e) {
            throw failure("reading rejection " + key, e);
        }
    }

    @Override
    public List<LedgerEntry> entries(String acct) {
        try (Connection c = dataSource.getConnection()) {
            return readEntries(c, entrySelect("e.account_id = ?"), ps -> ps.setString(1, acct));
        } catch (SQLException e) {
            throw failure("reading entries of " + acct, e);
        }
    }

    @Override
    public List<Lot> lots(String acct) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + LOT_COLS + " FROM " + lot
                     + " WHERE account_id = ? ORDER BY id")) {
            ps.setString(1, acct);
            List<Lot> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readLot(rs, acct));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("reading lots of " + acct, e);
        }
    }

    @Override
    public long balance(String acct) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT balance FROM " + account + " WHERE account_id = ?")) {
            ps.setString(1, acct);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failure("reading balance of " + acct, e);
        }
    }

    @Override
    public Set<String> accounts() {
        return strings("SELECT DISTINCT account_id FROM " + entry, ps -> { });
    }

    @Override
    public Set<String> accountsWithLotsDueBy(Instant instant) {
        long t = toNanos(instant);
        return strings("SELECT DISTINCT account_id FROM " + lot + " WHERE expires_at <= ? AND remaining > 0",
                ps -> ps.setLong(1, t));
    }

    private Set<String> strings(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            Set<String> out = new TreeSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("query " + sql, e);
        }
    }
}
