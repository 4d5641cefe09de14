package dev.o2o.segmentation.lifecycle;

import java.time.LocalDate;
import java.util.Collection;

/** Fixed day thresholds. Immutable and thread-safe. */
record FixedPolicy(int newDays, int sleepingDays, int churnedDays) implements LifecyclePolicy {

    FixedPolicy {
        if (newDays < 0) {
            throw new IllegalArgumentException("newDays must be >= 0, got " + newDays);
        }
        if (sleepingDays < 1) {
            throw new IllegalArgumentException("sleepingDays must be >= 1, got " + sleepingDays);
        }
        if (churnedDays <= sleepingDays) {
            throw new IllegalArgumentException("churnedDays (" + churnedDays + ") must exceed sleepingDays ("
                    + sleepingDays + ")");
        }
    }

    @Override
    public LifecycleStage stageOf(Collection<LocalDate> purchaseDays, LocalDate asOf) {
        long[] days = Days.sorted(purchaseDays, asOf);
        return Days.decide(days, asOf.toEpochDay(), newDays, sleepingDays, churnedDays, churnedDays);
    }
}
