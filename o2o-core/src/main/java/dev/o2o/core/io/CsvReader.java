package dev.o2o.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads any CSV file that starts with a header row, one record at a time, with the line where
 * each record starts: the parser under {@link Ingest}'s CSV readers, for other CSV inputs
 * (conversion paths, reference tables).
 *
 * <h2>Dialect and guarantees</h2>
 * RFC 4180 quoting (doubled quotes inside quoted fields, delimiters and line breaks inside
 * quotes), the delimiter of the {@link CsvFormat}, CRLF, LF or CR line ends. A byte order mark
 * at the start of the input is skipped; empty lines are not records (so a trailing blank line
 * is harmless). Header names are compared after stripping white space; a duplicate or a
 * malformed header throws {@link IngestException}.
 * <ul>
 *   <li>A malformed record on one line (a quote inside an unquoted field, text after a closing
 *       quote, a field count other than the header's, a byte order mark at the start of a line
 *       other than the first, bytes the charset cannot decode) comes back as a {@link Row} with
 *       its {@link Row#error() error}: it costs that record only, reading goes on at the next
 *       line.</li>
 *   <li>A malformed record whose quoted field spans line breaks, typically a stray opening
 *       quote that is never closed or is closed by another stray quote lines later, throws
 *       {@link IngestException} naming the line where the quote opened: the records after it
 *       cannot be told apart, and dropping them silently is what this rule prevents.</li>
 *   <li>A record is at most 1,048,576 characters ({@code 1 << 20}); a longer one is malformed.
 *       Memory is bounded by that size whatever the input.</li>
 *   <li>Files opened with {@link #open(Path, CsvFormat)} are decoded here: a byte sequence the
 *       charset cannot decode rejects only the record it is in, naming the byte offset.</li>
 * </ul>
 *
 * <p>Not thread-safe: one reader, one thread. Closing it closes the input.
 */
public final class CsvReader implements AutoCloseable {

    /**
     * One record.
     *
     * @param line   the 1-based physical line where the record starts
     * @param fields the fields as read, quotes removed; as many as the header has unless the
     *               record is malformed
     * @param error  why the record is malformed, if it is
     */
    public record Row(long line, List<String> fields, Optional<String> error) {
        public Row {
            if (line < 1) {
                throw new IllegalArgumentException("line must be >= 1: " + line);
            }
            fields = List.copyOf(fields);
            Objects.requireNonNull(error, "error");
        }

        /** The field at a column index, as from {@link CsvReader#column(String)}. */
        public String field(int column) {
            return fields.get(column);
        }
    }

    private final CsvParser parser;
    private final String source;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();

    private CsvReader(Reader in, String source, CsvFormat format) {
        this.source = Objects.requireNonNull(source, "source");
        this.parser = new CsvParser(Objects.requireNonNull(in, "in"), Objects.requireNonNull(format, "format").delimiter());
        CsvParser.Row head = parser.next().orElseThrow(() ->
                new IngestException(new RecordError(source, 1, "header", "the input is empty; a header row is required")));
        if (head.error().isPresent()) {
            throw new IngestException(new RecordError(source, head.line(), "header", head.error().get()));
        }
        this.header = head.fields().stream().map(String::strip).toList();
        for (int i = 0; i < header.size(); i++) {
            if (columns.put(header.get(i), i) != null) {
                throw new IngestException(new RecordError(source, head.line(), "header",
                        "duplicate column '" + header.get(i) + "'"));
            }
        }
    }

    /**
     * Reads the header from a character stream named {@code source} in errors.
     *
     * @throws IngestException if the input is empty or its header is malformed or repeats a name
     */
    public static CsvReader open(Reader in, String source, CsvFormat format) {
        return new CsvReader(in, source, format);
    }

    /** Reads the header of a file in the format's charset, decoding as the class comment says. */
    public static CsvReader open(Path file, CsvFormat format) {
        return open(Ingest.decode(file, format.charset()), file.getFileName().toString(), format);
    }

    /** The input's name in errors. */
    public String source() {
        return source;
    }

    /** The header names, stripped of surrounding white space. */
    public List<String> header() {
        return header;
    }

    /** The index of the column named {@code name} in the header (compared stripped), if there is one. */
    public OptionalInt column(String name) {
        Integer i = columns.get(name.strip());
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /**
     * The next record, or empty at the end of input.
     *
     * @throws IngestException when a malformed record spans line breaks (see the class comment)
     * @throws UncheckedIOException when the input cannot be read
     */
    public Optional<Row> next() {
        Optional<CsvParser.Row> next = parser.next();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        CsvParser.Row row = next.get();
        Optional<String> error = row.error();
        if (error.isEmpty() && row.fields().size() != header.size()) {
            error = Optional.of("has " + row.fields().size() + " fields, the header has " + header.size());
        }
        if ((row.framing() || row.fields().size() != header.size()) && row.quoteLine() > 0) {
            throw new IngestException(new RecordError(source, row.quoteLine(), "record", error.get()
                    + "; a quoted field opened on line " + row.quoteLine() + " runs to line " + row.lastLine()
                    + ", so where the records after it start is unknown and the rest of the input is refused"));
        }
        return Optional.of(new Row(row.line(), row.fields(), error));
    }

    @Override
    public void close() {
        parser.close();
    }
}
