-- Points ledger schema for H2 and PostgreSQL. ${p} is replaced by the table prefix.
-- Instants are stored as BIGINT nanoseconds since the epoch (exact, portable, comparable).
-- Lengths match the limits the records check before any store is called: ids 200, notes 500.
CREATE TABLE IF NOT EXISTS ${p}account (
    account_id VARCHAR(200) NOT NULL PRIMARY KEY,
    balance    BIGINT       NOT NULL,
    CONSTRAINT ${p}account_balance_ck CHECK (balance >= 0)
);
-- Entry ids come from this sequence, taken inside the transaction that holds the account's lock, so
-- that an account's entries are in posting order by id. H2 hands out cached values in order to every
-- session (its cache only spares it writing the sequence's state for every 32 values, under a
-- database-wide lock); PostgreSQL caches per session, which would break that order, so it keeps 1.
-- only: h2
CREATE SEQUENCE IF NOT EXISTS ${p}entry_seq CACHE 1000;
-- only: postgresql
CREATE SEQUENCE IF NOT EXISTS ${p}entry_seq;
CREATE TABLE IF NOT EXISTS ${p}entry (
    id          BIGINT       NOT NULL PRIMARY KEY,
    account_id  VARCHAR(200) NOT NULL,
    entry_type  VARCHAR(8)   NOT NULL,
    points      BIGINT       NOT NULL,
    source_ref  VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    reverses_id BIGINT,
    shortfall   BIGINT       NOT NULL,
    note        VARCHAR(500) NOT NULL
);
CREATE INDEX IF NOT EXISTS ${p}entry_account_ix ON ${p}entry (account_id, id);
-- No index on reverses_id: reversals are found through entry_account_ix (a reversal is on the
-- account of the entry it reverses and has a larger id), and every index costs each posting a write.
CREATE TABLE IF NOT EXISTS ${p}lot (
    id           BIGINT       NOT NULL PRIMARY KEY,
    account_id   VARCHAR(200) NOT NULL,
    earned       BIGINT       NOT NULL,
    remaining    BIGINT       NOT NULL,
    earned_at    BIGINT       NOT NULL,
    available_at BIGINT       NOT NULL,
    expires_at   BIGINT,
    moves        INTEGER      NOT NULL,
    CONSTRAINT ${p}lot_remaining_ck CHECK (remaining >= 0 AND remaining <= earned)
);
CREATE INDEX IF NOT EXISTS ${p}lot_account_ix ON ${p}lot (account_id, remaining);
CREATE INDEX IF NOT EXISTS ${p}lot_expiry_ix ON ${p}lot (expires_at, remaining);
CREATE TABLE IF NOT EXISTS ${p}movement (
    entry_id BIGINT  NOT NULL,
    seq      INTEGER NOT NULL,
    lot_id   BIGINT  NOT NULL,
    points   BIGINT  NOT NULL,
    PRIMARY KEY (entry_id, seq)
);
-- No index on lot_id: no query reads movements by lot, and every index costs each posting a write.
-- The one outcome of every idempotency key, store-wide: an entry (entry_id) or the first rejection
-- (status, message), on one account. The primary key makes two transactions that race for a key on
-- different accounts collide, whatever their outcomes.
CREATE TABLE IF NOT EXISTS ${p}outcome (
    source_ref VARCHAR(200)  NOT NULL,
    entry_type VARCHAR(8)    NOT NULL,
    account_id VARCHAR(200)  NOT NULL,
    entry_id   BIGINT,
    status     VARCHAR(24),
    message    VARCHAR(1000),
    PRIMARY KEY (source_ref, entry_type),
    CONSTRAINT ${p}outcome_kind_ck CHECK ((entry_id IS NULL AND status IS NOT NULL AND message IS NOT NULL)
        OR (entry_id IS NOT NULL AND status IS NULL AND message IS NULL))
);
