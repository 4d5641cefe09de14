package dev.o2o.loyalty.guard;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A guard's answer: the action, a stable reason code for callers and reports to branch on, and a
 * readable message. Messages must not contain personal data (phone numbers, e-mail addresses,
 * raw identifiers): they end up in refusals and logs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action  what the caller does
 * @param reason  a stable code, upper case letters, digits and underscores ({@code ALLOW} for an allowance)
 * @param message a readable explanation, at most {@value #MAX_MESSAGE} characters
 */
public record GuardVerdict(Action action, String reason, String message) {

    /** The longest message. */
    public static final int MAX_MESSAGE = 500;

    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final GuardVerdict ALLOW = new GuardVerdict(Action.ALLOW, "ALLOW", "allowed");

    public GuardVerdict {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (!REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("reason must be 1-64 upper case letters, digits or underscores "
                    + "starting with a letter: '" + reason + "'");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("message must be at most " + MAX_MESSAGE + " characters: "
                    + message.length());
        }
    }

    /** What a caller does with the operation. */
    public enum Action {
        /** Go ahead. */
        ALLOW,
        /** Go ahead; the guard has kept the case for an operator to release or confirm. */
        REVIEW,
        /** Stop: write nothing and refuse. */
        DENY
    }

    /** The plain allowance. */
    public static GuardVerdict allow() {
        return ALLOW;
    }

    /** A denial with its reason code and message. */
    public static GuardVerdict deny(String reason, String message) {
        return new GuardVerdict(Action.DENY, reason, message);
    }

    /** A verdict to go ahead but keep the case for review. */
    public static GuardVerdict review(String reason, String message) {
        return new GuardVerdict(Action.REVIEW, reason, message);
    }

    /** Whether the operation must stop. */
    public boolean denied() {
        return action == Action.DENY;
    }
}
