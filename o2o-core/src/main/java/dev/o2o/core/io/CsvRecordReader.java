package dev.o2o.core.io;

import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Reads touchpoints (one per row) or orders (one row per line, rows of an order consecutive) from CSV. */
abstract class CsvRecordReader<T> extends AbstractRecordReader<T> {

    final CsvParser parser;
    final Mapper mapper;
    final CsvFormat format;
    final Map<String, Integer> index = new HashMap<>();
    final List<String> header;
    private CsvParser.Row pushedBack;

    CsvRecordReader(Reader in, String source, IngestOptions options, List<String> required, Set<String> known,
                    boolean extrasAllowed) {
        super(source, options);
        this.format = options.csv();
        this.parser = new CsvParser(in, format.delimiter());
        this.mapper = new Mapper(options);
        CsvParser.Row head = parser.next().orElseThrow(() ->
                new IngestException(new RecordError(source, 1, "header", "the input is empty; a header row is required")));
        if (head.error().isPresent()) {
            throw new IngestException(new RecordError(source, 1, "header", head.error().get()));
        }
        this.header = head.fields();
        Map<String, String> byHeaderName = new HashMap<>();
        for (String column : known) {
            byHeaderName.put(format.headerName(column), column);
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            String column = byHeaderName.getOrDefault(name, extrasAllowed ? null : "");
            if (Objects.equals(column, "")) {
                throw new IngestException(new RecordError(source, 1, "header", "unknown column '" + name + "'"));
            }
            String key = column == null ? "\u0000" + name : column;
            if (index.put(key, i) != null) {
                throw new IngestException(new RecordError(source, 1, "header", "duplicate column '" + name + "'"));
            }
        }
        for (String column : required) {
            if (!index.containsKey(column)) {
                throw new IngestException(new RecordError(source, 1, "header",
                        "required column '" + format.headerName(column) + "' is missing"));
            }
        }
    }

    static RecordReader<Touchpoint> touchpoints(Reader in, String source, IngestOptions options) {
        return new CsvRecordReader<Touchpoint>(in, source, options, List.of("customer", "channel", "instant", "type"),
                Set.copyOf(Mapper.TOUCHPOINT_COLUMNS), true) {
            @Override
            Read<Touchpoint> readRecord() {
                CsvParser.Row row = nextRow();
                if (row == null) {
                    return null;
                }
                try {
                    return new Read<>(row.line(), mapper.touchpoint(fields(row)), null);
                } catch (BadRecord bad) {
                    return new Read<>(row.line(), null, bad);
                }
            }
        };
    }

    static RecordReader<Order> orders(Reader in, String source, IngestOptions options) {
        return new CsvRecordReader<Order>(in, source, options, List.of("id", "customer", "channel", "instant",
                "currency", "sku", "category", "quantity", "unit_price"), Mapper.ORDER_CSV_COLUMNS, false) {
            @Override
            Read<Order> readRecord() {
                CsvParser.Row first = nextRow();
                if (first == null) {
                    return null;
                }
                RowFields head;
                try {
                    head = fields(first);
                } catch (BadRecord bad) {
                    return new Read<>(first.line(), null, bad);
                }
                String id = head.get("id").orElse(null);
                List<RowFields> lines = new ArrayList<>();
                lines.add(head);
                BadRecord problem = null;
                while (id != null) {
                    CsvParser.Row row = nextRow();
                    if (row == null) {
                        break;
                    }
                    RowFields f;
                    try {
                        f = fields(row);
                    } catch (BadRecord bad) {
                        pushBack(row);
                        break;
                    }
                    if (!id.equals(f.get("id").orElse(null))) {
                        pushBack(row);
                        break;
                    }
                    if (problem == null) {
                        problem = disagreement(head, f, id, row.line());
                    }
                    lines.add(f);
                }
                try {
                    if (problem != null) {
                        throw problem;
                    }
                    return new Read<>(first.line(), mapper.order(head, lines), null);
                } catch (BadRecord bad) {
                    return new Read<>(first.line(), null, bad);
                }
            }
        };
    }

    private static BadRecord disagreement(Fields head, Fields row, String id, long line) {
        for (String column : Mapper.ORDER_COLUMNS) {
            Optional<String> a = head.get(column);
            Optional<String> b = row.get(column);
            if (b.isPresent() && !a.equals(b)) {
                return new BadRecord(column, "differs between the rows of order '" + id + "': '"
                        + a.orElse("") + "' and '" + b.get() + "' (line " + line + ")");
            }
        }
        return null;
    }

    final CsvParser.Row nextRow() {
        if (pushedBack != null) {
            CsvParser.Row r = pushedBack;
            pushedBack = null;
            return r;
        }
        return parser.next().orElse(null);
    }

    final void pushBack(CsvParser.Row row) {
        pushedBack = row;
    }

    final RowFields fields(CsvParser.Row row) {
        if (row.error().isPresent()) {
            throw new BadRecord("record", row.error().get());
        }
        if (row.fields().size() != header.size()) {
            throw new BadRecord("record", "has " + row.fields().size() + " fields, the header has " + header.size());
        }
        return new RowFields(row.fields());
    }

    @Override
    public void close() {
        parser.close();
    }

    /** The fields of one row, by o2o column name. */
    final class RowFields implements Fields {
        private final List<String> values;

        RowFields(List<String> values) {
            this.values = values;
        }

        @Override
        public Optional<String> get(String name) {
            Integer i = index.get(name);
            if (i == null) {
                return Optional.empty();
            }
            String v = values.get(i);
            return v.isBlank() ? Optional.empty() : Optional.of(v);
        }

        @Override
        public Map<String, String> extras() {
            Map<String, String> m = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                if (e.getKey().startsWith("\u0000")) {
                    String v = values.get(e.getValue());
                    if (!v.isEmpty()) {
                        m.put(e.getKey().substring(1), v);
                    }
                }
            }
            return m;
        }
    }
}
