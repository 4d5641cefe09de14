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
-- QR codes claimed by a member's scan: a shared code is claimed for that member only, a one-time
-- code (one_time) for every member
CREATE TABLE IF NOT EXISTS ${p}qr_claim (
  customer VARCHAR(200) NOT NULL,
  code VARCHAR(200) NOT NULL,
  one_time BOOLEAN NOT NULL,
  PRIMARY KEY (customer, code)
);
CREATE INDEX IF NOT EXISTS ${p}evaluation_customer ON ${p}evaluation (customer);
CREATE INDEX IF NOT EXISTS ${p}qr_claim_code ON ${p}qr_claim (code);
