package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;

import java.util.Objects;
import java.util.Optional;

/** Helpers shared by the stores' merges and erasures. Stateless. */
final class CustomerChanges {

    private CustomerChanges() {
    }

    static void requireDistinct(CustomerKey from, CustomerKey to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("the two customer keys must differ: " + to);
        }
    }

    /** The first outcome with its customer (and its redemption's) replaced. */
    static FirstOutcome renamed(FirstOutcome o, CustomerKey to) {
        Optional<Redemption> red = o.redemption().map(r -> new Redemption(r.key(), r.code(), r.couponId(), to,
                r.orderId(), r.discount(), r.storeId(), r.cashierId(), r.redeemedAt(), r.rolledBackAt()));
        return new FirstOutcome(o.code(), to, red, o.refusal());
    }
}
