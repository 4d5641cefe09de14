package dev.o2o.core.io;

import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import java.io.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads touchpoints (one per row) or orders (one row per line, rows of an order consecutive) from CSV. */
abstract class CsvRecordReader<T> extends AbstractRecordReader<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CsvRecordReader.class);

    final CsvReader csv;
    final Mapper mapper;
    final CsvFormat format;
    /** o2o column name (or NUL + header name for an extra column) to field index. */
    final Map<String, Integer> index = new HashMap<>();
    private final ArrayDeque<CsvReader.Row> pushedBack = new ArrayDeque<>();
    private IngestException deferred;

    CsvRecordReader(Reader in, String source, IngestOptions options, List<String> required, Set<String> known,
                    boolean extrasAllowed) {
        super(source, options);
        this.format = options.csv();
        this.csv = CsvReader.open(in, source, format);
        this.mapper = new Mapper(options);
        Map<String, String> byHeaderName = new HashMap<>();
        for (String column : known) {
            byHeaderName.put(format.headerName(column), column);
        }
        List<String> header = csv.header();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String column = byHeaderName.get(name);
            if (column == null && !extrasAllowed) {
                if (options.refuseUnknownColumns()) {
                    throw new IngestException(new RecordError(source, 1, "header", "unknown column '" + name + "'"));
                }
                ignored.add(name);
                continue;
            }
            index.put(column == null ? "\u0000" + name : column, i);
        }
        if (!ignored.isEmpty()) {
            // header names, not values: no personal data
            LOG.warn("{}: ignoring the unknown column(s) {}", source, ignored);
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
                CsvReader.Row row = nextRow();
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
        CsvRecordReader<Order> reader = new CsvRecordReader<Order>(in, source, options, List.of("id", "customer", "channel", "instant",
                "currency", "sku", "category", "quantity", "unit_price"), Mapper.ORDER_CSV_COLUMNS, false) {
            @Override
            Read<Order> readRecord() {
                CsvReader.Row first = nextRow();
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
                // malformed rows too short to name their order (or with a blank id): they are this
                // order's if a row of this order follows them (rows of an order are consecutive),
                // else they are rejected alone, after this order
                List<CsvReader.Row> unnamed = new ArrayList<>();
                while (id != null) {
                    CsvReader.Row row = nextRowOrDefer();
                    if (row == null) {
                        break;
                    }
                    RowFields f;
                    try {
                        f = fields(row);
                    } catch (BadRecord bad) {
                        String rowId = rawField(row, "id");
                        if (rowId == null) {
                            unnamed.add(row);
                            continue;
                        }
                        if (id.equals(rowId)) {
                            // a bad row of this order: the order is refused whole, never delivered
                            // without the row (a wrong total) while its later rows count as repeats
                            problem = firstProblem(problem, unnamed, id);
                            if (problem == null) {
                                problem = inOrder(bad, row, id);
                            }
                            continue;
                        }
                        pushBack(unnamed);
                        pushBack(row);
                        break;
                    }
                    if (!id.equals(f.get("id").orElse(null))) {
                        pushBack(unnamed);
                        pushBack(row);
                        break;
                    }
                    problem = firstProblem(problem, unnamed, id);
                    if (problem == null) {
                        problem = disagreement(head, f, id, row.line());
                    }
                    lines.add(f);
                }
                pushBack(unnamed);
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
        reader.requireUnique("id", Order::id);
        return reader;
    }

    /**
     * The order's first problem: {@code problem} if there is one, else that of the first of the
     * {@code unnamed} rows, which a later row of the order shows to be its own; clears them.
     */
    private static BadRecord firstProblem(BadRecord problem, List<CsvReader.Row> unnamed, String id) {
        if (problem == null && !unnamed.isEmpty()) {
            CsvReader.Row row = unnamed.get(0);
            problem = inOrder(new BadRecord("record", row.error().orElseThrow()), row, id);
        }
        unnamed.clear();
        return problem;
    }

    private static BadRecord inOrder(BadRecord bad, CsvReader.Row row, String id) {
        return new BadRecord(bad.field, bad.getMessage() + " (line " + row.line() + " of order '" + id + "')");
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

    final CsvReader.Row nextRow() {
        if (!pushedBack.isEmpty()) {
            return pushedBack.poll();
        }
        if (deferred != null) {
            IngestException e = deferred;
            deferred = null;
            throw e;
        }
        return csv.next().orElse(null);
    }

    /**
     * The next row while looking for more rows of an order: a failure of the input is kept for
     * the next record, so that the order already read is still delivered.
     */
    final CsvReader.Row nextRowOrDefer() {
        try {
            return nextRow();
        } catch (IngestException e) {
            deferred = e;
            return null;
        }
    }

    /** A column's text in a malformed row, as parsed, or null if the row has no such field or it is blank. */
    final String rawField(CsvReader.Row row, String column) {
        Integer i = index.get(column);
        return i == null || i >= row.fields().size() || row.fields().get(i).isBlank() ? null : row.fields().get(i);
    }

    /** Rows to read again, in this order, before the rest of the input; empties {@code rows}. */
    final void pushBack(List<CsvReader.Row> rows) {
        pushedBack.addAll(rows);
        rows.clear();
    }

    final void pushBack(CsvReader.Row row) {
        pushedBack.add(row);
    }

    final RowFields fields(CsvReader.Row row) {
        if (row.error().isPresent()) {
            throw new BadRecord("record", row.error().get());
        }
        return new RowFields(row.fields());
    }

    @Override
    public void close() {
        csv.close();
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
