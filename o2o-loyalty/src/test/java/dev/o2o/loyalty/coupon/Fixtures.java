package dev.o2o.loyalty.coupon;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;

/** Shared test values. */
final class Fixtures {
    static final Currency CNY = Currency.getInstance("CNY");
    /** A Wednesday, 18:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-07-15T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final CustomerKey ALICE = CustomerKey.of("alice");
    static final Channel APP = Channel.online("app");
    static final Channel POS = Channel.offline("pos");

    private Fixtures() {
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static OrderLine line(String sku, String category, int qty, String unit) {
        return new OrderLine(sku, category, qty, cny(unit));
    }

    /** tea 2 x 15.00, cake 1 x 45.50, cup 3 x 9.99: total 105.47. */
    static Cart cart() {
        return Cart.of(line("tea", "drinks", 2, "15.00"), line("cake", "bakery", 1, "45.50"), line("cup", "goods", 3, "9.99"));
    }

    static CustomerContext online() {
        return CustomerContext.of(ALICE, APP);
    }
}
