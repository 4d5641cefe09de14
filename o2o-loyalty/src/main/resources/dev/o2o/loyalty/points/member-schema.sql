-- Member state for earning rules (MemberStore.jdbc), H2 and PostgreSQL. ${p} is the table prefix.
-- Dates are ISO local dates (yyyy-MM-dd, compared as text); birthdays MM-dd; tags URL-encoded, comma-joined.
CREATE TABLE IF NOT EXISTS ${p}member (
  customer VARCHAR(200) PRIMARY KEY,
  zone VARCHAR(100) NOT NULL,
  birthday VARCHAR(5),
  tier VARCHAR(200) NOT NULL,
  multiplier VARCHAR(40) NOT NULL,
  tags TEXT NOT NULL,
  purchases BIGINT NOT NULL
);
-- one row per recorded evaluation: a retry of the same key records nothing
CREATE TABLE IF NOT EXISTS ${p}evaluation (
  eval_key VARCHAR(200) PRIMARY KEY,
  customer VARCHAR(200) NOT NULL
);
CREATE TABLE IF NOT EXISTS ${p}earned (
  customer VARCHAR(200) NOT NULL,
  rule_id VARCHAR(200) NOT NULL,
  local_day VARCHAR(10) NOT NULL,
  points BIGINT NOT NULL,
  PRIMARY KEY (customer, rule_id, local_day)
);
-- a QR code earns once, store-wide
CREATE TABLE IF NOT EXISTS ${p}code (
  code VARCHAR(200) PRIMARY KEY,
  customer VARCHAR(200) NOT NULL
);
CREATE INDEX IF NOT EXISTS ${p}evaluation_customer ON ${p}evaluation (customer);
CREATE INDEX IF NOT EXISTS ${p}code_customer ON ${p}code (customer);
