package dev.o2o.core.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaScriptTest {

    private static final String TEXT = """
            -- header
            CREATE TABLE ${p}a (
                id INT
            );
            -- only: H2
            CREATE INDEX ${p}a_ix ON ${p}a (id);
            -- only: postgresql
            CREATE INDEX ${p}a_ix ON ${p}a USING btree (id);
            CREATE TABLE ${p}b (id INT);
            """;

    @Test
    void statementsArePrefixedAndFilteredByDialect() {
        SchemaScript s = SchemaScript.of("t.sql", TEXT);
        assertEquals(List.of("CREATE TABLE x_a (\n    id INT\n)", "CREATE INDEX x_a_ix ON x_a (id)",
                "CREATE TABLE x_b (id INT)"), s.statements(TablePrefix.of("x_"), Dialect.H2));
        assertEquals(List.of("CREATE TABLE x_a (\n    id INT\n)", "CREATE INDEX x_a_ix ON x_a USING btree (id)",
                "CREATE TABLE x_b (id INT)"), s.statements(TablePrefix.of("x_"), Dialect.POSTGRESQL));
    }

    @Test
    void malformedScriptsAndPrefixesAreRefused() {
        IllegalStateException open = assertThrows(IllegalStateException.class,
                () -> SchemaScript.of("t.sql", "CREATE TABLE a (id INT)").statements(TablePrefix.of("p"), Dialect.H2));
        assertEquals("t.sql: the last statement does not end with ';'", open.getMessage());
        IllegalStateException dialect = assertThrows(IllegalStateException.class,
                () -> SchemaScript.of("t.sql", "-- only: oracle\nSELECT 1;").statements(TablePrefix.of("p"), Dialect.H2));
        assertEquals("t.sql line 1: unknown dialect 'oracle'", dialect.getMessage());
        assertThrows(IllegalStateException.class, () -> SchemaScript.fromResource(SchemaScriptTest.class, "nope.sql"));
        for (String bad : new String[] {"", "P_", "1a", "a-b", "a;drop", "a".repeat(32)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TablePrefix.of(bad));
            assertTrue(e.getMessage().startsWith("tablePrefix must be"), e.getMessage());
        }
        assertEquals("a".repeat(31) + "t", TablePrefix.of("a".repeat(31)).table("t"));
        assertThrows(IllegalArgumentException.class, () -> TablePrefix.of("p_").table("x y"));
        assertThrows(NullPointerException.class, () -> TablePrefix.of(null));
    }
}
