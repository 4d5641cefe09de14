package dev.o2o.core.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The dialect of a CSV input or output: RFC 4180 quoting with a configurable delimiter and
 * charset, and a mapping from o2o's column names to the names used in the file's header.
 *
 * <p>Immutable and thread-safe.
 *
 * @param delimiter the field separator, not a quote, CR or LF
 * @param charset   the character set of the file (a UTF-8 byte order mark is always skipped)
 * @param columns   o2o column name to the header name in the file, for columns named otherwise
 */
public record CsvFormat(char delimiter, Charset charset, Map<String, String> columns) {

    public CsvFormat {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("delimiter must not be a quote, CR or LF: " + (int) delimiter);
        }
        Objects.requireNonNull(charset, "charset");
        columns = Map.copyOf(Objects.requireNonNull(columns, "columns"));
    }

    /** Comma, UTF-8, o2o's own column names. */
    public static CsvFormat defaults() {
        return new CsvFormat(',', StandardCharsets.UTF_8, Map.of());
    }

    public CsvFormat withDelimiter(char delimiter) {
        return new CsvFormat(delimiter, charset, columns);
    }

    public CsvFormat withCharset(Charset charset) {
        return new CsvFormat(delimiter, charset, columns);
    }

    /** Reads and writes o2o's column {@code column} under the header name {@code headerName}. */
    public CsvFormat withColumn(String column, String headerName) {
        Map<String, String> m = new HashMap<>(columns);
        m.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(headerName, "headerName"));
        return new CsvFormat(delimiter, charset, m);
    }

    /** The header name of an o2o column in this format. */
    public String headerName(String column) {
        return columns.getOrDefault(column, column);
    }
}
