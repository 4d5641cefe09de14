package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's progress in one mission: enrolment, the counted steps and completion.
 * {@link #version} starts at 1 and grows by one per save (optimistic concurrency in the store).
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer    the customer
 * @param missionId   the mission
 * @param enrolledAt  when the customer was enrolled; only later events count
 * @param steps       counted events, in arrival order
 * @param completedAt when the mission was completed (the reward is planned once, then)
 * @param version     the save counter, {@code >= 1}
 */
public record MissionProgress(CustomerKey customer, String missionId, Instant enrolledAt, List<MissionStep> steps,
                              Optional<Instant> completedAt, long version) {

    public MissionProgress {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(missionId, "missionId");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        steps = List.copyOf(steps);
        Objects.requireNonNull(completedAt, "completedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
    }

    /** True if a step with this ref is counted already. */
    public boolean hasStep(String ref) {
        return steps.stream().anyMatch(s -> s.ref().equals(ref));
    }
}
