-- Profile store schema for H2 and PostgreSQL. ${p} is replaced by the table prefix.
-- One row per customer: the key (at most 200 chars, as every id) and its ProfileState in the
-- store's binary form (aggregates, the O2O instants and the ids of the orders counted).
-- only: h2
CREATE TABLE IF NOT EXISTS ${p}profile (
    customer VARCHAR(200) NOT NULL PRIMARY KEY,
    state    BLOB         NOT NULL
);
-- only: postgresql
CREATE TABLE IF NOT EXISTS ${p}profile (
    customer VARCHAR(200) NOT NULL PRIMARY KEY,
    state    BYTEA        NOT NULL
);
-- The identity merges applied (ProfileStore.mergeCustomers with a merge id), so that a merge
-- applied again changes nothing: the id and whether a profile was folded (0 or 1). No customer key.
CREATE TABLE IF NOT EXISTS ${p}profile_merge (
    merge_id VARCHAR(200) NOT NULL PRIMARY KEY,
    profiles SMALLINT     NOT NULL
);
