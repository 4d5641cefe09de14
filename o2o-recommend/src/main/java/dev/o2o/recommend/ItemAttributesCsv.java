package dev.o2o.recommend;

import dev.o2o.core.io.CsvFormat;
import dev.o2o.core.io.CsvRecords;
import dev.o2o.core.io.IngestException;
import dev.o2o.core.io.RecordError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads item attributes for {@link Recommender#content} from CSV with a header row and the
 * columns {@code item,category,tags,price_band,merchant} (any order, names case-insensitive):
 * {@code tags} separated by {@code |}; an empty cell means the item has no such attribute. Each
 * row becomes the attribute strings {@code category:…}, {@code tag:…}, {@code price:…} and
 * {@code merchant:…}.
 *
 * <p>Strict: an unknown, repeated or missing column, a row with the wrong number of fields, a
 * blank item id, an empty tag ({@code a||b}) or an item listed twice stops the read with an
 * {@link IngestException} naming the source, line and field. Stateless and thread-safe.
 */
public final class ItemAttributesCsv {

    private static final List<String> COLUMNS = List.of("item", "category", "tags", "price_band", "merchant");
    private static final List<String> PREFIXES = List.of("", "category:", "tag:", "price:", "merchant:");

    private ItemAttributesCsv() {
    }

    /** Reads a UTF-8 file; errors name the file. */
    public static Map<String, Set<String>> read(Path file) {
        Objects.requireNonNull(file, "file");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read item attributes " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads from a reader ({@code source} names it in errors): item id → attribute strings, in
     * file order. The caller closes the reader.
     */
    public static Map<String, Set<String>> read(Reader reader, String source) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        CsvRecords parser = CsvRecords.open(reader, source, CsvFormat.defaults());
        CsvRecords.Row header = parser.header();
        List<String> fields = header.fields();
        int[] col = {-1, -1, -1, -1, -1};
        for (int f = 0; f < fields.size(); f++) {
            String name = fields.get(f).strip();
            int slot = COLUMNS.indexOf(name.toLowerCase(Locale.ROOT));
            if (slot < 0) {
                throw error(source, header.line(), "header", "unknown column '" + name
                        + "': expected item, category, tags, price_band, merchant");
            }
            if (col[slot] >= 0) {
                throw error(source, header.line(), "header", "column '" + name + "' appears twice");
            }
            col[slot] = f;
        }
        for (int s = 0; s < COLUMNS.size(); s++) {
            if (col[s] < 0) {
                throw error(source, header.line(), "header", "missing column " + COLUMNS.get(s)
                        + " (header: " + String.join(",", fields) + ")");
            }
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        while (parser.hasNext()) {
            CsvRecords.Row row = parser.next();
            List<String> v = row.fields();
            if (v.size() == 1 && v.get(0).isEmpty()) {
                continue; // a blank line is no record
            }
            if (v.size() != fields.size()) {
                throw error(source, row.line(), "record", "expected " + fields.size() + " fields, found " + v.size());
            }
            String item = v.get(col[0]);
            if (item.isBlank() || !item.strip().equals(item)) {
                throw error(source, row.line(), "item", "must be a non-blank id, was '" + item + "'");
            }
            Long earlier = firstLine.putIfAbsent(item, row.line());
            if (earlier != null) {
                throw error(source, row.line(), "item", "'" + item + "' is listed twice (first on line " + earlier + ")");
            }
            Set<String> attributes = new LinkedHashSet<>();
            for (int s = 1; s < COLUMNS.size(); s++) {
                String cell = v.get(col[s]).strip();
                if (cell.isEmpty()) {
                    continue;
                }
                if (s == 2) {
                    for (String tag : cell.split("\\|", -1)) {
                        if (tag.isBlank()) {
                            throw error(source, row.line(), "tags", "empty tag in '" + cell + "'");
                        }
                        attributes.add(PREFIXES.get(s) + tag.strip());
                    }
                } else {
                    attributes.add(PREFIXES.get(s) + cell);
                }
            }
            out.put(item, Set.copyOf(attributes));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static IngestException error(String source, long line, String field, String reason) {
        return new IngestException(new RecordError(source, line, field, reason));
    }
}
