package dev.o2o.segmentation.lifecycle;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;

/** Thresholds relative to the customer's own median gap. Immutable and thread-safe. */
record RelativePolicy(double sleepingFactor, double churnedFactor, FixedPolicy fallback) implements LifecyclePolicy {

    RelativePolicy {
        if (!(sleepingFactor > 0) || !Double.isFinite(sleepingFactor)) {
            throw new IllegalArgumentException("sleepingFactor must be finite and > 0, got " + sleepingFactor);
        }
        if (!(churnedFactor > sleepingFactor) || !Double.isFinite(churnedFactor)) {
            throw new IllegalArgumentException("churnedFactor (" + churnedFactor + ") must exceed sleepingFactor ("
                    + sleepingFactor + ")");
        }
    }

    @Override
    public LifecycleStage stageOf(Collection<LocalDate> purchaseDays, LocalDate asOf) {
        long[] days = Days.sorted(purchaseDays, asOf);
        long sleeping = fallback.sleepingDays();
        long churned = fallback.churnedDays();
        long wonBackGap = fallback.churnedDays();
        if (days.length >= 2) {
            double gap = medianGap(days, days.length);
            sleeping = Math.max(1, Math.round(sleepingFactor * gap));
            churned = Math.max(sleeping + 1, Math.round(churnedFactor * gap));
        }
        if (days.length >= 3) {
            // judge the last gap against the customer's habit before it
            wonBackGap = Math.max(1, Math.round(churnedFactor * medianGap(days, days.length - 1)));
        }
        return Days.decide(days, asOf.toEpochDay(), fallback.newDays(), sleeping, churned, wonBackGap);
    }

    /** Median gap between consecutive days among the first {@code count} days. */
    private static double medianGap(long[] days, int count) {
        long[] gaps = new long[count - 1];
        for (int i = 1; i < count; i++) {
            gaps[i - 1] = days[i] - days[i - 1];
        }
        Arrays.sort(gaps);
        int n = gaps.length;
        return n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2.0;
    }
}
