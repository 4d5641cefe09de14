package dev.o2o.attribution.journey;

import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.io.CsvFormat;
import dev.o2o.core.io.CsvRecords;
import dev.o2o.core.io.IngestException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads path-aggregated CSV as used by ChannelAttribution and similar tools: a header
 * {@code path,total_conversions,total_conversion_value,total_null} and one row per path such as
 * {@code "a > b > c",3,41.5,12}. The CSV itself (quotes, {@code ""} escapes, a byte order mark) is parsed by core's
 * {@link CsvRecords}. Channel ids are trimmed; the path separator is configurable ({@code " > "} by default,
 * compared after trimming around it).
 *
 * <p>Numbers are non-negative decimals ({@code 12}, {@code 0.25}, {@code 1.5e-4}) of at most
 * {@value #MAX_NUMBER_LENGTH} characters; signs, type suffixes ({@code 1d}, {@code 2f}), hexadecimal, {@code NaN}
 * and {@code Infinity} are rejected, as is a file whose totals overflow a double. At most
 * {@link #maxChannels()} distinct channels (default {@value #DEFAULT_MAX_CHANNELS}) may appear in one read. Every
 * malformed row raises an {@link IllegalArgumentException} naming the source, line and field.
 *
 * <p>Immutable and thread-safe; each read builds its own {@link JourneySet}.
 */
public final class PathCsvReader {

    /** The expected column names, in order. */
    public static final List<String> HEADER = List.of("path", "total_conversions", "total_conversion_value", "total_null");

    /** Default limit of distinct channels in one read. */
    public static final int DEFAULT_MAX_CHANNELS = 100_000;

    /** Longest accepted number text. */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** Longest excerpt of a bad value quoted in an error message. */
    private static final int QUOTE_LIMIT = 40;

    private final String separator;
    private final int maxChannels;

    private PathCsvReader(String separator, int maxChannels) {
        Objects.requireNonNull(separator, "separator");
        if (separator.isBlank()) {
            throw new IllegalArgumentException("separator must not be blank: '" + separator + "'");
        }
        if (maxChannels < 1) {
            throw new IllegalArgumentException("maxChannels must be positive: " + maxChannels);
        }
        this.separator = separator.strip();
        this.maxChannels = maxChannels;
    }

    /** A reader with the {@code " > "} separator. */
    public static PathCsvReader defaults() {
        return new PathCsvReader(">", DEFAULT_MAX_CHANNELS);
    }

    /** A reader splitting paths at {@code separator} (white space around it is ignored). */
    public static PathCsvReader withSeparator(String separator) {
        return new PathCsvReader(separator, DEFAULT_MAX_CHANNELS);
    }

    /** This reader with another limit of distinct channels per read (at least 1). */
    public PathCsvReader withMaxChannels(int maxChannels) {
        return new PathCsvReader(separator, maxChannels);
    }

    /** The limit of distinct channels per read. */
    public int maxChannels() {
        return maxChannels;
    }

    /** Reads a UTF-8 file, interning channels into {@code registry}. */
    public JourneySet read(Path file, ChannelRegistry registry) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads from {@code reader}; {@code source} names it in error messages. */
    public JourneySet read(Reader reader, String source, ChannelRegistry registry) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(registry, "registry");
        try (CsvRecords rows = CsvRecords.open(reader, source, CsvFormat.defaults())) {
            checkHeader(rows.header(), source);
            Read read = new Read(source, registry);
            while (rows.hasNext()) {
                CsvRecords.Row row = rows.next();
                if (!row.isBlank()) {
                    read.row(row);
                }
            }
            return read.builder.build();
        } catch (IngestException e) {
            // malformed CSV (unterminated quote, text after a closing quote): same exception type as field errors
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void checkHeader(CsvRecords.Row header, String source) {
        List<String> names = new ArrayList<>(header.fields().size());
        for (String f : header.fields()) {
            names.add(f.strip().toLowerCase(Locale.ROOT));
        }
        if (!names.equals(HEADER)) {
            throw new IllegalArgumentException(source + " line " + header.line() + ": header must be "
                    + String.join(",", HEADER) + " but is " + quote(String.join(",", header.fields())));
        }
    }

    /** The state of one read. Not thread-safe. */
    private final class Read {
        final String source;
        final ChannelRegistry registry;
        final JourneySet.Builder builder;
        /** Registry indexes met in this read, to count distinct channels against the limit. */
        final BitSet seen = new BitSet();
        int distinct;
        final double[] totals = new double[3];
        int[] path = new int[16];
        final double[] numbers = new double[3];
        /*
         * Channel ids met in this read with their registry indexes, found by the characters of the path field:
         * a channel seen before costs no substring and no registry look-up. Without it a 1e6-journey file made
         * about 110 MB more garbage and ran 0.16 s slower whole process (issue 19, RESULTS "cli markov re-check").
         * Open addressing, at most half full.
         */
        String[] seenIds = new String[64];
        int[] seenIndexes = new int[64];
        int seenCount;

        Read(String source, ChannelRegistry registry) {
            this.source = source;
            this.registry = registry;
            this.builder = JourneySet.builder(registry);
        }

        void row(CsvRecords.Row row) {
            long line = row.line();
            List<String> fields = row.fields();
            if (fields.size() != HEADER.size()) {
                throw error(line, "record", "expected " + HEADER.size() + " fields, found " + fields.size());
            }
            for (int f = 0; f < 3; f++) {
                String field = HEADER.get(f + 1);
                numbers[f] = number(fields.get(f + 1), field, line);
                totals[f] += numbers[f];
                if (Double.isInfinite(totals[f])) {
                    throw error(line, field, "the sum over the file overflows a double");
                }
            }
            int n = channels(fields.get(0), line);
            builder.addOwned(Arrays.copyOf(path, n), numbers[0], numbers[1], numbers[2]);
        }

        /** Splits and interns the path into {@link #path}; returns its length. */
        private int channels(String text, long line) {
            int n = 0;
            int start = 0;
            while (true) {
                int end = text.indexOf(separator, start);
                int to = end < 0 ? text.length() : end;
                // trim before cutting, so that each channel id costs one substring
                int from = start;
                while (from < to && Character.isWhitespace(text.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                    to--;
                }
                if (from == to) {
                    throw error(line, "path", "path " + quote(text) + " has an empty channel at position " + (n + 1));
                }
                if (n == path.length) {
                    path = Arrays.copyOf(path, n * 2);
                }
                path[n++] = channel(text, from, to, line);
                if (end < 0) {
                    return n;
                }
                start = end + separator.length();
            }
        }

        /** The index of the channel {@code text[from, to)}, interned on its first appearance in this read. */
        private int channel(String text, int from, int to, long line) {
            int hash = 0;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + text.charAt(i);
            }
            int mask = seenIds.length - 1;
            int slot = (hash ^ (hash >>> 16)) & mask;
            for (String id = seenIds[slot]; id != null; id = seenIds[slot]) {
                if (id.length() == to - from && text.regionMatches(from, id, 0, to - from)) {
                    return seenIndexes[slot];
                }
                slot = (slot + 1) & mask;
            }
            String id = text.substring(from, to);
            int index = intern(id, line);
            seenIds[slot] = id;
            seenIndexes[slot] = index;
            if (++seenCount * 2 > seenIds.length) {
                growSeen();
            }
            return index;
        }

        private void growSeen() {
            String[] ids = seenIds;
            int[] indexes = seenIndexes;
            seenIds = new String[ids.length * 2];
            seenIndexes = new int[ids.length * 2];
            int mask = seenIds.length - 1;
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != null) {
                    int hash = ids[i].hashCode();
                    int slot = (hash ^ (hash >>> 16)) & mask;
                    while (seenIds[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    seenIds[slot] = ids[i];
                    seenIndexes[slot] = indexes[i];
                }
            }
        }

        private int intern(String id, long line) {
            int known = registry.indexOf(id).orElse(-1);
            if (known < 0 || !seen.get(known)) {
                if (distinct == maxChannels) {
                    throw error(line, "path", "more than " + maxChannels + " distinct channels in one read (the"
                            + " reader's limit; raise it with withMaxChannels)");
                }
                try {
                    known = builder.intern(id);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + " line " + line + ": path: bad channel " + quote(id)
                            + ": " + e.getMessage(), e);
                }
                seen.set(known);
                distinct++;
            }
            return known;
        }

        private double number(String text, String field, long line) {
            double v = parseNumber(text.strip());
            if (Double.isNaN(v)) {
                throw error(line, field, "must be a non-negative decimal number (digits, optional fraction and"
                        + " exponent, at most " + MAX_NUMBER_LENGTH + " characters), not " + quote(text));
            }
            if (Double.isInfinite(v)) {
                throw error(line, field, "is too large for a double: " + quote(text));
            }
            return v;
        }

        private IllegalArgumentException error(long line, String field, String reason) {
            return new IllegalArgumentException(source + " line " + line + ": " + field + ": " + reason);
        }
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    /**
     * The value of {@code digits [. digits] [(e|E) [+|-] digits]} of at most {@value #MAX_NUMBER_LENGTH} characters
     * (infinite when too large for a double), or NaN for any other text. Numbers of at most 15 digits without an
     * exponent, the usual case, are computed as mantissa / 10^fraction: both are exact doubles, so the one division
     * rounds correctly, as {@link Double#parseDouble} would, at a fraction of its cost.
     */
    static double parseNumber(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_NUMBER_LENGTH) {
            return Double.NaN;
        }
        int i = digits(s, 0);
        if (i == 0) {
            return Double.NaN;
        }
        int point = -1;
        if (i < n && s.charAt(i) == '.') {
            point = i;
            int j = digits(s, i + 1);
            if (j == i + 1) {
                return Double.NaN;
            }
            i = j;
        }
        if (i == n) {
            int fraction = point < 0 ? 0 : n - point - 1;
            if (n - (point < 0 ? 0 : 1) <= 15) {
                long mantissa = 0;
                for (int k = 0; k < n; k++) {
                    if (k != point) {
                        mantissa = mantissa * 10 + (s.charAt(k) - '0');
                    }
                }
                return mantissa / POW10[fraction];
            }
            return Double.parseDouble(s);
        }
        if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
            return Double.NaN;
        }
        i++;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int j = digits(s, i);
        return j == i || j != n ? Double.NaN : Double.parseDouble(s);
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static String quote(String value) {
        return value.length() <= QUOTE_LIMIT ? "'" + value + "'"
                : "'" + value.substring(0, QUOTE_LIMIT) + "...' (" + value.length() + " characters)";
    }
}
