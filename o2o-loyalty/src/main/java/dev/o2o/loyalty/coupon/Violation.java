package dev.o2o.loyalty.coupon;

import java.util.Objects;

/**
 * One failed condition: a stable code and a readable message.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code    the stable reason code
 * @param message a readable explanation, for logs and staff (not localised)
 */
public record Violation(ReasonCode code, String message) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
