package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A code issued to a customer, as stored.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code          the code
 * @param couponId      the coupon it belongs to
 * @param customer      the holder
 * @param state         the stored state (a reservation may have passed {@code reservedUntil})
 * @param orderId       the order holding the reservation or the redemption, if any
 * @param reservedUntil the reservation deadline, if reserved
 * @param issuedAt      when it was issued
 */
public record IssuedCode(String code, String couponId, CustomerKey customer, CodeState state, Optional<String> orderId,
                         Optional<Instant> reservedUntil, Instant issuedAt) {

    public IssuedCode {
        Check.code(code, "code");
        Check.id(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(orderId, "orderId");
        orderId.ifPresent(o -> Check.id(o, "orderId"));
        Objects.requireNonNull(reservedUntil, "reservedUntil");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** The state at {@code now}: an expired reservation is {@link CodeState#ISSUED}. */
    public CodeState stateAt(Instant now) {
        if (state == CodeState.RESERVED && reservedUntil.isPresent() && !now.isBefore(reservedUntil.get())) {
            return CodeState.ISSUED;
        }
        return state;
    }
}
