package dev.o2o.core.io;

import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Touchpoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Streaming readers and writers of touchpoints and orders in NDJSON and CSV.
 *
 * <p>Readers hold one record at a time, so files of any size are read in bounded memory. Every
 * record is either accepted or rejected with a {@link RecordError} (source, line, field,
 * reason); the {@link IngestOptions#policy() policy} decides whether the first rejection
 * throws or all are collected in the {@link IngestReport}.
 *
 * <h2>Fields</h2>
 * Touchpoints: {@code customer, channel, instant, type, campaign, store} and, in NDJSON, an
 * {@code attributes} object of strings; in CSV every other column is an attribute.
 * Orders: {@code id, customer, channel, store, instant, status, refunded, currency} and the
 * optional {@code order_discount} (a discount on the whole order, {@link Order#orderDiscount()})
 * and {@code paid} ({@link Order#paid()}), and lines of {@code sku, category, quantity,
 * unit_price} and the optional {@code discount} (on the whole line, {@link OrderLine#discount()}):
 * in NDJSON a {@code lines} array, in CSV one row per line with the order's rows consecutive
 * (their order columns must agree; an order id that comes back after other orders is a
 * duplicate: the later record is rejected naming the line of the first). Absent discounts are
 * zero and an absent {@code paid} is what the amounts come to; a discount that is negative or
 * above what it discounts (the line's {@code quantity × unit_price}; the lines after their
 * discounts), or a {@code paid} other than the total less line discounts less the order
 * discount, rejects the record naming the field: nothing is corrected. The writers write the
 * three (NDJSON: only where an order has discounts, so files without any stay as they were).
 * Instants are read strictly (no impossible date or hour is moved to another day: {@code
 * 2026-02-30 12:20:00} and {@code 24:00:00} are rejected) in exactly these forms: ISO-8601 with
 * an offset ({@code 2024-05-01T10:00:00Z}, {@code 2024-05-01T10:00:00.123+08:00}, seconds and
 * fraction optional); ISO-8601 local ({@code 2024-05-01T10:00}, {@code 2024-05-01T10:00:00.5}); or
 * {@code 2024-05-01 10:00} and {@code 2024-05-01 10:00:00} (local, no fraction). Local
 * date-times are read in {@link IngestOptions#zone()} and rejected without one. Amounts are decimal strings (or JSON
 * numbers), read exactly as {@link Money#parse(String, java.util.Currency)} says.
 * NDJSON fields other than these are rejected. CSV order columns other than these are ignored
 * with one warning in the log, or refuse the file with
 * {@link IngestOptions#withRefuseUnknownColumns(boolean)}.
 *
 * <h2>Limits and hostile input</h2>
 * Every limit below rejects the one record, names its field and quotes at most 40 characters of
 * the value; none of them makes memory or time grow with a value's size beyond its text.
 * <ul>
 *   <li>Amounts ({@code unit_price}, {@code refunded}, {@code discount}, {@code order_discount},
 *       {@code paid}): at most {@value Money#MAX_TEXT_LENGTH}
 *       characters, plain or with an exponent of at most three digits ({@code 1e999999999} is
 *       refused before any {@code BigDecimal} is built), below 10<sup>12</sup> in absolute value,
 *       at most the currency's fraction digits (nothing is rounded).</li>
 *   <li>Quantity: a whole number from 1 to {@value OrderLine#MAX_QUANTITY}; an order has at most
 *       {@value Order#MAX_LINES} lines and its total is below 10<sup>12</sup>, so
 *       {@link Order#units()} and totals in minor units cannot overflow.</li>
 *   <li>A record (CSV) or line (NDJSON) is at most 1,048,576 characters.</li>
 *   <li>NDJSON: a key repeated in one object rejects the record (no value is silently kept).</li>
 *   <li>Empty lines are not records, in either format: a trailing blank line does not make a
 *       valid file fail under {@link ErrorPolicy#FAIL_FAST}.</li>
 *   <li>A byte order mark (U+FEFF) is skipped at the start of the input only; one at the start of
 *       a later line (two files joined) rejects that record, so it never becomes part of an id.</li>
 *   <li>Files read from a {@link Path}: a byte sequence that the charset cannot decode rejects the
 *       record it is in, naming its line and byte offset; the records before and after it are
 *       read as usual. (From a {@link Reader}, decoding is the caller's: a read error ends the
 *       read with an {@link IngestException}.)</li>
 *   <li>CSV quoting: a malformed record on one line costs that record; a malformed record that a
 *       quoted field stretched over line breaks (a stray opening quote) makes the reader throw
 *       {@link IngestException} naming the line where the quote opened, under either policy,
 *       since the records after it can no longer be told apart. See {@link CsvReader}.</li>
 * </ul>
 *
 * <p>This class is stateless and thread-safe; each reader or writer it returns is not.
 */
public final class Ingest {

    private Ingest() {
    }

    /** Reads touchpoints from a character stream named {@code source} in error messages. */
    public static RecordReader<Touchpoint> touchpoints(DataFormat format, Reader in, String source,
                                                       IngestOptions options) {
        check(format, in, source, options);
        return switch (format) {
            case NDJSON -> NdjsonReader.touchpoints(in, source, options);
            case CSV -> CsvRecordReader.touchpoints(in, source, options);
        };
    }

    /** Reads orders from a character stream named {@code source} in error messages. */
    public static RecordReader<Order> orders(DataFormat format, Reader in, String source, IngestOptions options) {
        check(format, in, source, options);
        return switch (format) {
            case NDJSON -> NdjsonReader.orders(in, source, options);
            case CSV -> CsvRecordReader.orders(in, source, options);
        };
    }

    /** Reads touchpoints from a file (NDJSON in UTF-8, CSV in the charset of the options' CSV format). */
    public static RecordReader<Touchpoint> touchpoints(DataFormat format, Path file, IngestOptions options) {
        return touchpoints(format, open(file, charset(format, options)), file.getFileName().toString(), options);
    }

    /** Reads orders from a file (NDJSON in UTF-8, CSV in the charset of the options' CSV format). */
    public static RecordReader<Order> orders(DataFormat format, Path file, IngestOptions options) {
        return orders(format, open(file, charset(format, options)), file.getFileName().toString(), options);
    }

    /**
     * Reads orders from a file as {@link #orders(DataFormat, Path, IngestOptions)} does, an NDJSON
     * file parsed on up to {@code threads} threads (CSV is read on the caller's thread). The
     * records, their order, lines, errors, messages and report are the same as the single-threaded
     * reader's: only the parsing runs ahead, in blocks of a few megabytes, on worker threads that
     * {@link RecordReader#close()} stops (they never keep the JVM alive). For large files: below a
     * block, one thread reads it.
     *
     * @param threads how many threads parse, at least 1 (1 is the single-threaded reader)
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static RecordReader<Order> orders(DataFormat format, Path file, IngestOptions options, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (threads == 1 || format != DataFormat.NDJSON) {
            return orders(format, file, options);
        }
        return ParallelNdjsonReader.orders(file, options, threads);
    }

    /**
     * The {@link OrderFact facts} of a file's orders: the same records, lines, errors, messages and
     * report as {@link #orders(DataFormat, Path, IngestOptions)}, each accepted order as its customer's
     * number, instant, status and net total in minor units instead of an {@link Order}. For
     * per-customer aggregates over large files ({@code o2o rfm}): an NDJSON file is parsed on up to
     * {@code threads} threads, and a line in the plain form that o2o writes is read straight from
     * its bytes; CSV is read as {@link #orders(DataFormat, Path, IngestOptions)} reads it.
     *
     * @param threads how many threads parse NDJSON, at least 1
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static OrderFactsReader orderFacts(DataFormat format, Path file, IngestOptions options, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (format == DataFormat.NDJSON) {
            return new ParallelOrderFacts(file, options, threads, ParallelNdjsonReader.BLOCK_BYTES);
        }
        return new OrderFactsOfOrders(orders(format, file, options));
    }

    /**
     * A writer of touchpoints. For CSV, {@code attributeColumns} names the attribute keys that get
     * a column; writing a touchpoint with another attribute throws rather than drop it.
     */
    public static RecordWriter<Touchpoint> touchpointWriter(DataFormat format, Writer out, CsvFormat csv,
                                                            List<String> attributeColumns) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(attributeColumns, "attributeColumns");
        Writer w = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
        return switch (format) {
            case NDJSON -> NdjsonWriter.touchpoints(w);
            case CSV -> CsvWriter.touchpoints(w, csv, List.copyOf(attributeColumns));
        };
    }

    /** A writer of orders; CSV gets one row per order line. */
    public static RecordWriter<Order> orderWriter(DataFormat format, Writer out, CsvFormat csv) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(csv, "csv");
        Writer w = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
        return switch (format) {
            case NDJSON -> NdjsonWriter.orders(w);
            case CSV -> CsvWriter.orders(w, csv);
        };
    }

    private static Charset charset(DataFormat format, IngestOptions options) {
        return format == DataFormat.NDJSON ? StandardCharsets.UTF_8 : options.csv().charset();
    }

    private static Reader open(Path file, Charset charset) {
        return decode(file, charset);
    }

    /** A file's characters; bytes that do not decode are handled as {@link DecodingReader} says. */
    static Reader decode(Path file, Charset charset) {
        Objects.requireNonNull(file, "file");
        try {
            return new DecodingReader(Files.newInputStream(file), charset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    private static void check(DataFormat format, Reader in, String source, IngestOptions options) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
    }
}
