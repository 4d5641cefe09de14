package dev.o2o.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reads one JSON object per line; blank lines are not records. */
final class NdjsonReader<T> extends AbstractRecordReader<T> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private final Function<JsonNode, T> map;
    private long line;

    NdjsonReader(Reader in, String source, IngestOptions options, Function<JsonNode, T> map) {
        super(source, options);
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        this.map = map;
    }

    static NdjsonReader<dev.o2o.core.Touchpoint> touchpoints(Reader in, String source, IngestOptions options) {
        Mapper mapper = new Mapper(options);
        Set<String> known = Set.of("customer", "channel", "instant", "type", "campaign", "store", "attributes");
        return new NdjsonReader<>(in, source, options, node -> {
            checkFields(node, known, "");
            return mapper.touchpoint(new JsonFields(node, attributes(node)));
        });
    }

    static NdjsonReader<dev.o2o.core.Order> orders(Reader in, String source, IngestOptions options) {
        Mapper mapper = new Mapper(options);
        Set<String> known = Set.of("id", "customer", "channel", "store", "instant", "status", "refunded",
                "currency", "lines");
        Set<String> lineFields = Set.copyOf(Mapper.LINE_COLUMNS);
        return new NdjsonReader<>(in, source, options, node -> {
            checkFields(node, known, "");
            JsonNode lines = node.get("lines");
            if (lines == null || !lines.isArray()) {
                throw new BadRecord("lines", lines == null ? "is missing" : "must be an array");
            }
            List<JsonFields> lineList = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                JsonNode l = lines.get(i);
                if (!l.isObject()) {
                    throw new BadRecord("lines[" + i + "]", "must be an object");
                }
                checkFields(l, lineFields, "lines[" + i + "].");
                lineList.add(new JsonFields(l, Map.of()));
            }
            return mapper.order(new JsonFields(node, Map.of()), lineList);
        });
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
        String text;
        do {
            try {
                text = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (text == null) {
                return null;
            }
            line++;
            if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
        } while (text.isBlank());
        try {
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BadRecord("record", "malformed JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new BadRecord("record", "is not a JSON object");
            }
            return new Read<>(line, map.apply(node), null);
        } catch (BadRecord bad) {
            return new Read<>(line, null, bad);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
