package dev.o2o.core.io;

import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads CSV of any column layout as rows of strings, for formats that are not touchpoints or
 * orders (path-aggregated journeys, customer summaries): the same RFC 4180 parsing as
 * {@link Ingest}'s readers, in the dialect of a {@link CsvFormat} (delimiter; a leading UTF-8
 * byte order mark is skipped). The first row is the header.
 *
 * <p>A malformed row (an unterminated quote, text after a closing quote) throws an
 * {@link IngestException} naming the source and line; the caller maps the fields and reports
 * its own field errors with {@link Row#line()}.
 *
 * <p>Not thread-safe: one reader serves one thread. Close it to close the input.
 */
public final class CsvRecords implements Iterator<CsvRecords.Row>, AutoCloseable {

    /**
     * One row of the file.
     *
     * @param line   the 1-based line where the row starts
     * @param fields the fields as read (quotes removed, not trimmed)
     */
    public record Row(long line, List<String> fields) {
        public Row {
            if (line < 1) {
                throw new IllegalArgumentException("line must be >= 1: " + line);
            }
            fields = List.copyOf(fields);
        }

        /** Whether the row is an empty or white-space-only line. */
        public boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private final CsvParser parser;
    private final String source;
    private final Row header;
    private Row next;

    private CsvRecords(Reader in, String source, CsvFormat format) {
        this.source = Objects.requireNonNull(source, "source");
        this.parser = new CsvParser(Objects.requireNonNull(in, "in"), Objects.requireNonNull(format, "format").delimiter());
        this.header = advance();
        if (header == null) {
            throw new IngestException(new RecordError(source, 1, "header", "the input is empty; a header row is required"));
        }
    }

    /**
     * Opens a reader and reads the header row.
     *
     * @throws IngestException if the input is empty or the header row is malformed
     */
    public static CsvRecords open(Reader in, String source, CsvFormat format) {
        return new CsvRecords(in, source, format);
    }

    /** The header row (line 1 unless the header spans lines). */
    public Row header() {
        return header;
    }

    /** The name of the input in error messages. */
    public String source() {
        return source;
    }

    private Row advance() {
        return parser.next().map(r -> {
            if (r.error().isPresent()) {
                throw new IngestException(new RecordError(source, r.line(), "record", r.error().get()));
            }
            return new Row(r.line(), r.fields());
        }).orElse(null);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    /** The next row after the header; blank lines are rows of one blank field. */
    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + source);
        }
        Row r = next;
        next = null;
        return r;
    }

    @Override
    public void close() {
        parser.close();
    }
}
