package dev.o2o.spark;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelKind;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * Core's touchpoints and orders from rows of {@link AttributionJob#TOUCHPOINTS} and
 * {@link AttributionJob#ORDERS}, shared by the jobs that read them. Stateless.
 */
final class Events {

    private Events() {
    }

    /** Refuses a value of {@code column} outside {@code allowed} (one small job), naming the first one found. */
    static void checkAllowed(Dataset<Row> data, String input, String column, Object[] allowed) {
        List<Row> bad = data.select(column).filter(not(col(column).isin(allowed))).limit(1).collectAsList();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("input '" + input + "': column '" + column + "' holds '"
                    + bad.get(0).getString(0) + "', expected one of " + java.util.Arrays.toString(allowed));
        }
    }

    static Object[] names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toArray();
    }

    static Touchpoint touchpoint(CustomerKey customer, Row r, Map<String, Channel> channels) {
        Touchpoint t = Touchpoint.of(customer, channel(channels, r.getString(1)), instant(r.get(2)),
                TouchpointType.valueOf(r.getString(3)));
        if (!r.isNullAt(4)) {
            t = t.withCampaign(r.getString(4));
        }
        if (!r.isNullAt(5)) {
            t = t.withStore(r.getString(5));
        }
        return t;
    }

    static Order order(CustomerKey customer, Row r, Map<String, Channel> channels) {
        Currency currency = Money.currency(r.getString(5));
        BigDecimal total = r.getDecimal(6);
        // one line holding the order's total: the journeys need its time, status and net total only
        OrderLine line = new OrderLine("order-total", "order-total", 1, new Money(total, currency));
        return new Order(r.getString(0), customer, channel(channels, r.getString(2)), Optional.empty(),
                instant(r.get(3)), List.of(line), OrderStatus.valueOf(r.getString(4)),
                new Money(r.getDecimal(7), currency));
    }

    private static Channel channel(Map<String, Channel> channels, String id) {
        Channel c = channels.get(id);
        if (c == null) {
            throw new IllegalArgumentException("channel '" + id + "' is not one of the job's channels "
                    + channels.keySet());
        }
        return c;
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof LocalDateTime) {
            throw new IllegalArgumentException("timestamps must be TIMESTAMP (with time zone), not TIMESTAMP_NTZ");
        }
        throw new IllegalArgumentException("not a timestamp: " + value);
    }

    /** The channels as plain serializable columns, rebuilt as core channels on each executor. */
    static final class ChannelTable implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String[] ids;
        private final String[] names;
        private final String[] kinds;
        private final boolean[] direct;

        ChannelTable(List<Channel> channels) {
            int n = channels.size();
            ids = new String[n];
            names = new String[n];
            kinds = new String[n];
            direct = new boolean[n];
            for (int i = 0; i < n; i++) {
                Channel c = Objects.requireNonNull(channels.get(i), "channels[" + i + "]");
                ids[i] = c.id();
                names[i] = c.displayName();
                kinds[i] = c.kind().name();
                direct[i] = c.direct();
            }
        }

        Map<String, Channel> channels() {
            Map<String, Channel> out = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                out.put(ids[i], new Channel(ids[i], names[i], ChannelKind.valueOf(kinds[i]), direct[i]));
            }
            return out;
        }
    }
}
