package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The code-state rules of {@link CouponStore#reserve}, {@link CouponStore#release},
 * {@link CouponStore#voidCode} and of redeeming, in one place for the in-memory and the JDBC store,
 * so that both refuse the same cases with the same reason and message. Each rule reads the code's
 * state as the store holds it (under the store's lock) and returns the outcome to answer, or null
 * where the store goes on to change the code. Stateless.
 */
final class CodeRules {
    /** Why a redeemed code cannot be voided. */
    static final String VOID_REDEEMED = "code already redeemed; roll the redemption back first to void it";

    private CodeRules() {
    }

    /** Checks the arguments of {@link CouponStore#reserve}. */
    static void checkReserve(String code, CustomerKey customer, String orderId, Instant now, Duration timeout) {
        Check.code(code, "code");
        Objects.requireNonNull(customer, "customer");
        Check.id(orderId, "orderId");
        Objects.requireNonNull(now, "now");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("reservation timeout must be positive: " + timeout);
        }
    }

    /**
     * Why order {@code orderId} cannot use the code now (voided, redeemed, or reserved by another
     * order until a later instant), or null.
     *
     * @param heldBy        the order holding the reservation, null if none
     * @param reservedUntil the end of the reservation, null if it has none (as {@link IssuedCode#stateAt})
     */
    static StoreOutcome busy(CodeState state, String heldBy, Instant reservedUntil, String orderId, Instant now) {
        if (state == CodeState.VOIDED) {
            return StoreOutcome.fail(ReasonCode.VOIDED, "code voided");
        }
        if (state == CodeState.REDEEMED) {
            return StoreOutcome.fail(ReasonCode.ALREADY_REDEEMED, "code already redeemed");
        }
        if (state == CodeState.RESERVED && !orderId.equals(heldBy) && (reservedUntil == null || now.isBefore(reservedUntil))) {
            return StoreOutcome.fail(ReasonCode.RESERVED, "code reserved for another order until " + reservedUntil);
        }
        return null;
    }

    /**
     * What releasing the code for {@code orderId} answers: done already (an issued code), refused
     * (redeemed, voided, or reserved by another order), or null to free the reservation.
     */
    static StoreOutcome release(CodeState state, String heldBy, String orderId) {
        if (state == CodeState.ISSUED) {
            return StoreOutcome.OK;
        }
        if (state == CodeState.REDEEMED) {
            return StoreOutcome.fail(ReasonCode.INVALID_STATE, "code is redeemed; roll the redemption back instead");
        }
        if (state == CodeState.VOIDED) {
            return StoreOutcome.fail(ReasonCode.VOIDED, "code voided");
        }
        if (!orderId.equals(heldBy)) {
            return StoreOutcome.fail(ReasonCode.RESERVED, "code is reserved by another order");
        }
        return null;
    }

    /** What voiding the code answers: a replay (voided already), refused (redeemed), or null to void it. */
    static StoreOutcome voiding(CodeState state) {
        if (state == CodeState.VOIDED) {
            return StoreOutcome.OK_REPLAYED;
        }
        if (state == CodeState.REDEEMED) {
            return StoreOutcome.fail(ReasonCode.ALREADY_REDEEMED, VOID_REDEEMED);
        }
        return null;
    }
}
