-- o2o coupons: schema for JdbcCouponStore (portable between H2 2.x and PostgreSQL); ${p} is the table prefix.
-- Instants are epoch milliseconds, money is in minor units with its ISO 4217 currency.
CREATE TABLE IF NOT EXISTS ${p}campaign (
    coupon_id       VARCHAR(200) PRIMARY KEY,
    total_quantity  BIGINT,
    budget_minor    BIGINT,
    budget_currency CHAR(3),
    per_customer    INTEGER,
    redeemed        BIGINT NOT NULL DEFAULT 0,
    spent_minor     BIGINT NOT NULL DEFAULT 0,
    -- the last line of defence against over-redemption
    CONSTRAINT ${p}campaign_quantity CHECK (total_quantity IS NULL OR redeemed <= total_quantity),
    CONSTRAINT ${p}campaign_budget CHECK (budget_minor IS NULL OR spent_minor <= budget_minor),
    CONSTRAINT ${p}campaign_counts CHECK (redeemed >= 0 AND spent_minor >= 0)
);
CREATE TABLE IF NOT EXISTS ${p}code (
    code              VARCHAR(64) PRIMARY KEY,
    coupon_id         VARCHAR(200) NOT NULL REFERENCES ${p}campaign (coupon_id),
    customer          VARCHAR(200) NOT NULL,
    state             VARCHAR(16) NOT NULL,
    order_id          VARCHAR(200),
    reserved_until_ms BIGINT,
    issued_at_ms      BIGINT NOT NULL,
    CONSTRAINT ${p}code_state CHECK (state IN ('ISSUED', 'RESERVED', 'REDEEMED', 'VOIDED'))
);
CREATE INDEX IF NOT EXISTS ${p}code_by_customer ON ${p}code (coupon_id, customer);
CREATE TABLE IF NOT EXISTS ${p}customer_usage (
    coupon_id VARCHAR(200) NOT NULL REFERENCES ${p}campaign (coupon_id),
    customer  VARCHAR(200) NOT NULL,
    redeemed  BIGINT NOT NULL,
    PRIMARY KEY (coupon_id, customer),
    CONSTRAINT ${p}customer_usage_count CHECK (redeemed >= 0)
);
-- The first outcome of every redemption key, a redemption (reason NULL) or a refusal (reason set):
-- one row per key, so a key can never hold both. Refusals may name codes that do not exist.
CREATE TABLE IF NOT EXISTS ${p}redemption (
    redemption_key    VARCHAR(200) PRIMARY KEY,
    code              VARCHAR(64) NOT NULL,
    coupon_id         VARCHAR(200),
    customer          VARCHAR(200) NOT NULL,
    order_id          VARCHAR(200) NOT NULL,
    amount_minor      BIGINT NOT NULL,
    currency          CHAR(3) NOT NULL,
    store_id          VARCHAR(200),
    cashier_id        VARCHAR(200),
    redeemed_at_ms    BIGINT NOT NULL,
    rolled_back_at_ms BIGINT,
    reason            VARCHAR(40),
    message           VARCHAR(1000),
    CONSTRAINT ${p}redemption_kind CHECK ((reason IS NULL AND coupon_id IS NOT NULL AND message IS NULL)
        OR (reason IS NOT NULL AND message IS NOT NULL AND rolled_back_at_ms IS NULL))
);
CREATE INDEX IF NOT EXISTS ${p}redemption_by_code ON ${p}redemption (code);
-- Customer merges (CouponStore.mergeCustomer): one row per merge id, so that a retry replays it and an
-- unmerge knows which codes the merge moved. returned is set once the merge is undone.
CREATE TABLE IF NOT EXISTS ${p}customer_merge (
    merge_id      VARCHAR(200) PRIMARY KEY,
    from_customer VARCHAR(200) NOT NULL,
    to_customer   VARCHAR(200) NOT NULL,
    codes         BIGINT NOT NULL,
    redemptions   BIGINT NOT NULL,
    returned      BIGINT
);
CREATE TABLE IF NOT EXISTS ${p}merge_code (
    merge_id VARCHAR(200) NOT NULL,
    code     VARCHAR(64) NOT NULL,
    PRIMARY KEY (merge_id, code)
);
-- merges and erasures find a customer's rows without scanning
CREATE INDEX IF NOT EXISTS ${p}code_customer ON ${p}code (customer);
CREATE INDEX IF NOT EXISTS ${p}redemption_customer ON ${p}redemption (customer);
