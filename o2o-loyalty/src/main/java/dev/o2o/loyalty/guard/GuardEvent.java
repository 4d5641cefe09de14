package dev.o2o.loyalty.guard;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.loyalty.points.Posting;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link LoyaltyGuard} is asked about: a coupon redemption, a store verification or a
 * points posting, each with the instant (from the service's clock) it is attempted at.
 *
 * <p>Implementations are immutable, thread-safe records.
 */
public sealed interface GuardEvent permits GuardEvent.CouponRedemption, GuardEvent.StoreVerification,
        GuardEvent.PointsPosting {

    /** When the operation is attempted. */
    Instant at();

    /**
     * A redemption that passed validation and is about to be written.
     *
     * @param key       the redemption's idempotency key
     * @param code      the normalized code
     * @param couponId  the coupon
     * @param customer  the redeeming customer
     * @param orderId   the order
     * @param discount  the discount it would grant
     * @param storeId   the store, for a redemption at a counter
     * @param cashierId the cashier, for a redemption at a counter
     * @param at        when
     */
    record CouponRedemption(String key, String code, String couponId, CustomerKey customer, String orderId,
                            Money discount, Optional<String> storeId, Optional<String> cashierId, Instant at)
            implements GuardEvent {
        public CouponRedemption {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(couponId, "couponId");
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(discount, "discount");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(cashierId, "cashierId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A code checked at a store counter that passed every other check.
     *
     * @param code      the normalized code
     * @param couponId  the coupon
     * @param holder    the customer the code was issued to
     * @param storeId   the store
     * @param cashierId the cashier (clerk)
     * @param at        when
     */
    record StoreVerification(String code, String couponId, CustomerKey holder, String storeId, String cashierId,
                             Instant at) implements GuardEvent {
        public StoreVerification {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(couponId, "couponId");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(cashierId, "cashierId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A posting whose key is new to the ledger, about to be applied.
     *
     * @param posting the posting
     * @param at      the posting time
     */
    record PointsPosting(Posting posting, Instant at) implements GuardEvent {
        public PointsPosting {
            Objects.requireNonNull(posting, "posting");
            Objects.requireNonNull(at, "at");
        }
    }
}
