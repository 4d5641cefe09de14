package dev.o2o.core.io;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A streaming RFC 4180 CSV parser: quoted fields with doubled quotes as escapes, delimiters
 * and line breaks inside quotes, CRLF, LF or CR line ends, a leading byte order mark skipped,
 * empty lines skipped.
 *
 * <p>It reads one record at a time and holds only that record (at most
 * {@link CharInput#MAX_RECORD_CHARS} characters) in memory. A malformed record (an unterminated
 * quote, text after a closing quote, a quote inside an unquoted field, a byte order mark at the
 * start of a later line, bytes the charset cannot decode, an over-long record) is returned with
 * its error rather than thrown, with the lines it spans, so that {@link CsvReader} can tell a
 * bad record on one line (which costs that record) from a quote that swallowed line breaks
 * (after which record boundaries are unknown).
 *
 * <p>Internal: {@link CsvReader} is the public way to read CSV. Not thread-safe.
 */
final class CsvParser implements AutoCloseable {

    /**
     * One CSV record.
     *
     * @param line     the 1-based physical line where the record starts
     * @param lastLine the last physical line with text of the record (greater than {@code line}
     *                 when a quoted field holds line breaks, or a quote was never closed)
     * @param quoteLine the line where the last quoted field that held a line break opened, or 0
     * @param fields   the fields as read (quotes removed)
     * @param error    why the record is malformed, if it is
     * @param framing  whether the error is in the quoting or length, so that where the record
     *                 ends is doubtful (not so for undecodable bytes or a byte order mark)
     */
    record Row(long line, long lastLine, long quoteLine, List<String> fields, Optional<String> error,
               boolean framing) {
        Row {
            fields = List.copyOf(fields);
            Objects.requireNonNull(error, "error");
        }
    }

    private final CharInput in;
    private final char delimiter;
    private long line = 1;
    private boolean first = true;

    /** A parser over a reader; the caller closes the reader by closing the parser. */
    CsvParser(Reader in, char delimiter) {
        this.in = new CharInput(in);
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("delimiter must not be a quote, CR or LF: " + (int) delimiter);
        }
        this.delimiter = delimiter;
    }

    /** The next record, or empty at the end of input. */
    Optional<Row> next() {
        int c = in.read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        while (c == '\n' || c == '\r') {
            endLine(c);
            c = in.read();
        }
        if (c < 0) {
            return Optional.empty();
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String error = null;
        boolean bom = c == '\uFEFF';
        if (bom) {
            c = in.read();
        }
        boolean quoted = false;
        boolean afterQuote = false;
        long openedAt = 0;
        long spanningQuote = 0;
        boolean brokeLine = false;
        long lastTextLine = start;
        long size = 0;
        while (true) {
            if (c != '\n' && c != '\r' && c >= 0) {
                lastTextLine = line;
            }
            boolean keep = ++size <= CharInput.MAX_RECORD_CHARS;
            if (!keep && error == null) {
                // the parser keeps going to find where the record ends, but no longer keeps its text
                error = "is longer than " + CharInput.MAX_RECORD_CHARS + " characters";
            }
            if (c < 0) {
                if (quoted && error == null) {
                    error = "unterminated quoted field";
                }
                if (keep) {
                    fields.add(field.toString());
                }
                break;
            }
            if (quoted) {
                if (c == '"') {
                    if (in.peek() == '"') {
                        in.read();
                        append(field, '"', keep);
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && in.peek() != '\n')) {
                        line++;
                        brokeLine = true;
                    } else if (c != '\r' && brokeLine) {
                        spanningQuote = openedAt; // text on a later line: a record may have been swallowed
                    }
                    append(field, (char) c, keep);
                    if (keep && c != '\n' && c != '\r') {
                        size += in.copyPlain(field, '"', CharInput.MAX_RECORD_CHARS - (int) size);
                    }
                }
            } else if (c == delimiter) {
                if (keep) {
                    fields.add(field.toString());
                }
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                endLine(c);
                if (keep) {
                    fields.add(field.toString());
                }
                break;
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
                openedAt = line;
                brokeLine = false;
            } else if (afterQuote || c == '"') {
                if (error == null) {
                    error = afterQuote ? "text after a closing quote" : "quote inside an unquoted field";
                }
                append(field, (char) c, keep);
            } else {
                append(field, (char) c, keep);
                if (keep) {
                    size += in.copyPlain(field, delimiter, CharInput.MAX_RECORD_CHARS - (int) size);
                }
            }
            c = in.read();
        }
        boolean framing = error != null;
        if (bom && error == null) {
            error = "starts with a byte order mark (U+FEFF), which only the first line of an input may have"
                    + " (were two files joined?)";
        }
        Optional<String> badBytes = in.badBytesBefore(in.index());
        if (badBytes.isPresent()) {
            error = badBytes.get(); // reported first: it is the likelier cause of what else is wrong
        }
        return Optional.of(new Row(start, lastTextLine, spanningQuote, fields, Optional.ofNullable(error), framing));
    }

    private void endLine(int c) {
        if (c == '\r' && in.peek() == '\n') {
            in.read();
        }
        line++;
    }

    private static void append(StringBuilder field, char c, boolean keep) {
        if (keep) {
            field.append(c);
        }
    }

    @Override
    public void close() {
        in.close();
    }
}
