package dev.o2o.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Touchpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/** Writes touchpoints or orders as one JSON object per line. */
abstract class NdjsonWriter<T> implements RecordWriter<T> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private final JsonGenerator gen;

    NdjsonWriter(Writer out) {
        this.out = out;
        try {
            this.gen = JSON.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.setRootValueSeparator(null);
    }

    abstract void writeFields(JsonGenerator g, T value) throws IOException;

    @Override
    public void write(T value) {
        try {
            gen.writeStartObject();
            writeFields(gen, value);
            gen.writeEndObject();
            gen.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            gen.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordWriter<Touchpoint> touchpoints(Writer out) {
        return new NdjsonWriter<>(out) {
            @Override
            void writeFields(JsonGenerator g, Touchpoint t) throws IOException {
                g.writeStringField("customer", t.customer().value());
                g.writeStringField("channel", t.channel().id());
                g.writeStringField("instant", t.instant().toString());
                g.writeStringField("type", t.type().name());
                if (t.campaign().isPresent()) {
                    g.writeStringField("campaign", t.campaign().get());
                }
                if (t.storeId().isPresent()) {
                    g.writeStringField("store", t.storeId().get());
                }
                if (!t.attributes().isEmpty()) {
                    g.writeObjectFieldStart("attributes");
                    for (Map.Entry<String, String> e : new java.util.TreeMap<>(t.attributes()).entrySet()) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                }
            }
        };
    }

    static RecordWriter<Order> orders(Writer out) {
        return new NdjsonWriter<>(out) {
            @Override
            void writeFields(JsonGenerator g, Order o) throws IOException {
                g.writeStringField("id", o.id());
                g.writeStringField("customer", o.customer().value());
                g.writeStringField("channel", o.channel().id());
                if (o.storeId().isPresent()) {
                    g.writeStringField("store", o.storeId().get());
                }
                g.writeStringField("instant", o.instant().toString());
                g.writeStringField("status", o.status().name());
                g.writeStringField("refunded", o.refunded().amount().toPlainString());
                g.writeStringField("currency", o.currency().getCurrencyCode());
                // written only for orders with discounts, so that files of orders without them stay as they were
                if (!o.orderDiscount().isZero()) {
                    g.writeStringField("order_discount", o.orderDiscount().amount().toPlainString());
                }
                if (o.paid().compareTo(o.total()) != 0) {
                    g.writeStringField("paid", o.paid().amount().toPlainString());
                }
                g.writeArrayFieldStart("lines");
                for (OrderLine l : o.lines()) {
                    g.writeStartObject();
                    g.writeStringField("sku", l.sku());
                    g.writeStringField("category", l.category());
                    g.writeNumberField("quantity", l.quantity());
                    g.writeStringField("unit_price", l.unitPrice().amount().toPlainString());
                    if (!l.discount().isZero()) {
                        g.writeStringField("discount", l.discount().amount().toPlainString());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        };
    }
}
