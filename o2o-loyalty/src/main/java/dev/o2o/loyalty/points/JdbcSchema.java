package dev.o2o.loyalty.points;

import dev.o2o.core.jdbc.Dialect;
import dev.o2o.core.jdbc.SchemaScript;
import dev.o2o.core.jdbc.TablePrefix;
import java.util.List;
import javax.sql.DataSource;

/**
 * The DDL of the JDBC ledger store, shipped as the resource
 * {@code dev/o2o/loyalty/points/points-schema.sql} (H2 and PostgreSQL), run through core's
 * {@link SchemaScript}; run by {@link LedgerStore#createSchema()}. Stateless and thread-safe.
 */
final class JdbcSchema {

    private static final SchemaScript SCRIPT = SchemaScript.fromResource(JdbcSchema.class, "points-schema.sql");

    private JdbcSchema() {
    }

    /** The DDL statements for {@code dialect} with every table name prefixed by {@code tablePrefix}. */
    static List<String> statements(String tablePrefix, Dialect dialect) {
        return SCRIPT.statements(TablePrefix.of(tablePrefix), dialect);
    }

    /**
     * Creates the tables, sequence and indexes if they do not exist.
     *
     * @throws dev.o2o.core.jdbc.TransactionException if a statement fails
     */
    static void create(DataSource dataSource, String tablePrefix) {
        SCRIPT.create(dataSource, TablePrefix.of(tablePrefix));
    }
}
