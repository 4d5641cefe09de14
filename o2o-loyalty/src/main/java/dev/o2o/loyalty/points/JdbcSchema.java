package dev.o2o.loyalty.points;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The DDL of the JDBC ledger store, shipped as the resource
 * {@code dev/o2o/loyalty/points/points-schema.sql} (H2 and PostgreSQL dialect). Stateless and
 * thread-safe.
 */
public final class JdbcSchema {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final String RESOURCE = "points-schema.sql";

    private JdbcSchema() {
    }

    static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "tablePrefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be a lower-case letter followed by up to 30 "
                    + "lower-case letters, digits or underscores: '" + prefix + "'");
        }
        return prefix;
    }

    /** The DDL statements with every table name prefixed by {@code tablePrefix}. */
    public static List<String> statements(String tablePrefix) {
        checkPrefix(tablePrefix);
        String text;
        try (InputStream in = JdbcSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + RESOURCE + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            sql.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = sql.toString().strip();
                out.add(s.substring(0, s.length() - 1).replace("${p}", tablePrefix));
                sql.setLength(0);
            }
        }
        return List.copyOf(out);
    }

    /** Creates the tables and indexes if they do not exist. */
    public static void create(DataSource dataSource, String tablePrefix) {
        List<String> ddl = statements(tablePrefix);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String s : ddl) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the points schema with prefix '" + tablePrefix + "': "
                    + e.getMessage(), e);
        }
    }
}
