package dev.o2o.attribution.journey;

import dev.o2o.core.ChannelRegistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads path-aggregated CSV as used by ChannelAttribution and similar tools: a header
 * {@code path,total_conversions,total_conversion_value,total_null} and one row per path such as
 * {@code "a > b > c",3,41.5,12}. Fields may be double-quoted (with {@code ""} for a quote). Channel ids are
 * trimmed; the path separator is configurable ({@code " > "} by default, compared after trimming around it).
 * Every malformed row raises an {@link IllegalArgumentException} naming the source, line and field.
 *
 * <p>Immutable and thread-safe; each read builds its own {@link JourneySet}.
 */
public final class PathCsvReader {

    /** The expected column names, in order. */
    public static final List<String> HEADER = List.of("path", "total_conversions", "total_conversion_value", "total_null");

    private final String separator;

    private PathCsvReader(String separator) {
        Objects.requireNonNull(separator, "separator");
        if (separator.isBlank()) {
            throw new IllegalArgumentException("separator must not be blank: '" + separator + "'");
        }
        this.separator = separator.strip();
    }

    /** A reader with the {@code " > "} separator. */
    public static PathCsvReader defaults() {
        return new PathCsvReader(">");
    }

    /** A reader splitting paths at {@code separator} (white space around it is ignored). */
    public static PathCsvReader withSeparator(String separator) {
        return new PathCsvReader(separator);
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
        JourneySet.Builder builder = JourneySet.builder(registry);
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        List<String> fields = new ArrayList<>(4);
        Map<String, Integer> local = new HashMap<>();
        int[] buf = new int[64];
        try {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalArgumentException(source + ": empty input, expected header " + String.join(",", HEADER));
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            split(line, fields, source, 1);
            List<String> header = new ArrayList<>();
            for (String f : fields) {
                header.add(f.strip().toLowerCase(java.util.Locale.ROOT));
            }
            if (!header.equals(HEADER)) {
                throw new IllegalArgumentException(source + " line 1: header must be " + String.join(",", HEADER)
                        + " but is " + line);
            }
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                split(line, fields, source, lineNo);
                if (fields.size() != 4) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": expected 4 fields, found "
                            + fields.size());
                }
                double conv = number(fields.get(1), "total_conversions", source, lineNo, true);
                double value = number(fields.get(2), "total_conversion_value", source, lineNo, false);
                double nulls = number(fields.get(3), "total_null", source, lineNo, true);
                String path = fields.get(0);
                int n = 0;
                int start = 0;
                while (true) {
                    int end = path.indexOf(separator, start);
                    String id = (end < 0 ? path.substring(start) : path.substring(start, end)).strip();
                    if (id.isEmpty()) {
                        throw new IllegalArgumentException(source + " line " + lineNo + ": path '" + path
                                + "' has an empty channel at position " + (n + 1));
                    }
                    Integer idx = local.get(id);
                    if (idx == null) {
                        try {
                            idx = builder.intern(id);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(source + " line " + lineNo + ": bad channel '" + id
                                    + "': " + e.getMessage(), e);
                        }
                        local.put(id, idx);
                    }
                    if (n == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, n * 2);
                    }
                    buf[n++] = idx;
                    if (end < 0) {
                        break;
                    }
                    start = end + separator.length();
                }
                builder.add(java.util.Arrays.copyOf(buf, n), conv, value, nulls);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return builder.build();
    }

    private static double number(String text, String field, String source, int line, boolean count) {
        String t = text.strip();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ": " + field + " is not a number: '" + text + "'");
        }
        if (!Double.isFinite(v) || (count && v < 0)) {
            throw new IllegalArgumentException(source + " line " + line + ": " + field + " must be finite"
                    + (count ? " and non-negative" : "") + ": '" + text + "'");
        }
        return v;
    }

    private static void split(String line, List<String> out, String source, int lineNo) {
        out.clear();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException(source + " line " + lineNo + ": unterminated quoted field "
                                + (out.size() + 1));
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                out.add(sb.toString());
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": text after closing quote in field "
                            + out.size());
                }
            } else {
                int end = line.indexOf(',', i);
                out.add(end < 0 ? line.substring(i) : line.substring(i, end));
                i = end < 0 ? n : end;
            }
            if (i >= n) {
                return;
            }
            i++; // skip comma
            if (i == n) {
                out.add("");
                return;
            }
        }
    }
}
