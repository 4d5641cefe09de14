package dev.o2o.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.internal.Messages;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one JSON object per line; blank lines are not records. A key repeated within an object
 * rejects the record (Jackson would keep the last value silently); numbers are read as exact
 * decimals, as written (no rounding through {@code double}).
 */
final class NdjsonReader<T> extends AbstractRecordReader<T> {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** For {@link NdjsonOrderParser}, which refuses repeated keys itself. */
    private static final ObjectMapper JSON_UNCHECKED_KEYS = JSON.rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** How much of Jackson's message (which may quote the input) an error keeps. */

    /** Turns the JSON value of one line, its parser not yet advanced, into a record. */
    @FunctionalInterface
    interface LineParser<T> {
        /**
         * @throws BadRecord naming the field at fault
         * @throws IOException (a {@link JsonProcessingException}) when the line is not well-formed JSON
         */
        T parse(JsonParser parser) throws IOException;
    }

    private final CharInput in;
    private final ObjectMapper json;
    private final LineParser<T> parse;
    private final StringBuilder text = new StringBuilder();
    private char[] chars = new char[1 << 10];
    private long line;
    /** Whether the input is a later part of a file (see {@link ParallelNdjsonReader}): no byte order mark allowed. */
    private boolean midFile;

    NdjsonReader(Reader in, String source, IngestOptions options, ObjectMapper json, LineParser<T> parse) {
        super(source, options);
        this.in = new CharInput(in);
        this.json = json;
        this.parse = parse;
    }

    /** A reader that maps each line's {@code JsonNode} tree; for records read rarely enough that a tree is cheap. */
    private static <T> NdjsonReader<T> ofTrees(Reader in, String source, IngestOptions options,
                                               Function<JsonNode, T> map) {
        return new NdjsonReader<>(in, source, options, JSON, parser -> {
            JsonNode node = JSON.readTree(parser);
            if (node == null || !node.isObject()) {
                throw new BadRecord("record", "is not a JSON object");
            }
            return map.apply(node);
        });
    }

    static NdjsonReader<Touchpoint> touchpoints(Reader in, String source, IngestOptions options) {
        Mapper mapper = new Mapper(options);
        Set<String> known = Set.of("customer", "channel", "instant", "type", "campaign", "store", "attributes");
        return ofTrees(in, source, options, node -> {
            checkFields(node, known, "");
            return mapper.touchpoint(new JsonFields(node, attributes(node)));
        });
    }

    static NdjsonReader<Order> orders(Reader in, String source, IngestOptions options) {
        NdjsonReader<Order> reader = orderLines(in, source, options);
        reader.requireUnique("id", Order::id);
        return reader;
    }

    /** Orders without the check that ids are unique: for a part of a file, whose reader checks ids over the whole. */
    static NdjsonReader<Order> orderLines(Reader in, String source, IngestOptions options) {
        NdjsonOrderParser orders = new NdjsonOrderParser(new Mapper(options));
        return new NdjsonReader<>(in, source, options, JSON_UNCHECKED_KEYS, orders::parse);
    }

    /** Marks the input as a later part of a file: its first line is not the file's first and may not start with a BOM. */
    void startsMidFile() {
        midFile = true;
    }

    /** How many lines were read so far (blank ones included). */
    long lines() {
        return line;
    }

    private static void checkFields(JsonNode node, Set<String> known, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new BadRecord(prefix + name, "unknown field");
            }
        }
    }

    private static Map<String, String> attributes(JsonNode node) {
        JsonNode a = node.get("attributes");
        if (a == null || a.isNull()) {
            return Map.of();
        }
        if (!a.isObject()) {
            throw new BadRecord("attributes", "must be an object of strings");
        }
        Map<String, String> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = a.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new BadRecord("attributes." + e.getKey(), "must be a string, number or boolean");
            }
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    @Override
    Read<T> readRecord() {
        int status;
        do {
            status = readLine();
            if (status == END) {
                return null;
            }
            line++;
            Optional<String> badBytes = in.badBytesBefore(in.index());
            if (badBytes.isPresent()) {
                return new Read<>(line, null, new BadRecord("record", badBytes.get()));
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                if (line > 1 || midFile) {
                    return new Read<>(line, null, new BadRecord("record", "starts with a byte order mark (U+FEFF),"
                            + " which only the first line of an input may have (were two files joined?)"));
                }
                text.deleteCharAt(0);
            }
        } while (status == LINE && isBlank(text));
        if (status == TOO_LONG) {
            return new Read<>(line, null, new BadRecord("record", "is longer than " + CharInput.MAX_RECORD_CHARS
                    + " characters"));
        }
        int n = text.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        text.getChars(0, n, chars, 0);
        try (JsonParser parser = json.createParser(chars, 0, n)) {
            return new Read<>(line, parse.parse(parser), null);
        } catch (JsonProcessingException e) {
            return new Read<>(line, null, new BadRecord("record", "malformed JSON: "
                    + Messages.json(e)));
        } catch (BadRecord bad) {
            return new Read<>(line, null, bad);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a char array does no I/O
        }
    }

    private static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static final int END = -1;
    private static final int LINE = 0;
    private static final int TOO_LONG = 1;

    /**
     * Reads the next line into {@code text} without its line end, keeping at most
     * {@link CharInput#MAX_RECORD_CHARS} characters: {@link #LINE}, {@link #TOO_LONG} (the rest
     * of the line was skipped) or {@link #END} of input.
     */
    private int readLine() {
        text.setLength(0);
        int c = in.peek();
        if (c < 0) {
            return END;
        }
        int status = LINE;
        while (c >= 0 && c != '\n' && c != '\r') {
            if (text.length() < CharInput.MAX_RECORD_CHARS) {
                in.copyToLineEnd(text, CharInput.MAX_RECORD_CHARS - text.length());
            } else {
                status = TOO_LONG;
                in.read();
            }
            c = in.peek();
        }
        in.read();
        if (c == '\r' && in.peek() == '\n') {
            in.read();
        }
        return status;
    }

    @Override
    public void close() {
        in.close();
    }

    /** The fields of a JSON object; scalar values as text, null as absent. */
    private record JsonFields(JsonNode node, Map<String, String> extras) implements Fields {
        @Override
        public Optional<String> get(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isValueNode()) {
                throw new BadRecord(name, "must be a string or number");
            }
            String s = v.asText();
            return s.isBlank() ? Optional.empty() : Optional.of(s);
        }
    }
}
