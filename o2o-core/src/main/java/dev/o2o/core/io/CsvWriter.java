package dev.o2o.core.io;

import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Touchpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes CSV rows with RFC 4180 quoting (CRLF-free: rows end with LF). */
abstract class CsvWriter<T> implements RecordWriter<T> {

    private final Writer out;
    private final char delimiter;

    CsvWriter(Writer out, CsvFormat format, List<String> header) {
        this.out = out;
        this.delimiter = format.delimiter();
        List<String> names = new ArrayList<>();
        for (String column : header) {
            names.add(format.headerName(column));
        }
        row(names);
    }

    final void row(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(delimiter);
                }
                out.write(quote(fields.get(i)));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String quote(String s) {
        boolean needs = false;
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!needs && !(s.length() > 0 && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '))) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordWriter<Touchpoint> touchpoints(Writer out, CsvFormat format, List<String> attributeColumns) {
        Set<String> allowed = Set.copyOf(attributeColumns);
        for (String a : attributeColumns) {
            if (Mapper.TOUCHPOINT_COLUMNS.contains(a)) {
                throw new IllegalArgumentException("attribute column '" + a + "' clashes with a touchpoint column");
            }
        }
        List<String> header = new ArrayList<>(Mapper.TOUCHPOINT_COLUMNS);
        header.addAll(attributeColumns);
        return new CsvWriter<>(out, format, header) {
            @Override
            public void write(Touchpoint t) {
                for (String key : t.attributes().keySet()) {
                    if (!allowed.contains(key)) {
                        throw new IllegalArgumentException("touchpoint attribute '" + key
                                + "' has no column; name it among the attribute columns " + attributeColumns);
                    }
                }
                List<String> f = new ArrayList<>(header.size());
                f.add(t.customer().value());
                f.add(t.channel().id());
                f.add(t.instant().toString());
                f.add(t.type().name());
                f.add(t.campaign().orElse(""));
                f.add(t.storeId().orElse(""));
                for (String a : attributeColumns) {
                    f.add(t.attributes().getOrDefault(a, ""));
                }
                row(f);
            }
        };
    }

    static RecordWriter<Order> orders(Writer out, CsvFormat format) {
        List<String> header = new ArrayList<>(Mapper.ORDER_COLUMNS);
        header.addAll(Mapper.LINE_COLUMNS);
        return new CsvWriter<>(out, format, header) {
            @Override
            public void write(Order o) {
                for (OrderLine l : o.lines()) {
                    row(List.of(o.id(), o.customer().value(), o.channel().id(), o.storeId().orElse(""),
                            o.instant().toString(), o.status().name(), o.refunded().amount().toPlainString(),
                            o.currency().getCurrencyCode(), o.orderDiscount().amount().toPlainString(),
                            o.paid().amount().toPlainString(), l.sku(), l.category(), Integer.toString(l.quantity()),
                            l.unitPrice().amount().toPlainString(), l.discount().amount().toPlainString()));
                }
            }
        };
    }
}
