package dev.o2o.core.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A store's DDL script, with {@code ${p}} wherever the {@link TablePrefix} goes. Statements end
 * with {@code ;} at the end of a line; lines starting with {@code --} are comments, except
 * {@code -- only: h2} or {@code -- only: postgresql}, which limit the next statement to that
 * {@link Dialect}. Statements should be idempotent ({@code CREATE ... IF NOT EXISTS}) so that
 * {@link #create} can run at every start. Immutable and thread-safe.
 */
public final class SchemaScript {

    private static final String ONLY = "-- only:";

    private final String name;
    private final String text;

    private SchemaScript(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** A script from its text; {@code name} is used in messages. */
    public static SchemaScript of(String name, String text) {
        return new SchemaScript(Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text"));
    }

    /**
     * The UTF-8 resource {@code resource} next to {@code anchor} (as
     * {@link Class#getResourceAsStream}).
     *
     * @throws IllegalStateException if the resource is missing
     */
    public static SchemaScript fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " is missing beside " + anchor.getName());
            }
            return of(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }

    /** The statements for {@code dialect}, without their semicolons, prefix substituted. */
    public List<String> statements(TablePrefix prefix, Dialect dialect) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(dialect, "dialect");
        List<String> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        Dialect only = null;
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith(ONLY)) {
                only = dialectNamed(trimmed.substring(ONLY.length()).strip(), lineNo);
                continue;
            }
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            sql.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = sql.toString().strip();
                if (only == null || only == dialect) {
                    out.add(s.substring(0, s.length() - 1).replace("${p}", prefix.value()));
                }
                sql.setLength(0);
                only = null;
            }
        }
        if (!sql.isEmpty()) {
            throw new IllegalStateException(name + ": the last statement does not end with ';'");
        }
        return List.copyOf(out);
    }

    private Dialect dialectNamed(String s, int lineNo) {
        for (Dialect d : Dialect.values()) {
            if (d.name().equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new IllegalStateException(name + " line " + lineNo + ": unknown dialect '" + s + "'");
    }

    /**
     * Creates the tables and indexes (as the script says: if they do not exist yet) in the
     * dialect of {@code dataSource}'s database, statement by statement in auto-commit mode.
     *
     * @throws TransactionException if a statement fails
     */
    public void create(DataSource dataSource, TablePrefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String> ddl = statements(prefix, Dialect.of(c));
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                for (String s : ddl) {
                    st.execute(s);
                }
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new TransactionException("creating schema " + name + " with prefix '" + prefix.value()
                    + "' failed (SQLState " + SqlErrors.state(e) + "): " + e.getMessage(), e);
        }
    }
}
