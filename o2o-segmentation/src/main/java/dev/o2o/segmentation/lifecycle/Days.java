package dev.o2o.segmentation.lifecycle;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;

/** Shared day arithmetic of the lifecycle policies. Stateless. */
final class Days {

    private Days() {
    }

    /** Distinct epoch days on or before {@code asOf}, ascending. */
    static long[] sorted(Collection<LocalDate> purchaseDays, LocalDate asOf) {
        Objects.requireNonNull(purchaseDays, "purchaseDays");
        Objects.requireNonNull(asOf, "asOf");
        long[] days = purchaseDays.stream().map(d -> Objects.requireNonNull(d, "purchase day"))
                .filter(d -> !d.isAfter(asOf)).mapToLong(LocalDate::toEpochDay).sorted().distinct().toArray();
        if (days.length == 0) {
            throw new IllegalArgumentException("no purchase on or before " + asOf);
        }
        return days;
    }

    static LifecycleStage decide(long[] days, long asOf, long newDays, long sleeping, long churned, long wonBackGap) {
        long last = days[days.length - 1];
        long since = asOf - last;
        if (asOf - days[0] < newDays) {
            return LifecycleStage.NEW;
        }
        if (since >= churned) {
            return LifecycleStage.CHURNED;
        }
        if (since >= sleeping) {
            return LifecycleStage.SLEEPING;
        }
        if (days.length >= 2 && last - days[days.length - 2] >= wonBackGap) {
            return LifecycleStage.WON_BACK;
        }
        return LifecycleStage.ACTIVE;
    }
}
