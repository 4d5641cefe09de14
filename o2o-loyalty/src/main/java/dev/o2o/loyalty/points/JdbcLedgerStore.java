package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.core.jdbc.Dialect;
import dev.o2o.core.jdbc.SqlErrors;
import dev.o2o.core.jdbc.TablePrefix;
import dev.o2o.core.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * {@link LedgerStore} over plain JDBC on core's {@link Transactions}, tested on H2 and PostgreSQL.
 *
 * <p>A transaction locks its account rows in one {@code SELECT ... ORDER BY account_id FOR UPDATE}
 * (a missing account is created first, outside it, with a quiet insert), then reads what the work
 * asks for and keeps every write in memory: the work sees its own appends (balances, lots, keys) from
 * there. At the end the writes go out as one multi-row insert per table (outcomes, entries, lots,
 * movements) and one batch of conditional updates each for lots and balances, so a batch of postings
 * costs a handful of round trips, not several per posting. Entry ids come from a sequence, taken in one
 * query per transaction after the locks, so an account's entries are in posting order by id.
 *
 * <p>Every key's outcome is a row of the outcome table (primary key: source reference and type):
 * two transactions racing for one key on different accounts collide there, whatever their outcomes,
 * and the loser gets {@link DuplicateKeyException}. On PostgreSQL the inserts that can meet an expected
 * conflict use {@code ON CONFLICT DO NOTHING}, so the server logs no duplicate-key errors (which would
 * quote the key). Lot and balance updates stay conditional and CHECK constraints back them.
 *
 * <p>Thread-safe: every call uses its own connection.
 */
final class JdbcLedgerStore implements LedgerStore {

    private static final long NANOS = 1_000_000_000L;
    /** Rows per multi-row statement: PostgreSQL allows 32,767 parameters, and 10 columns x 500 stays far below. */
    private static final int CHUNK = 500;
    private static final String ENTRY_COLS = "e.id, e.account_id, e.entry_type, e.points, e.source_ref, "
            + "e.created_at, e.reverses_id, e.shortfall, e.note, m.lot_id, m.points";
    private static final String LOT_COLS = "id, earned, remaining, earned_at, available_at, expires_at, moves";

    private final Transactions transactions;
    private final String account;
    private final String entry;
    private final String lot;
    private final String movement;
    private final String outcome;
    private final String sequence;
    private final String prefix;

    JdbcLedgerStore(DataSource dataSource, String prefix) {
        this(Transactions.of(Objects.requireNonNull(dataSource, "dataSource")), prefix);
    }

    JdbcLedgerStore(Transactions transactions, String prefix) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        TablePrefix p = TablePrefix.of(prefix);
        this.prefix = prefix;
        this.account = p.table("account");
        this.entry = p.table("entry");
        this.lot = p.table("lot");
        this.movement = p.table("movement");
        this.outcome = p.table("outcome");
        this.sequence = p.table("entry_seq");
    }

    @Override
    public void createSchema() {
        JdbcSchema.create(transactions.dataSource(), prefix);
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

    /** Carries an {@link SQLException} out of the {@link Transaction} methods to {@link Transactions}. */
    private static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }

    /** Some accounts have no row yet: they are created outside the transaction, which then runs again. */
    private static final class MissingAccounts extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<CustomerKey> names;

        MissingAccounts(List<CustomerKey> names) {
            super(null, null, false, false);
            this.names = names;
        }
    }

    private interface SqlRead<T> {
        T read() throws SQLException;
    }

    private static <T> T sql(SqlRead<T> read) {
        try {
            return read.read();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static String marks(int n) {
        StringBuilder b = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ", ?");
        }
        return b.toString();
    }

    /** {@code VALUES (?, ..), (?, ..)} for {@code rows} rows of {@code cols} columns. */
    private static String values(int rows, int cols) {
        String row = "(" + marks(cols) + ")";
        StringBuilder b = new StringBuilder(rows * (row.length() + 2));
        for (int i = 0; i < rows; i++) {
            b.append(i == 0 ? row : ", " + row);
        }
        return b.toString();
    }

    @Override
    public <T> T inTransaction(SortedSet<CustomerKey> names, Function<Transaction, T> work) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("accounts must not be empty");
        }
        for (CustomerKey n : names) {
            Objects.requireNonNull(n, "account");
        }
        List<CustomerKey> sorted = List.copyOf(names);
        transactions.dialect(); // detected now, never on a second connection inside a transaction
        while (true) {
            try {
                return transactions.inTransaction("points transaction", c -> {
                    Map<CustomerKey, Long> balances = lock(c, sorted);
                    Tx tx = new Tx(c, balances);
                    try {
                        T result = work.apply(tx);
                        tx.flush();
                        return result;
                    } catch (SqlFailure f) {
                        throw f.sql();
                    } finally {
                        tx.open = false;
                    }
                });
            } catch (MissingAccounts m) {
                createAccounts(m.names);
            }
        }
    }

    private Map<CustomerKey, Long> lock(Connection c, List<CustomerKey> names) throws SQLException {
        Map<CustomerKey, Long> balances = new HashMap<>();
        // an IN list rather than = ANY (array): H2 does not use the index for an array parameter
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, balance FROM " + account
                + " WHERE account_id IN (" + marks(names.size()) + ") ORDER BY account_id FOR UPDATE")) {
            for (int i = 0; i < names.size(); i++) {
                ps.setString(i + 1, names.get(i).value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    balances.put(CustomerKey.of(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        if (balances.size() < names.size()) {
            List<CustomerKey> missing = new ArrayList<>();
            for (CustomerKey n : names) {
                if (!balances.containsKey(n)) {
                    missing.add(n);
                }
            }
            throw new MissingAccounts(missing);
        }
        return balances;
    }

    /** Creates account rows, each in its own statement in auto-commit mode; existing ones are left alone. */
    private void createAccounts(List<CustomerKey> names) {
        Dialect d = transactions.dialect();
        transactions.withConnection("creating points accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    d.insertIgnoringConflict("INSERT INTO " + account + " (account_id, balance) VALUES (?, 0)"))) {
                for (CustomerKey n : names) {
                    ps.setString(1, n.value());
                    d.insertIfAbsent(ps);
                }
            }
            return null;
        });
    }

    /** A lot as this transaction sees it; {@code moved}/{@code moves} not yet written. */
    private static final class LotState {
        final long id;
        final CustomerKey account;
        final long earned;
        final Instant earnedAt;
        final Instant availableAt;
        final Instant expiresAt; // null: never
        final boolean created; // by this transaction
        long remaining;
        int moves;
        long movedPoints; // pending change of an existing lot
        int movedTimes;

        LotState(long id, CustomerKey account, long earned, long remaining, Instant earnedAt, Instant availableAt,
                 Instant expiresAt, int moves, boolean created) {
            this.id = id;
            this.account = account;
            this.earned = earned;
            this.remaining = remaining;
            this.earnedAt = earnedAt;
            this.availableAt = availableAt;
            this.expiresAt = expiresAt;
            this.moves = moves;
            this.created = created;
        }

        Lot snapshot() {
            return new Lot(id, account, earned, remaining, earnedAt, availableAt, Optional.ofNullable(expiresAt));
        }

        Instant expiryOrMax() {
            return expiresAt == null ? Instant.MAX : expiresAt;
        }
    }

    private final class Tx implements Transaction {
        private final Connection c;
        private final Dialect dialect = transactions.dialect();
        private final Map<CustomerKey, Long> balances;
        private final Map<CustomerKey, Long> balanceChanges = new LinkedHashMap<>();
        /** Known outcomes: a LedgerEntry, a Rejection, or NONE (known to have none). */
        private final Map<IdempotencyKey, Object> outcomes = new HashMap<>();
        private final Map<IdempotencyKey, Object> newOutcomes = new LinkedHashMap<>();
        private final List<LedgerEntry> newEntries = new ArrayList<>();
        private final Map<Long, LotState> lots = new LinkedHashMap<>();
        private final Set<CustomerKey> openLotsRead = new HashSet<>();
        private final List<Long> ids = new ArrayList<>();
        private int expectedAppends = 1;
        boolean open = true;

        Tx(Connection c, Map<CustomerKey, Long> balances) {
            this.c = c;
            this.balances = balances;
        }

        private CustomerKey locked(CustomerKey acct) {
            if (!open) {
                throw new IllegalStateException("the transaction is over");
            }
            if (!balances.containsKey(acct)) {
                throw new IllegalStateException("account " + Ids.describe(acct.value()) + " is not locked by this transaction");
            }
            return acct;
        }

        @Override
        public void prefetch(Collection<IdempotencyKey> keys) {
            List<IdempotencyKey> unknown = new ArrayList<>();
            for (IdempotencyKey k : keys) {
                if (!outcomes.containsKey(k)) {
                    unknown.add(k);
                }
            }
            expectedAppends = Math.max(expectedAppends, keys.size());
            for (int from = 0; from < unknown.size(); from += CHUNK) {
                List<IdempotencyKey> part = unknown.subList(from, Math.min(unknown.size(), from + CHUNK));
                outcomes.putAll(sql(() -> readOutcomes(c, part)));
            }
        }

        private Object outcome(IdempotencyKey key) {
            Object o = outcomes.get(key);
            if (o == null) {
                o = sql(() -> readOutcomes(c, List.of(key))).get(key);
                outcomes.put(key, o);
            }
            return o;
        }

        @Override
        public Optional<LedgerEntry> entry(IdempotencyKey key) {
            return outcome(key) instanceof LedgerEntry e ? Optional.of(e) : Optional.empty();
        }

        @Override
        public Optional<Rejection> rejection(IdempotencyKey key) {
            return outcome(key) instanceof Rejection r ? Optional.of(r) : Optional.empty();
        }

        private void claim(IdempotencyKey key, Object result) {
            if (outcome(key) != NONE) {
                throw new DuplicateKeyException(key);
            }
            outcomes.put(key, result);
            newOutcomes.put(key, result);
        }

        @Override
        public void recordRejection(Rejection r) {
            locked(r.account());
            claim(r.key(), r);
        }

        @Override
        public List<LedgerEntry> reversalsOf(CustomerKey acct, long entryId) {
            locked(acct);
            List<LedgerEntry> out = new ArrayList<>(sql(() -> readEntries(c,
                    // the account's entries after the reversed one (ids follow posting order), by entry_account_ix
                    entrySelect("e.account_id = ? AND e.id > ? AND e.reverses_id = ?"), ps -> {
                        ps.setString(1, acct.value());
                        ps.setLong(2, entryId);
                        ps.setLong(3, entryId);
                    })));
            for (LedgerEntry e : newEntries) {
                if (e.account().equals(acct) && e.reverses().isPresent() && e.reverses().getAsLong() == entryId) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Reads the account's open lots once; from then on this transaction's view is complete. */
        private void readOpenLots(CustomerKey acct) {
            if (!openLotsRead.add(acct)) {
                return;
            }
            sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + LOT_COLS + " FROM " + lot
                        + " WHERE account_id = ? AND remaining > 0")) {
                    ps.setString(1, acct.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            LotState l = readLot(rs, acct);
                            lots.putIfAbsent(l.id, l);
                        }
                    }
                }
                return null;
            });
        }

        private List<LotState> open(CustomerKey acct) {
            readOpenLots(acct);
            List<LotState> out = new ArrayList<>();
            for (LotState l : lots.values()) {
                if (l.account.equals(acct) && l.remaining > 0) {
                    out.add(l);
                }
            }
            out.sort((x, y) -> {
                int byExpiry = x.expiryOrMax().compareTo(y.expiryOrMax());
                return byExpiry != 0 ? byExpiry : Long.compare(x.id, y.id);
            });
            return out;
        }

        @Override
        public List<Lot> openLots(CustomerKey acct) {
            locked(acct);
            List<Lot> out = new ArrayList<>();
            for (LotState l : open(acct)) {
                out.add(l.snapshot());
            }
            return out;
        }

        @Override
        public void forEachOpenLot(CustomerKey acct, LotVisitor visitor) {
            locked(acct);
            for (LotState l : open(acct)) {
                if (!visitor.visit(l.id, l.remaining, l.availableAt, l.expiryOrMax())) {
                    return;
                }
            }
        }

        private LotState lotState(CustomerKey acct, long lotId) {
            LotState known = lots.get(lotId);
            if (known != null) {
                return known.account.equals(acct) ? known : null;
            }
            LotState read = sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + LOT_COLS + " FROM " + lot
                        + " WHERE id = ? AND account_id = ?")) {
                    ps.setLong(1, lotId);
                    ps.setString(2, acct.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? readLot(rs, acct) : null;
                    }
                }
            });
            if (read != null) {
                lots.put(lotId, read);
            }
            return read;
        }

        @Override
        public Optional<Lot> lot(CustomerKey acct, long lotId) {
            locked(acct);
            return Optional.ofNullable(lotState(acct, lotId)).map(LotState::snapshot);
        }

        @Override
        public int movementCount(CustomerKey acct, long lotId) {
            locked(acct);
            LotState l = lotState(acct, lotId);
            return l == null ? 0 : l.moves;
        }

        @Override
        public long balance(CustomerKey acct) {
            return balances.get(locked(acct));
        }

        @Override
        public long entrySum(CustomerKey acct) {
            locked(acct);
            long stored = sql(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(points), 0) FROM " + entry
                        + " WHERE account_id = ?")) {
                    ps.setString(1, acct.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            return stored + balanceChanges.getOrDefault(acct, 0L);
        }

        private long nextId() {
            if (ids.isEmpty()) {
                int n = Math.max(1, expectedAppends - newEntries.size());
                sql(() -> {
                    String from = dialect == Dialect.POSTGRESQL
                            ? "SELECT nextval('" + sequence + "') FROM generate_series(1, ?)"
                            : "SELECT NEXT VALUE FOR " + sequence + " FROM SYSTEM_RANGE(1, ?)";
                    try (PreparedStatement ps = c.prepareStatement(from)) {
                        ps.setInt(1, n);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                ids.add(rs.getLong(1));
                            }
                        }
                    }
                    return null;
                });
                ids.sort(null);
            }
            return ids.remove(0);
        }

        @Override
        public LedgerEntry append(EntryDraft d) {
            CustomerKey acct = locked(d.account());
            long delta = d.points();
            long bal = balances.get(acct);
            if (bal + delta < 0) {
                throw new IllegalStateException("balance of account " + Ids.describe(acct.value()) + " would go negative: "
                        + bal + " + " + delta);
            }
            List<LotState> moved = new ArrayList<>(d.movements().size());
            for (LotMovement m : d.movements()) {
                LotState l = lotState(acct, m.lotId());
                if (l == null || l.remaining + m.points() < 0 || l.remaining + m.points() > l.earned) {
                    throw new IllegalStateException("lot " + m.lotId() + " cannot move by " + m.points());
                }
                moved.add(l);
            }
            if (outcome(d.key()) != NONE) {
                throw new DuplicateKeyException(d.key());
            }
            long id = nextId();
            List<LotMovement> all = new ArrayList<>(d.movements().size() + 1);
            if (d.newLotPoints() > 0) {
                all.add(new LotMovement(id, d.newLotPoints()));
            }
            all.addAll(d.movements());
            LedgerEntry e = new LedgerEntry(id, acct, d.type(), delta, d.sourceRef(), d.instant(), d.reverses(),
                    d.shortfall(), d.note(), all);
            claim(d.key(), e);
            for (int i = 0; i < moved.size(); i++) {
                LotState l = moved.get(i);
                long points = d.movements().get(i).points();
                l.remaining += points;
                l.moves++;
                l.movedPoints += points;
                l.movedTimes++;
            }
            if (d.newLotPoints() > 0) {
                lots.put(id, new LotState(id, acct, d.newLotPoints(), d.newLotPoints(), d.instant(), d.availableAt(),
                        d.expiresAt().orElse(null), 1, true));
            }
            newEntries.add(e);
            balances.put(acct, bal + delta);
            balanceChanges.merge(acct, delta, Long::sum);
            return e;
        }

        /** Writes everything this transaction did, in a few statements. */
        void flush() throws SQLException {
            insertOutcomes();
            insertRows(c, entry, "id, account_id, entry_type, points, source_ref, created_at, reverses_id, shortfall, note",
                    9, newEntries, (ps, i, e) -> {
                        ps.setLong(i, e.id());
                        ps.setString(i + 1, e.account().value());
                        ps.setString(i + 2, e.type().name());
                        ps.setLong(i + 3, e.points());
                        ps.setString(i + 4, e.sourceRef());
                        ps.setLong(i + 5, toNanos(e.instant()));
                        if (e.reverses().isPresent()) {
                            ps.setLong(i + 6, e.reverses().getAsLong());
                        } else {
                            ps.setNull(i + 6, Types.BIGINT);
                        }
                        ps.setLong(i + 7, e.shortfall());
                        ps.setString(i + 8, e.note());
                    });
            List<LotState> created = new ArrayList<>();
            List<LotState> changed = new ArrayList<>();
            for (LotState l : lots.values()) {
                if (l.created) {
                    created.add(l);
                } else if (l.movedTimes > 0) {
                    changed.add(l);
                }
            }
            insertRows(c, lot, "id, account_id, earned, remaining, earned_at, available_at, expires_at, moves", 8, created,
                    (ps, i, l) -> {
                        ps.setLong(i, l.id);
                        ps.setString(i + 1, l.account.value());
                        ps.setLong(i + 2, l.earned);
                        ps.setLong(i + 3, l.remaining);
                        ps.setLong(i + 4, toNanos(l.earnedAt));
                        ps.setLong(i + 5, toNanos(l.availableAt));
                        if (l.expiresAt != null) {
                            ps.setLong(i + 6, toNanos(l.expiresAt));
                        } else {
                            ps.setNull(i + 6, Types.BIGINT);
                        }
                        ps.setInt(i + 7, l.moves);
                    });
            List<long[]> moves = new ArrayList<>();
            for (LedgerEntry e : newEntries) {
                int seq = 0;
                for (LotMovement m : e.movements()) {
                    moves.add(new long[] {e.id(), seq++, m.lotId(), m.points()});
                }
            }
            insertRows(c, movement, "entry_id, seq, lot_id, points", 4, moves, (ps, i, m) -> {
                ps.setLong(i, m[0]);
                ps.setInt(i + 1, (int) m[1]);
                ps.setLong(i + 2, m[2]);
                ps.setLong(i + 3, m[3]);
            });
            if (!changed.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + lot
                        + " SET remaining = remaining + ?, moves = moves + ?"
                        + " WHERE id = ? AND account_id = ? AND remaining + ? >= 0 AND remaining + ? <= earned")) {
                    for (LotState l : changed) {
                        ps.setLong(1, l.movedPoints);
                        ps.setInt(2, l.movedTimes);
                        ps.setLong(3, l.id);
                        ps.setString(4, l.account.value());
                        ps.setLong(5, l.movedPoints);
                        ps.setLong(6, l.movedPoints);
                        ps.addBatch();
                    }
                    requireAllUpdated(ps.executeBatch(), "lot");
                }
            }
            boolean anyBalance = false;
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + account
                    + " SET balance = balance + ? WHERE account_id = ? AND balance + ? >= 0")) {
                for (Map.Entry<CustomerKey, Long> b : balanceChanges.entrySet()) {
                    if (b.getValue() != 0) {
                        ps.setLong(1, b.getValue());
                        ps.setString(2, b.getKey().value());
                        ps.setLong(3, b.getValue());
                        ps.addBatch();
                        anyBalance = true;
                    }
                }
                if (anyBalance) {
                    requireAllUpdated(ps.executeBatch(), "balance");
                }
            }
        }

        private void requireAllUpdated(int[] counts, String what) {
            for (int n : counts) {
                if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("a " + what + " update of this transaction found its row changed "
                            + "or its limit crossed: nothing was written");
                }
            }
        }

        /** Inserts the new outcomes; a key taken meanwhile by another transaction is a DuplicateKeyException. */
        private void insertOutcomes() throws SQLException {
            List<Map.Entry<IdempotencyKey, Object>> rows = new ArrayList<>(newOutcomes.entrySet());
            if (rows.isEmpty()) {
                return;
            }
            String columns = "source_ref, entry_type, account_id, entry_id, status, message";
            if (dialect == Dialect.H2) {
                // H2 has no server log to keep quiet: a lost race fails the batch, and the rare path finds the key
                try {
                    insertRows(c, outcome, columns, 6, rows, (ps, i, row) -> bindOutcome(ps, i, row.getKey(),
                            row.getValue()));
                } catch (SQLException e) {
                    IdempotencyKey taken = takenKey(rows);
                    if (taken == null) {
                        throw e;
                    }
                    throw new DuplicateKeyException(taken);
                }
                return;
            }
            for (int from = 0; from < rows.size(); from += CHUNK) {
                List<Map.Entry<IdempotencyKey, Object>> part = rows.subList(from, Math.min(rows.size(), from + CHUNK));
                int inserted;
                try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoringConflict("INSERT INTO " + outcome
                        + " (" + columns + ") VALUES " + values(part.size(), 6)))) {
                    int i = 1;
                    for (Map.Entry<IdempotencyKey, Object> row : part) {
                        bindOutcome(ps, i, row.getKey(), row.getValue());
                        i += 6;
                    }
                    inserted = ps.executeUpdate();
                }
                if (inserted != part.size()) {
                    IdempotencyKey taken = takenKey(part);
                    throw new DuplicateKeyException(taken != null ? taken : part.get(0).getKey());
                }
            }
        }

        /** Which of these keys another transaction holds, if any (rare: only after a lost race). */
        private IdempotencyKey takenKey(List<Map.Entry<IdempotencyKey, Object>> part) throws SQLException {
            List<IdempotencyKey> keys = new ArrayList<>();
            for (Map.Entry<IdempotencyKey, Object> row : part) {
                keys.add(row.getKey());
            }
            Map<IdempotencyKey, Object> stored = readOutcomes(c, keys);
            for (Map.Entry<IdempotencyKey, Object> row : part) {
                Object s = stored.get(row.getKey());
                if (s != NONE && !sameOutcome(s, row.getValue())) {
                    return row.getKey();
                }
            }
            return null;
        }

        private static boolean sameOutcome(Object stored, Object mine) {
            if (stored instanceof LedgerEntry s && mine instanceof LedgerEntry m) {
                return s.id() == m.id();
            }
            return stored instanceof Rejection s && mine instanceof Rejection m && s.account().equals(m.account());
        }
    }

    private interface RowBinder<R> {
        void bind(PreparedStatement ps, int firstParameter, R row) throws SQLException;
    }

    /**
     * Inserts rows as multi-row {@code INSERT ... VALUES (..), (..)} statements, one per {@value #CHUNK}
     * rows: one round trip on PostgreSQL, one statement (not one per row) for H2 to run. H2 parses a
     * statement again once it has left the session's query cache ({@code QUERY_CACHE_SIZE}, 8 by
     * default), which a transaction's ten or so statement texts overflow: see
     * {@link LedgerStore#jdbc(DataSource, String)}.
     */
    private static <R> void insertRows(Connection c, String table, String columns, int width, List<R> rows,
                                       RowBinder<R> binder) throws SQLException {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<R> part = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES "
                    + values(part.size(), width))) {
                int i = 1;
                for (R row : part) {
                    binder.bind(ps, i, row);
                    i += width;
                }
                ps.executeUpdate();
            }
        }
    }

    private static void bindOutcome(PreparedStatement ps, int i, IdempotencyKey key, Object result) throws SQLException {
        ps.setString(i, key.sourceRef());
        ps.setString(i + 1, key.type().name());
        if (result instanceof LedgerEntry e) {
            ps.setString(i + 2, e.account().value());
            ps.setLong(i + 3, e.id());
            ps.setNull(i + 4, Types.VARCHAR);
            ps.setNull(i + 5, Types.VARCHAR);
        } else {
            Rejection r = (Rejection) result;
            ps.setString(i + 2, r.account().value());
            ps.setNull(i + 3, Types.BIGINT);
            ps.setString(i + 4, r.status().name());
            ps.setString(i + 5, r.message());
        }
    }

    /** The marker of a key known to have no outcome. */
    private static final Object NONE = new Object();

    /** The outcomes of {@code keys} (each key mapped; {@link #NONE} where there is none). */
    private Map<IdempotencyKey, Object> readOutcomes(Connection c, List<IdempotencyKey> keys) throws SQLException {
        Map<IdempotencyKey, Object> out = new HashMap<>();
        for (IdempotencyKey k : keys) {
            out.put(k, NONE);
        }
        Set<String> refs = new HashSet<>();
        for (IdempotencyKey k : keys) {
            refs.add(k.sourceRef());
        }
        List<String> refList = new ArrayList<>(refs);
        String sql = "SELECT o.source_ref, o.entry_type, o.account_id, o.status, o.message, " + ENTRY_COLS
                + " FROM " + outcome + " o LEFT JOIN " + entry + " e ON e.id = o.entry_id LEFT JOIN " + movement
                + " m ON m.entry_id = e.id WHERE o.source_ref IN (" + marks(refList.size()) + ")"
                + " ORDER BY o.source_ref, o.entry_type, m.seq";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < refList.size(); i++) {
                ps.setString(i + 1, refList.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                EntryRows rows = new EntryRows(6);
                IdempotencyKey current = null;
                while (rs.next()) {
                    IdempotencyKey key = new IdempotencyKey(EntryType.valueOf(rs.getString(2)), rs.getString(1));
                    if (!key.equals(current)) {
                        rows.finish().ifPresent(e -> out.put(e.key(), e));
                        current = key;
                    }
                    if (rs.getString(4) != null) {
                        if (out.containsKey(key)) {
                            out.put(key, new Rejection(CustomerKey.of(rs.getString(3)), key.type(), key.sourceRef(),
                                    PostingResult.Status.valueOf(rs.getString(4)), rs.getString(5)));
                        }
                    } else if (out.containsKey(key)) {
                        rows.add(rs); // one entry per key: the previous one was finished at the key change
                    }
                }
                rows.finish().ifPresent(e -> out.put(e.key(), e));
            }
        }
        return out;
    }

    /** Assembles entries (with their movements) from rows over {@link #ENTRY_COLS} starting at a column. */
    private static final class EntryRows {
        private final int first;
        private Object[] head;
        private List<LotMovement> moves = new ArrayList<>();

        EntryRows(int first) {
            this.first = first;
        }

        /** Adds a row; starts a new entry when its id differs. Returns the finished previous one, if any. */
        Optional<LedgerEntry> add(ResultSet rs) throws SQLException {
            long id = rs.getLong(first);
            Optional<LedgerEntry> done = Optional.empty();
            if (head == null || (Long) head[0] != id) {
                done = finish();
                long rev = rs.getLong(first + 6);
                OptionalLong reverses = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(rev);
                head = new Object[] {id, rs.getString(first + 1), EntryType.valueOf(rs.getString(first + 2)),
                    rs.getLong(first + 3), rs.getString(first + 4), fromNanos(rs.getLong(first + 5)), reverses,
                    rs.getLong(first + 7), rs.getString(first + 8)};
            }
            long lotId = rs.getLong(first + 9);
            if (!rs.wasNull()) {
                moves.add(new LotMovement(lotId, rs.getLong(first + 10)));
            }
            return done;
        }

        Optional<LedgerEntry> finish() {
            if (head == null) {
                return Optional.empty();
            }
            LedgerEntry e = new LedgerEntry((Long) head[0], CustomerKey.of((String) head[1]), (EntryType) head[2], (Long) head[3],
                    (String) head[4], (Instant) head[5], (OptionalLong) head[6], (Long) head[7], (String) head[8],
                    moves);
            head = null;
            moves = new ArrayList<>();
            return Optional.of(e);
        }
    }

    /** Entries with their movements, from a query over {@link #ENTRY_COLS} ordered by entry id, seq. */
    private static List<LedgerEntry> readEntries(Connection c, String sql, Binder binder) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                EntryRows rows = new EntryRows(1);
                while (rs.next()) {
                    rows.add(rs).ifPresent(out::add);
                }
                rows.finish().ifPresent(out::add);
            }
        }
        return out;
    }

    private String entrySelect(String where) {
        return "SELECT " + ENTRY_COLS + " FROM " + entry + " e LEFT JOIN " + movement + " m ON m.entry_id = e.id WHERE "
                + where + " ORDER BY e.id, m.seq";
    }

    private static LotState readLot(ResultSet rs, CustomerKey acct) throws SQLException {
        long exp = rs.getLong(6);
        Instant expiresAt = rs.wasNull() ? null : fromNanos(exp);
        return new LotState(rs.getLong(1), acct, rs.getLong(2), rs.getLong(3), fromNanos(rs.getLong(4)),
                fromNanos(rs.getLong(5)), expiresAt, rs.getInt(7), false);
    }

    @Override
    public long renameForErasure(CustomerKey from, CustomerKey to) {
        Checks.erasureRename(from, to);
        return transactions.inTransaction("points erasure", c -> {
            Set<String> present = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM " + account
                    + " WHERE account_id IN (?, ?) ORDER BY account_id FOR UPDATE")) {
                ps.setString(1, from.value());
                ps.setString(2, to.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getString(1));
                    }
                }
            }
            if (!present.contains(from.value()) && count(c, outcome, from.value()) == 0) {
                return 0L; // nothing to erase (also when an erasure is run again)
            }
            if (present.contains(to.value()) || count(c, outcome, to.value()) > 0) {
                throw new IllegalStateException("pseudonym account " + Ids.describe(to.value()) + " is in use already");
            }
            long entries = count(c, entry, from.value());
            for (String table : List.of(account, entry, lot, outcome)) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                        + " SET account_id = ? WHERE account_id = ?")) {
                    ps.setString(1, to.value());
                    ps.setString(2, from.value());
                    ps.executeUpdate();
                }
            }
            return entries;
        });
    }

    private static long count(Connection c, String table, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Optional<LedgerEntry> entryByKey(IdempotencyKey key) {
        Object o = transactions.withConnection("reading a points entry", c -> readOutcomes(c, List.of(key)).get(key));
        return o instanceof LedgerEntry e ? Optional.of(e) : Optional.empty();
    }

    @Override
    public Optional<Rejection> rejectionByKey(IdempotencyKey key) {
        Object o = transactions.withConnection("reading a points rejection",
                c -> readOutcomes(c, List.of(key)).get(key));
        return o instanceof Rejection r ? Optional.of(r) : Optional.empty();
    }

    @Override
    public List<LedgerEntry> entries(CustomerKey acct) {
        return transactions.withConnection("reading points entries",
                c -> readEntries(c, entrySelect("e.account_id = ?"), ps -> ps.setString(1, acct.value())));
    }

    @Override
    public List<Lot> lots(CustomerKey acct) {
        return transactions.withConnection("reading points lots", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LOT_COLS + " FROM " + lot
                    + " WHERE account_id = ? ORDER BY id")) {
                ps.setString(1, acct.value());
                List<Lot> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readLot(rs, acct).snapshot());
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long balance(CustomerKey acct) {
        return transactions.withConnection("reading a points balance", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM " + account + " WHERE account_id = ?")) {
                ps.setString(1, acct.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Set<CustomerKey> accounts() {
        return keys("reading points accounts", "SELECT DISTINCT account_id FROM " + entry, ps -> { });
    }

    @Override
    public Set<CustomerKey> accountsWithLotsDueBy(Instant instant) {
        long t = toNanos(instant);
        return keys("reading points accounts due to expire", "SELECT DISTINCT account_id FROM " + lot
                + " WHERE expires_at <= ? AND remaining > 0", ps -> ps.setLong(1, t));
    }

    private Set<CustomerKey> keys(String what, String sql, Binder binder) {
        return transactions.withConnection(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                Set<CustomerKey> out = new TreeSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(CustomerKey.of(rs.getString(1)));
                    }
                }
                return out;
            }
        });
    }
}
