-- o2o coupons: schema for JdbcCouponStore (portable between H2 2.x and PostgreSQL).
-- Instants are epoch milliseconds, money is in minor units with its ISO 4217 currency.
CREATE TABLE IF NOT EXISTS coupon_campaign (
    coupon_id       VARCHAR(200) PRIMARY KEY,
    total_quantity  BIGINT,
    budget_minor    BIGINT,
    budget_currency CHAR(3),
    per_customer    INTEGER,
    redeemed        BIGINT NOT NULL DEFAULT 0,
    spent_minor     BIGINT NOT NULL DEFAULT 0,
    -- the last line of defence against over-redemption
    CONSTRAINT coupon_campaign_quantity CHECK (total_quantity IS NULL OR redeemed <= total_quantity),
    CONSTRAINT coupon_campaign_budget CHECK (budget_minor IS NULL OR spent_minor <= budget_minor),
    CONSTRAINT coupon_campaign_counts CHECK (redeemed >= 0 AND spent_minor >= 0)
);
CREATE TABLE IF NOT EXISTS coupon_code (
    code              VARCHAR(64) PRIMARY KEY,
    coupon_id         VARCHAR(200) NOT NULL REFERENCES coupon_campaign (coupon_id),
    customer          VARCHAR(200) NOT NULL,
    state             VARCHAR(16) NOT NULL,
    order_id          VARCHAR(200),
    reserved_until_ms BIGINT,
    issued_at_ms      BIGINT NOT NULL,
    CONSTRAINT coupon_code_state CHECK (state IN ('ISSUED', 'RESERVED', 'REDEEMED'))
);
CREATE INDEX IF NOT EXISTS coupon_code_by_customer ON coupon_code (coupon_id, customer);
CREATE TABLE IF NOT EXISTS coupon_customer_usage (
    coupon_id VARCHAR(200) NOT NULL REFERENCES coupon_campaign (coupon_id),
    customer  VARCHAR(200) NOT NULL,
    redeemed  BIGINT NOT NULL,
    PRIMARY KEY (coupon_id, customer),
    CONSTRAINT coupon_customer_usage_count CHECK (redeemed >= 0)
);
CREATE TABLE IF NOT EXISTS coupon_redemption (
    redemption_key    VARCHAR(200) PRIMARY KEY,
    code              VARCHAR(64) NOT NULL REFERENCES coupon_code (code),
    coupon_id         VARCHAR(200) NOT NULL,
    customer          VARCHAR(200) NOT NULL,
    order_id          VARCHAR(200) NOT NULL,
    amount_minor      BIGINT NOT NULL,
    currency          CHAR(3) NOT NULL,
    store_id          VARCHAR(200),
    cashier_id        VARCHAR(200),
    redeemed_at_ms    BIGINT NOT NULL,
    rolled_back_at_ms BIGINT
);
CREATE INDEX IF NOT EXISTS coupon_redemption_by_code ON coupon_redemption (code);
-- The first outcome of a refused redemption key: a retry with the same key is refused alike.
CREATE TABLE IF NOT EXISTS coupon_refusal (
    redemption_key VARCHAR(200) PRIMARY KEY,
    code           VARCHAR(400) NOT NULL,
    customer       VARCHAR(200) NOT NULL,
    reason         VARCHAR(40) NOT NULL,
    message        VARCHAR(1000) NOT NULL
);
