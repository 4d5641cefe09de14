package dev.o2o.risk.audit;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

class H2DecisionStoreTest extends DecisionStoreConformanceTest {
    @Override
    protected DecisionStore newStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:risk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        DecisionStore.createJdbcSchema(ds, "risk_");
        DecisionStore.createJdbcSchema(ds, "risk_"); // idempotent
        return DecisionStore.jdbc(ds, "risk_");
    }
}
