package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The rules both campaign stores follow when a customer's key changes (merge or erasure). Stateless. */
final class CustomerRename {

    private CustomerRename() {
    }

    static void requireDistinct(CustomerKey from, CustomerKey to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("the two customer keys must differ: " + to);
        }
    }

    /**
     * The survivor's progress in a mission both keys were enrolled in: the further one (completed
     * beats not completed, then more counted steps; a tie keeps the survivor's), saved under
     * {@code to} with the survivor's next version so that a concurrent save of its old version fails.
     *
     * @param survivor the survivor's progress, or null if it was not enrolled
     */
    static MissionProgress combined(MissionProgress survivor, MissionProgress absorbed, CustomerKey to) {
        MissionProgress w = survivor == null || progress(absorbed) > progress(survivor) ? absorbed : survivor;
        long version = (survivor == null ? 0 : survivor.version()) + 1;
        return new MissionProgress(to, w.missionId(), w.enrolledAt(), w.steps(), w.completedAt(), version);
    }

    private static long progress(MissionProgress p) {
        return p.completedAt().isPresent() ? Long.MAX_VALUE : p.steps().size();
    }

    /**
     * {@code key} with every {@code ':'}-separated segment equal to {@code from} replaced by
     * {@code to}: action keys embed customer keys that way ({@code mission:<id>:<customer>}).
     */
    static String segments(String key, String from, String to) {
        String[] parts = key.split(":", -1);
        boolean changed = false;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals(from)) {
                parts[i] = to;
                changed = true;
            }
        }
        return changed ? String.join(":", parts) : key;
    }

    /** Planned actions with the customer, and its segments in their keys, replaced; null if none named it. */
    static List<PlannedAction> renamed(List<PlannedAction> actions, CustomerKey from, CustomerKey to) {
        boolean changed = false;
        List<PlannedAction> out = new ArrayList<>(actions.size());
        for (PlannedAction a : actions) {
            String key = segments(a.key(), from.value(), to.value());
            CustomerKey who = a.customer().equals(from) ? to : a.customer();
            if (!key.equals(a.key()) || !who.equals(a.customer())) {
                changed = true;
                out.add(new PlannedAction(key, who, a.source(), a.ruleId(), a.action()));
            } else {
                out.add(a);
            }
        }
        return changed ? List.copyOf(out) : null;
    }
}
