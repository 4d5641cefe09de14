package dev.o2o.risk;

import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.GuardVerdict.Action;
import java.util.List;
import java.util.Objects;

/**
 * The decision on one event: the strongest action any reason asks for (ALLOW when there are no
 * reasons) and every reason with its figures.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action  ALLOW, REVIEW or DENY: the strongest of the reasons'
 * @param reasons the reasons, strongest first (refused otherwise)
 */
public record RiskDecision(Action action, List<Reason> reasons) {

    private static final RiskDecision ALLOW = new RiskDecision(Action.ALLOW, List.of());

    public RiskDecision {
        Objects.requireNonNull(action, "action");
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        // strongest first, as documented: verdict() answers with the first reason's code
        for (int i = 1; i < reasons.size(); i++) {
            if (reasons.get(i).action().compareTo(reasons.get(i - 1).action()) > 0) {
                throw new IllegalArgumentException("reasons must be strongest first: " + reasons.get(i).action()
                        + " reason " + reasons.get(i).code() + " (index " + i + ") follows a "
                        + reasons.get(i - 1).action() + " one");
            }
        }
        Action strongest = reasons.isEmpty() ? Action.ALLOW : reasons.get(0).action();
        if (strongest != action) {
            throw new IllegalArgumentException("action " + action + " must be the strongest of the reasons' (" + strongest + ")");
        }
    }

    /** The decision without reasons. */
    public static RiskDecision allow() {
        return ALLOW;
    }

    /** The decision for a list of reasons, in any order: sorted strongest first. */
    public static RiskDecision of(List<Reason> reasons) {
        if (reasons.isEmpty()) {
            return ALLOW;
        }
        List<Reason> sorted = reasons.stream()
                .sorted((a, b) -> b.action().compareTo(a.action())).toList();
        return new RiskDecision(sorted.get(0).action(), sorted);
    }

    /** The verdict for the loyalty services: the action and the first (strongest) reason's code. */
    public GuardVerdict verdict() {
        if (reasons.isEmpty()) {
            return GuardVerdict.allow();
        }
        Reason top = reasons.get(0);
        String message = top.detail().length() > GuardVerdict.MAX_MESSAGE
                ? top.detail().substring(0, GuardVerdict.MAX_MESSAGE) : top.detail();
        return new GuardVerdict(action, top.code(), message);
    }
}
