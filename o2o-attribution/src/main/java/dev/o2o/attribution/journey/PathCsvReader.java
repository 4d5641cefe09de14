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
            ChannelTable channelTable = new ChannelTable();
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int n = fastRow(line, channelTable, builder, buf, source, lineNo);
                if (n < 0) {
                    slowRow(line, fields, local, builder, source, lineNo);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return builder.build();
    }

    /**
     * Parses a row made of a (possibly quoted, without escaped quotes) path and three plain decimal numbers without
     * allocating per channel. Returns -1 when the row needs the general parser (which also reports errors).
     */
    private int fastRow(String line, ChannelTable channels, JourneySet.Builder builder, int[] buf, String source,
                        int lineNo) {
        int len = line.length();
        int ps;
        int pe;
        int i;
        if (line.charAt(0) == '"') {
            ps = 1;
            pe = line.indexOf('"', 1);
            if (pe < 0 || pe + 1 >= len || line.charAt(pe + 1) != ',') {
                return -1;
            }
            i = pe + 2;
        } else {
            ps = 0;
            pe = line.indexOf(',');
            if (pe < 0) {
                return -1;
            }
            i = pe + 1;
        }
        double[] nums = new double[3];
        for (int f = 0; f < 3; f++) {
            int end = f < 2 ? line.indexOf(',', i) : len;
            if (end < 0 || (f == 2 && line.indexOf(',', i) >= 0)) {
                return -1;
            }
            double v = plainDecimal(line, i, end);
            if (Double.isNaN(v)) {
                return -1;
            }
            nums[f] = v;
            i = end + 1;
        }
        int n = 0;
        int sepLen = separator.length();
        int seg = ps;
        int[] path = buf;
        while (true) {
            int end = line.indexOf(separator, seg);
            if (end < 0 || end > pe) {
                end = pe;
            }
            int a = seg;
            int b = end;
            while (a < b && Character.isWhitespace(line.charAt(a))) {
                a++;
            }
            while (b > a && Character.isWhitespace(line.charAt(b - 1))) {
                b--;
            }
            if (a == b) {
                return -1;
            }
            int idx = channels.find(line, a, b);
            if (idx < 0) {
                String id = line.substring(a, b);
                try {
                    idx = builder.intern(id);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": bad channel '" + id + "': "
                            + e.getMessage(), e);
                }
                channels.put(id, idx);
            }
            if (n == path.length) {
                return -1;
            }
            path[n++] = idx;
            if (end == pe) {
                break;
            }
            seg = end + sepLen;
        }
        builder.addOwned(java.util.Arrays.copyOf(path, n), nums[0], nums[1], nums[2]);
        return n;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    /**
     * A non-negative plain decimal ({@code 12}, {@code 0.244}) with at most 15 digits, parsed exactly (mantissa and
     * power of ten are exact doubles, so one division rounds correctly); NaN for anything else.
     */
    private static double plainDecimal(String s, int from, int to) {
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (++digits > 15) {
                    return Double.NaN;
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        return fraction > 0 ? mantissa / POW10[fraction] : mantissa;
    }

    private void slowRow(String line, List<String> fields, Map<String, Integer> local, JourneySet.Builder builder,
                         String source, int lineNo) {
        split(line, fields, source, lineNo);
        if (fields.size() != 4) {
            throw new IllegalArgumentException(source + " line " + lineNo + ": expected 4 fields, found "
                    + fields.size());
        }
        double conv = number(fields.get(1), "total_conversions", source, lineNo, true);
        double value = number(fields.get(2), "total_conversion_value", source, lineNo, false);
        double nulls = number(fields.get(3), "total_null", source, lineNo, true);
        String path = fields.get(0);
        List<String> ids = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = path.indexOf(separator, start);
            String id = (end < 0 ? path.substring(start) : path.substring(start, end)).strip();
            if (id.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": path '" + path
                        + "' has an empty channel at position " + (ids.size() + 1));
            }
            ids.add(id);
            if (end < 0) {
                break;
            }
            start = end + separator.length();
        }
        int[] p = new int[ids.size()];
        for (int k = 0; k < p.length; k++) {
            String id = ids.get(k);
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
            p[k] = idx;
        }
        builder.addOwned(p, conv, value, nulls);
    }

    /** Channel ids looked up by a character range of a line, without allocating. Not thread-safe. */
    private static final class ChannelTable {
        private String[] keys = new String[64];
        private int[] values = new int[64];
        private int size;

        private static int hash(CharSequence s, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + s.charAt(i);
            }
            return h ^ (h >>> 16);
        }

        int find(String line, int from, int to) {
            int mask = keys.length - 1;
            int slot = hash(line, from, to) & mask;
            int len = to - from;
            while (keys[slot] != null) {
                String k = keys[slot];
                if (k.length() == len && line.regionMatches(from, k, 0, len)) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        void put(String key, int value) {
            if ((size + 1) * 2 > keys.length) {
                String[] oldK = keys;
                int[] oldV = values;
                keys = new String[oldK.length * 2];
                values = new int[oldV.length * 2];
                size = 0;
                for (int i = 0; i < oldK.length; i++) {
                    if (oldK[i] != null) {
                        put(oldK[i], oldV[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int slot = hash(key, 0, key.length()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
            size++;
        }
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
