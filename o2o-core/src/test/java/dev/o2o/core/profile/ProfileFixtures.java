package dev.o2o.core.profile;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class ProfileFixtures {
    static final Channel APP = Channel.online("app");
    static final Channel MINI = Channel.online("mini-program");
    static final Channel STORE = Channel.offline("store");
    static final CustomerKey ALICE = CustomerKey.of("alice");
    static final Instant D1 = Instant.parse("2026-03-01T10:00:00Z");

    private ProfileFixtures() {
    }

    static Instant day(int d, int hour) {
        return D1.plusSeconds(86_400L * (d - 1) + 3600L * (hour - 10));
    }

    static Touchpoint touch(CustomerKey c, Channel ch, Instant at, TouchpointType type) {
        return Touchpoint.of(c, ch, at, type);
    }

    static Order order(String id, CustomerKey c, Channel ch, String store, Instant at, String amount,
                       OrderStatus status, String refunded) {
        return new Order(id, c, ch, Optional.ofNullable(store), at,
                List.of(new OrderLine("sku-" + id, "cat", 1, Money.of(amount, "CNY"))), status, Money.of(refunded, "CNY"));
    }
}
