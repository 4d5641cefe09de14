package dev.o2o.core.io;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.internal.Messages;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns named fields into domain values, throwing {@link BadRecord} with the field at fault. */
final class Mapper {

    static final List<String> TOUCHPOINT_COLUMNS = List.of("customer", "channel", "instant", "type", "campaign", "store");
    static final List<String> ORDER_COLUMNS = List.of("id", "customer", "channel", "store", "instant", "status",
            "refunded", "currency", "order_discount", "paid");
    static final List<String> LINE_COLUMNS = List.of("sku", "category", "quantity", "unit_price", "discount");
    static final Set<String> ORDER_CSV_COLUMNS;

    static {
        List<String> all = new ArrayList<>(ORDER_COLUMNS);
        all.addAll(LINE_COLUMNS);
        ORDER_CSV_COLUMNS = Set.copyOf(all);
    }

    // STRICT: 2026-02-30 and 24:00 are refused, not moved to another day (the ISO parsers are strict already)
    private static final DateTimeFormatter SPACE_LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final IngestOptions options;

    Mapper(IngestOptions options) {
        this.options = options;
    }

    Touchpoint touchpoint(Fields f) {
        CustomerKey customer = value(f, "customer", CustomerKey::new);
        Channel channel = channel(f);
        Instant instant = instant(f);
        TouchpointType type = enumValue(f, "type", TouchpointType.class);
        Optional<String> campaign = f.get("campaign");
        Optional<String> store = f.get("store");
        try {
            return new Touchpoint(customer, channel, instant, type, campaign, store, f.extras());
        } catch (IllegalArgumentException e) {
            throw new BadRecord(campaign.isPresent() ? "campaign/store" : "store", e.getMessage());
        }
    }

    Order order(Fields header, List<? extends Fields> lines) {
        String id = value(header, "id", s -> {
            new CustomerKey(s); // same identifier rules
            return s;
        });
        CustomerKey customer = value(header, "customer", CustomerKey::new);
        Channel channel = channel(header);
        Instant instant = instant(header);
        Optional<String> store = header.get("store");
        OrderStatus status = header.get("status").isPresent()
                ? enumValue(header, "status", OrderStatus.class) : OrderStatus.COMPLETED;
        Currency currency = value(header, "currency", Money::currency);
        options.currency().ifPresent(expected -> {
            if (!expected.equals(currency)) {
                throw new BadRecord("currency", "expected " + expected.getCurrencyCode() + ", was '"
                        + currency.getCurrencyCode() + "'");
            }
        });
        Money refunded = header.get("refunded").isPresent()
                ? money(header, "refunded", currency) : Money.zero(currency);
        if (lines.isEmpty()) {
            throw new BadRecord("lines", "an order needs at least one line");
        }
        if (lines.size() > Order.MAX_LINES) {
            throw new BadRecord("lines", "an order has at most " + Order.MAX_LINES + " lines, this one " + lines.size());
        }
        List<OrderLine> orderLines = new ArrayList<>(lines.size());
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal lineDiscounts = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = line(lines.get(i), i, currency);
            orderLines.add(line);
            total = total.add(line.total().amount());
            lineDiscounts = lineDiscounts.add(line.discount().amount());
        }
        if (total.compareTo(Money.TEXT_LIMIT) >= 0) {
            throw new BadRecord("lines", "the order's total " + Messages.decimal(total) + " is not below 10^12");
        }
        boolean plain = header.get("order_discount").isEmpty() && header.get("paid").isEmpty();
        try {
            if (plain) { // the usual order: no order discount, paid is what the lines come to
                return new Order(id, customer, channel, store, instant, orderLines, status, refunded);
            }
            Money afterLines = new Money(total.subtract(lineDiscounts), currency);
            Money orderDiscount = orderDiscount(header, currency, afterLines);
            Money paid = paid(header, afterLines.minus(orderDiscount), total, lineDiscounts, orderDiscount);
            return new Order(id, customer, channel, store, instant, orderLines, status, refunded, orderDiscount, paid);
        } catch (IllegalArgumentException e) {
            throw new BadRecord(e.getMessage().startsWith("refunded") ? "refunded" : "store", e.getMessage());
        }
    }

    /** The order's discount, zero if absent, within the lines' amount after their discounts. */
    private static Money orderDiscount(Fields header, Currency currency, Money afterLines) {
        if (header.get("order_discount").isEmpty()) {
            return Money.zero(currency);
        }
        Money d = nonNegative(header, "order_discount", currency, "");
        if (d.compareTo(afterLines) > 0) {
            throw new BadRecord("order_discount", "must be at most " + Messages.decimal(afterLines.amount())
                    + " (the lines after their discounts), was " + Messages.decimal(d.amount()));
        }
        return d;
    }

    /** The amount paid as the record states it, which must be what the amounts come to; {@code expected} if absent. */
    private static Money paid(Fields header, Money expected, BigDecimal total, BigDecimal lineDiscounts,
                              Money orderDiscount) {
        if (header.get("paid").isEmpty()) {
            return expected;
        }
        Money paid = nonNegative(header, "paid", expected.currency(), "");
        if (paid.compareTo(expected) != 0) {
            throw new BadRecord("paid", "must be the total " + Messages.decimal(total) + " less line discounts "
                    + Messages.decimal(lineDiscounts) + " less the order discount "
                    + Messages.decimal(orderDiscount.amount()) + ": " + Messages.decimal(expected.amount()) + ", was "
                    + Messages.decimal(paid.amount()));
        }
        return paid;
    }

    private static Money nonNegative(Fields f, String name, Currency currency, String prefix) {
        Money m = money(f, name, currency, prefix);
        if (m.isNegative()) {
            throw new BadRecord(prefix + name, "must not be negative, was " + Messages.decimal(m.amount()));
        }
        return m;
    }

    private OrderLine line(Fields f, int index, Currency currency) {
        String prefix = "lines[" + index + "].";
        String sku = f.get("sku").orElseThrow(() -> new BadRecord(prefix + "sku", "is missing"));
        String category = f.get("category").orElseThrow(() -> new BadRecord(prefix + "category", "is missing"));
        String q = f.get("quantity").orElseThrow(() -> new BadRecord(prefix + "quantity", "is missing"));
        int quantity;
        try {
            quantity = Integer.parseInt(q.trim());
        } catch (NumberFormatException e) {
            throw new BadRecord(prefix + "quantity", q.trim().matches("[+-]?[0-9]+")
                    ? "must be at most " + OrderLine.MAX_QUANTITY + ", was " + Messages.quote(q.trim())
                    : "is not a whole number: " + Messages.quote(q));
        }
        if (quantity < 1) {
            throw new BadRecord(prefix + "quantity", "must be at least 1, was " + quantity);
        }
        if (quantity > OrderLine.MAX_QUANTITY) {
            throw new BadRecord(prefix + "quantity", "must be at most " + OrderLine.MAX_QUANTITY + ", was " + quantity);
        }
        Money price = nonNegative(f, "unit_price", currency, prefix);
        if (f.get("discount").isEmpty()) {
            try {
                return new OrderLine(sku, category, quantity, price);
            } catch (IllegalArgumentException e) {
                throw new BadRecord(prefix + "sku", e.getMessage());
            }
        }
        Money discount = nonNegative(f, "discount", currency, prefix);
        Money listTotal = price.times(quantity);
        if (discount.compareTo(listTotal) > 0) {
            throw new BadRecord(prefix + "discount", "must be at most the line's list total "
                    + Messages.decimal(listTotal.amount()) + " (quantity * unit_price), was "
                    + Messages.decimal(discount.amount()));
        }
        try {
            return new OrderLine(sku, category, quantity, price, discount);
        } catch (IllegalArgumentException e) {
            throw new BadRecord(prefix + "sku", e.getMessage());
        }
    }

    private Channel channel(Fields f) {
        String id = f.require("channel");
        return options.channels().find(id)
                .orElseThrow(() -> new BadRecord("channel", "unknown channel " + Messages.quote(id)));
    }

    private Instant instant(Fields f) {
        String s = f.require("instant").trim();
        Instant utc = utcSeconds(s);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an offset date-time; try a local one below
        }
        LocalDateTime local;
        try {
            local = s.indexOf('T') > 0 ? LocalDateTime.parse(s) : LocalDateTime.parse(s, SPACE_LOCAL);
        } catch (DateTimeParseException e) {
            throw new BadRecord("instant", "is not an ISO-8601 date-time: " + Messages.quote(s));
        }
        return options.zone()
                .map(zone -> local.atZone(zone).toInstant())
                .orElseThrow(() -> new BadRecord("instant", "has no offset and no zone is configured: " + Messages.quote(s)));
    }

    /**
     * {@code uuuu-MM-ddTHH:mm:ssZ}, the form o2o's writers and most exports use, read without the
     * general parser (which cost more than the rest of an order's fields); null for any other
     * text, including an impossible date or time, which the general parser then refuses.
     */
    static Instant utcSeconds(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number of {@code n} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Money money(Fields f, String name, Currency currency) {
        return money(f, name, currency, "");
    }

    private static Money money(Fields f, String name, Currency currency, String prefix) {
        String s = f.get(name).orElseThrow(() -> new BadRecord(prefix + name, "is missing"));
        try {
            return Money.parse(s, currency);
        } catch (IllegalArgumentException e) {
            throw new BadRecord(prefix + name, e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(Fields f, String name, Class<E> type) {
        String s = f.require(name);
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadRecord(name, "unknown " + name + " " + Messages.quote(s));
        }
    }

    private static <T> T value(Fields f, String name, Function<String, T> parse) {
        String s = f.require(name);
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw new BadRecord(name, e.getMessage());
        }
    }
}
