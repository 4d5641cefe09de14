package dev.o2o.core.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A streaming RFC 4180 CSV parser: quoted fields with doubled quotes as escapes, delimiters
 * and line breaks inside quotes, CRLF or LF line ends, a leading UTF-8 byte order mark skipped.
 *
 * <p>It reads one record at a time and holds only that record in memory. A malformed record
 * (an unterminated quote, text after a closing quote) is returned with its error rather than
 * thrown, and parsing resumes at the next line, so one bad record costs one record.
 *
 * <p>Not thread-safe: one parser serves one reader on one thread.
 */
public final class CsvParser implements AutoCloseable {

    /**
     * One CSV record.
     *
     * @param line   the 1-based physical line where the record starts
     * @param fields the fields as read (quotes removed)
     * @param error  why the record is malformed, if it is
     */
    public record Row(long line, List<String> fields, Optional<String> error) {
        public Row {
            fields = List.copyOf(fields);
            Objects.requireNonNull(error, "error");
        }
    }

    private final Reader in;
    private final char delimiter;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private boolean first = true;

    /** A parser over a reader; the caller closes the reader by closing the parser. */
    public CsvParser(Reader in, char delimiter) {
        this.in = Objects.requireNonNull(in, "in");
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("delimiter must not be a quote, CR or LF: " + (int) delimiter);
        }
        this.delimiter = delimiter;
    }

    private int read() {
        if (pos == len) {
            try {
                len = in.read(buf, 0, buf.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private int peek() {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /** The next record, or empty at the end of input. Blank lines are records of one empty field. */
    public Optional<Row> next() {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c < 0) {
            return Optional.empty();
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String error = null;
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    error = "unterminated quoted field";
                }
                fields.add(field.toString());
                break;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(field.toString());
                break;
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
            } else if (afterQuote || c == '"') {
                if (error == null) {
                    error = afterQuote ? "text after a closing quote" : "quote inside an unquoted field";
                }
                field.append((char) c);
            } else {
                field.append((char) c);
            }
            c = read();
        }
        return Optional.of(new Row(start, fields, Optional.ofNullable(error)));
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
