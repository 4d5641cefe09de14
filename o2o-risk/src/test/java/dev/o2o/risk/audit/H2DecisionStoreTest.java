package dev.o2o.risk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.test.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class H2DecisionStoreTest extends DecisionStoreConformanceTest {
    @Override
    protected DecisionStore newStore() {
        DataSource ds = TestDatabases.h2("risk");
        DecisionStore store = DecisionStore.jdbc(ds, "risk_");
        store.createSchema();
        store.createSchema(); // idempotent
        return store;
    }

    /** The one set-up pattern (#23): {@code jdbc(...)} creates nothing, {@code createSchema()} does, twice is harmless. */
    @Test
    void tablesAreCreatedOnlyByCreateSchemaAndTwiceIsHarmless() throws SQLException {
        DataSource ds = TestDatabases.h2("risk");
        DecisionStore store = DecisionStore.jdbc(ds, "risk_");
        assertEquals(List.of(), tables(ds));
        assertThrows(RuntimeException.class, () -> store.open(10));
        store.createSchema();
        assertEquals(List.of("risk_decision", "risk_voided_code"), tables(ds));
        store.createSchema();
        assertEquals(List.of("risk_decision", "risk_voided_code"), tables(ds));
        assertEquals(List.of(), store.open(10));
        DecisionStore.inMemory().createSchema(); // no schema: a no-op
    }

    private static List<String> tables(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
