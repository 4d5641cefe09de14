package dev.o2o.risk;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why a decision is not a plain ALLOW: the stable code of the rule or signal, the action it asks
 * for, and the figure behind it (the measured value against the threshold it reached).
 *
 * <p>{@code subject} names what was measured (for example {@code "device"} or
 * {@code "customer"}), not its value, so that reasons can be logged without personal data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code      stable code: upper case letters, digits, underscores
 * @param action    REVIEW or DENY
 * @param subject   what was measured (a field name, a store, a cluster size...) without identifiers
 * @param value     the measured figure
 * @param threshold the threshold it reached
 * @param detail    a readable sentence with the figures, without identifiers
 * @param exact     false when the figure is a bound (a key with more entries than the engine keeps)
 */
public record Reason(String code, Action action, String subject, double value, double threshold, String detail,
                     boolean exact) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public Reason {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("reason code must be 1-64 upper case letters, digits or underscores: '"
                    + code + "'");
        }
        Objects.requireNonNull(action, "action");
        if (action == Action.ALLOW) {
            throw new IllegalArgumentException("a reason asks for REVIEW or DENY, not ALLOW (code " + code + ")");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        if (Double.isNaN(value) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("value and threshold of reason " + code + " must be numbers: "
                    + value + ", " + threshold);
        }
    }
}
