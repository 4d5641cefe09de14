package dev.o2o.predict.data;

import dev.o2o.core.internal.Messages;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a comma-separated file with a header row into a {@link Frame} according to a
 * {@link Schema}. Empty cells and the tokens {@code NA} and {@code null} are missing values;
 * a numeric cell that does not parse, or parses to NaN or an infinity, is refused with a
 * {@link DataException} naming the line and column, as is a row of the wrong width. Nothing is
 * skipped or corrected.
 *
 * <p>Stateless and thread-safe.
 */
public final class FrameCsv {
    private FrameCsv() {
    }

    /** Reads a file. */
    public static Frame read(Path file, Schema schema) {
        Objects.requireNonNull(file, "file");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Messages.io(e), e);
        }
    }

    /** The header of a file: its column names in order. */
    public static List<String> header(Path file) {
        try (CsvRecords p = open(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString())) {
            return p.header().fields();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Messages.io(e), e);
        }
    }

    /** Core's CSV reader over {@code reader}, its errors (an empty input, a malformed record) as {@link DataException}s. */
    public static CsvRecords open(Reader reader, String source) {
        try {
            return CsvRecords.open(reader, source, CsvFormat.defaults());
        } catch (IngestException e) {
            throw asDataException(e);
        }
    }

    /** The same error as a {@link DataException}, line and field kept. */
    static DataException asDataException(IngestException e) {
        return new DataException(e.error().source(), e.error().line(), "", e.error().reason());
    }

    /** Reads CSV text from a reader; {@code source} names it in errors. The caller closes the reader. */
    public static Frame read(Reader reader, String source, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        CsvRecords parser = open(reader, source);
        CsvRecords.Row head = parser.header();
        List<String> header = head.fields();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (position.put(header.get(i), i) != null) {
                throw new DataException(source, head.line(), header.get(i), "column named twice in the header");
            }
        }
        List<String> names = new ArrayList<>(schema.columns().keySet());
        int[] at = new int[names.size()];
        for (int c = 0; c < names.size(); c++) {
            Integer p = position.get(names.get(c));
            if (p == null) {
                throw new DataException(source, head.line(), names.get(c), "not in the header " + header);
            }
            at[c] = p;
        }
        ColumnType[] types = schema.columns().values().toArray(new ColumnType[0]);
        double[][] nums = new double[names.size()][];
        String[][] cats = new String[names.size()][];
        int n = 0;
        int capacity = 1024;
        for (int c = 0; c < names.size(); c++) {
            if (types[c] == ColumnType.NUMERIC) {
                nums[c] = new double[capacity];
            } else {
                cats[c] = new String[capacity];
            }
        }
        Map<String, String> interned = new HashMap<>();
        while (hasNext(parser)) {
            CsvRecords.Row row = parser.next();
            List<String> f = row.fields();
            if (f.size() == 1 && f.get(0).isEmpty() && header.size() > 1) {
                continue; // a blank line, e.g. the last one, holds no record
            }
            if (f.size() != header.size()) {
                throw new DataException(source, row.line(), "", "has " + f.size() + " fields, the header has " + header.size());
            }
            if (n == capacity) {
                capacity *= 2;
                for (int c = 0; c < names.size(); c++) {
                    if (nums[c] != null) {
                        nums[c] = Arrays.copyOf(nums[c], capacity);
                    } else {
                        cats[c] = Arrays.copyOf(cats[c], capacity);
                    }
                }
            }
            for (int c = 0; c < names.size(); c++) {
                String cell = f.get(at[c]).trim();
                boolean missing = isMissing(cell);
                if (types[c] == ColumnType.NUMERIC) {
                    nums[c][n] = missing ? Double.NaN : parse(cell, source, row.line(), names.get(c));
                } else {
                    cats[c][n] = missing ? null : interned.computeIfAbsent(cell, k -> k);
                }
            }
            n++;
        }
        Frame.Builder b = Frame.builder();
        for (int c = 0; c < names.size(); c++) {
            if (nums[c] != null) {
                b.numeric(names.get(c), Arrays.copyOf(nums[c], n));
            } else {
                b.categorical(names.get(c), Arrays.copyOf(cats[c], n));
            }
        }
        return b.build();
    }

    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equals("NA") || cell.equals("null");
    }

    private static double parse(String cell, String source, long line, String column) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataException(source, line, column, "not a number: '" + cell + "'");
        }
        if (!Double.isFinite(v)) {
            throw new DataException(source, line, column, "not a finite number: '" + cell + "' (write an empty cell for a missing value)");
        }
        return v;
    }

    /** {@link CsvRecords#hasNext()}, a malformed record as a {@link DataException}. */
    public static boolean hasNext(CsvRecords records) {
        try {
            return records.hasNext();
        } catch (IngestException e) {
            throw asDataException(e);
        }
    }
}
