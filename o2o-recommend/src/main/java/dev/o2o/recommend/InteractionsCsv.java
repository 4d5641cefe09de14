package dev.o2o.recommend;

import dev.o2o.core.internal.Messages;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Reads interaction events from CSV with a header row naming the columns {@code customer},
 * {@code item}, {@code timestamp} and optionally {@code weight}, in any order. Rating files are
 * read as they are: {@code userId}/{@code user}/{@code customerId} name the customer,
 * {@code movieId}/{@code itemId}/{@code product} the item, {@code rating} the weight and
 * {@code instant}/{@code time} the timestamp. A timestamp is epoch seconds or ISO-8601 with an
 * offset; a missing weight column means weight 1.
 *
 * <p>With a minimum weight, rows weighing less are skipped (and counted) and kept rows weigh 1
 * ({@code --min-weight 4} on a rating file makes ratings ≥ 4 the positives). Bad rows (wrong
 * field count, blank ids, unreadable or missing timestamps, non-numeric, negative or infinite
 * weights) are returned with line and field, never dropped silently. An empty file, a missing
 * or unknown column is an {@link IngestException}.
 *
 * <p>Stateless and thread-safe.
 */
public final class InteractionsCsv {

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("customer", "customer"), Map.entry("customerid", "customer"), Map.entry("user", "customer"),
            Map.entry("userid", "customer"),
            Map.entry("item", "item"), Map.entry("itemid", "item"), Map.entry("movieid", "item"),
            Map.entry("product", "item"),
            Map.entry("timestamp", "timestamp"), Map.entry("instant", "timestamp"), Map.entry("time", "timestamp"),
            Map.entry("weight", "weight"), Map.entry("rating", "weight"));

    /**
     * What was read.
     *
     * @param events          the kept events, in file order
     * @param errors          the bad rows, in file order
     * @param belowMinWeight  rows skipped because their weight was below the minimum
     */
    public record Result(List<Interaction> events, List<RecordError> errors, long belowMinWeight) {
        public Result {
            events = List.copyOf(events);
            errors = List.copyOf(errors);
        }
    }

    private InteractionsCsv() {
    }

    /** Reads a UTF-8 file. */
    public static Result read(Path file, OptionalDouble minWeight) {
        Objects.requireNonNull(file, "file");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.getFileName().toString(), minWeight);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + Messages.io(e), e);
        }
    }

    /** Reads from a reader; {@code source} names it in errors. The caller closes the reader. */
    public static Result read(Reader reader, String source, OptionalDouble minWeight) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(minWeight, "minWeight");
        if (minWeight.isPresent() && !Double.isFinite(minWeight.getAsDouble())) {
            throw new IllegalArgumentException("minWeight must be finite: " + minWeight.getAsDouble());
        }
        // core's reader refuses an empty input and stops at a malformed record (a stray quote), naming its line
        CsvRecords parser = CsvRecords.open(reader, source, CsvFormat.defaults());
        CsvRecords.Row header = parser.header();
        int[] col = {-1, -1, -1, -1};
        String[] names = {"customer", "item", "timestamp", "weight"};
        List<String> fields = header.fields();
        for (int f = 0; f < fields.size(); f++) {
            String name = fields.get(f).strip();
            String role = COLUMNS.get(name.toLowerCase(Locale.ROOT));
            if (role == null) {
                throw new IngestException(new RecordError(source, header.line(), "header",
                        "unknown column '" + name + "': expected customer, item, timestamp and optionally weight"));
            }
            int slot = List.of(names).indexOf(role);
            if (col[slot] >= 0) {
                throw new IngestException(new RecordError(source, header.line(), "header",
                        "columns '" + fields.get(col[slot]) + "' and '" + name + "' both name the " + role));
            }
            col[slot] = f;
        }
        for (int s = 0; s < 3; s++) {
            if (col[s] < 0) {
                throw new IngestException(new RecordError(source, header.line(), "header",
                        "missing column " + names[s] + " (header: " + String.join(",", fields) + ")"));
            }
        }
        List<Interaction> events = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        long below = 0;
        while (parser.hasNext()) {
            CsvRecords.Row row = parser.next();
            long line = row.line();
            List<String> v = row.fields();
            if (v.size() == 1 && v.get(0).isEmpty()) {
                continue; // a blank line is no record
            }
            if (v.size() != fields.size()) {
                errors.add(new RecordError(source, line, "record",
                        "expected " + fields.size() + " fields, found " + v.size()));
                continue;
            }
            String customer = v.get(col[0]);
            String item = v.get(col[1]);
            if (customer.isBlank() || !customer.strip().equals(customer)) {
                errors.add(new RecordError(source, line, "customer", "must be a non-blank id, was '" + customer + "'"));
                continue;
            }
            if (item.isBlank() || !item.strip().equals(item)) {
                errors.add(new RecordError(source, line, "item", "must be a non-blank id, was '" + item + "'"));
                continue;
            }
            Instant instant;
            try {
                instant = parseInstant(v.get(col[2]));
            } catch (IllegalArgumentException e) {
                errors.add(new RecordError(source, line, "timestamp", e.getMessage()));
                continue;
            }
            double weight = 1.0;
            if (col[3] >= 0) {
                String w = v.get(col[3]).strip();
                try {
                    weight = Double.parseDouble(w);
                } catch (NumberFormatException e) {
                    errors.add(new RecordError(source, line, "weight", "not a number: '" + w + "'"));
                    continue;
                }
                if (!Double.isFinite(weight) || weight < 0) {
                    errors.add(new RecordError(source, line, "weight", "must be finite and not negative, was " + w));
                    continue;
                }
            }
            if (minWeight.isPresent()) {
                if (weight < minWeight.getAsDouble()) {
                    below++;
                    continue;
                }
                weight = 1.0;
            }
            events.add(new Interaction(customer, item, instant, weight));
        }
        return new Result(events, errors, below);
    }

    /** Epoch seconds (an integer) or ISO-8601 with an offset or Z. */
    static Instant parseInstant(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("missing timestamp");
        }
        if (t.chars().allMatch(ch -> ch >= '0' && ch <= '9') || (t.startsWith("-") && t.length() > 1
                && t.substring(1).chars().allMatch(ch -> ch >= '0' && ch <= '9'))) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(t));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw new IllegalArgumentException("epoch seconds out of range: '" + t + "'");
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("neither epoch seconds nor ISO-8601 with an offset: '" + t + "'");
        }
    }
}
