package dev.o2o.core.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.o2o.core.Order;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one NDJSON order straight from Jackson's token stream into {@link Mapper}'s fields,
 * without a {@code JsonNode} tree per order: on 10 million orders ({@code o2o rfm}) the tree
 * and its maps were the largest cost of reading (benchmarks/RESULTS.md, section cli).
 *
 * <p>It says what the tree-based reader said, in the same order: unknown top-level fields
 * first, then a missing or non-array {@code lines}, then per line (in order) a non-object
 * element or an unknown field, then the values as {@link Mapper} checks them. Scalars are read
 * as the tree gave them as text: strings as written, integers as written ({@code -0} as
 * {@code 0}), decimals as {@link java.math.BigDecimal#toString()} (so {@code 1e30} is quoted as
 * {@code 1E+30}), booleans as {@code true}/{@code false}; {@code null} is absent. Unlike the tree
 * reader, anything after the object on the same line rejects the record instead of being
 * dropped silently. A key repeated within an object is refused here as Jackson's
 * {@code STRICT_DUPLICATE_DETECTION} would refuse it, reworded by the reader (its per-object hash set cost more than the
 * check over the known names). Not thread-safe; one per reader.
 */
final class NdjsonOrderParser {

    private static final String[] HEADER = Mapper.ORDER_COLUMNS.toArray(String[]::new);
    private static final String[] LINE = Mapper.LINE_COLUMNS.toArray(String[]::new);
    private static final String LINES = "lines";
    /** A value that was an object or array where a scalar was expected. */
    private static final String NOT_SCALAR = new String("<not a scalar>");

    private final Mapper mapper;

    NdjsonOrderParser(Mapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The order of one line whose parser has not been advanced yet.
     *
     * @throws BadRecord naming the field at fault, or "is not a JSON object"
     * @throws IOException (a {@code JsonProcessingException}) when the line is not well-formed JSON
     */
    Order parse(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            requireEnd(p);
            throw new BadRecord("record", "is not a JSON object");
        }
        ScalarFields header = new ScalarFields(HEADER, "");
        String unknown = null;
        boolean hasLines = false;
        boolean linesArray = false;
        List<ScalarFields> lines = new ArrayList<>();
        BadRecord lineError = null;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if (LINES.equals(name)) {
                if (hasLines) {
                    throw duplicate(p, name);
                }
                hasLines = true;
                linesArray = t == JsonToken.START_ARRAY;
                if (linesArray) {
                    lineError = lines(p, lines);
                } else {
                    p.skipChildren();
                }
            } else if (!header.set(name, p, t) && unknown == null) {
                unknown = name;
            }
        }
        requireEnd(p);
        if (unknown != null) {
            throw new BadRecord(unknown, "unknown field");
        }
        if (!hasLines || !linesArray) {
            throw new BadRecord(LINES, hasLines ? "must be an array" : "is missing");
        }
        if (lineError != null) {
            throw lineError;
        }
        return mapper.order(header, lines);
    }

    /** Reads the elements of {@code lines} into {@code out}; returns the first element's error, or null. */
    private static BadRecord lines(JsonParser p, List<ScalarFields> out) throws IOException {
        BadRecord first = null;
        JsonToken t;
        for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                if (first == null) {
                    first = new BadRecord("lines[" + i + "]", "must be an object");
                }
                continue;
            }
            ScalarFields line = new ScalarFields(LINE, "lines[" + i + "].");
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!line.set(name, p, p.nextToken()) && first == null) {
                    first = new BadRecord("lines[" + i + "]." + name, "unknown field");
                }
            }
            out.add(line);
        }
        return first;
    }

    private static JsonParseException duplicate(JsonParser p, String name) {
        return new JsonParseException(p, "Duplicate field '" + name + "'");
    }

    /** Refuses anything but white space after the record's value. */
    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new BadRecord("record", "has more after its JSON value (one object per line)");
        }
    }

    /** The scalar fields of one JSON object among a fixed list of names; blank and null are absent. */
    private static final class ScalarFields implements Fields {
        private final String[] names;
        /** How the field's name is prefixed in a message: {@code lines[2].} for a line's. */
        private final String prefix;
        private final String[] values;
        private final boolean[] seen;
        private Set<String> unknown;

        ScalarFields(String[] names, String prefix) {
            this.names = names;
            this.prefix = prefix;
            this.values = new String[names.length];
            this.seen = new boolean[names.length];
        }

        /** The index of {@code name} in {@link #names}, or -1. */
        private int indexOf(String name) {
            // Jackson interns field names and the mapper asks with literals: identity almost always answers
            for (int i = 0; i < names.length; i++) {
                if (names[i] == name) {
                    return i;
                }
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        /** Reads the value at {@code t} if {@code name} is one of ours; false (value skipped) if not. */
        boolean set(String name, JsonParser p, JsonToken t) throws IOException {
            int i = indexOf(name);
            if (i < 0) {
                if (unknown == null) {
                    unknown = new HashSet<>();
                }
                if (!unknown.add(name)) {
                    throw duplicate(p, name);
                }
                p.skipChildren();
                return false;
            }
            if (seen[i]) {
                throw duplicate(p, name);
            }
            seen[i] = true;
            values[i] = switch (t) {
                case START_OBJECT, START_ARRAY -> {
                    p.skipChildren();
                    yield NOT_SCALAR;
                }
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT -> "-0".equals(p.getText()) ? "0" : p.getText();
                case VALUE_NUMBER_FLOAT -> p.getDecimalValue().toString();
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                default -> p.getText();
            };
            return true;
        }

        @Override
        public Optional<String> get(String name) {
            int i = indexOf(name);
            String v = i < 0 ? null : values[i];
            if (v == NOT_SCALAR) {
                throw new BadRecord(prefix + name, "must be a string or number");
            }
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
        }

        @Override
        public Map<String, String> extras() {
            return Map.of();
        }
    }
}
