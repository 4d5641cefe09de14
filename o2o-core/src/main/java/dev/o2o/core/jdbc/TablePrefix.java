package dev.o2o.core.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The prefix of every table a store creates, so that several stores (or several instances of one)
 * share a database schema: a lower-case letter followed by up to 30 lower-case letters, digits or
 * underscores. It is spliced into SQL text, which is why nothing else is accepted. Immutable and
 * thread-safe.
 *
 * @param value for example {@code "points_"}
 */
public record TablePrefix(String value) {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public TablePrefix {
        Objects.requireNonNull(value, "tablePrefix");
        if (!PREFIX.matcher(value).matches()) {
            throw new IllegalArgumentException("tablePrefix must be a lower-case letter followed by up to 30 "
                    + "lower-case letters, digits or underscores: '" + value.substring(0, Math.min(40, value.length()))
                    + (value.length() > 40 ? "...' (" + value.length() + " chars)" : "'"));
        }
    }

    public static TablePrefix of(String value) {
        return new TablePrefix(value);
    }

    /** The prefixed name of table {@code name} (lower-case letters, digits, underscores). */
    public String table(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("table name must be a lower-case letter followed by up to 31 "
                    + "lower-case letters, digits or underscores: '" + name + "'");
        }
        return value + name;
    }

    @Override
    public String toString() {
        return value;
    }
}
