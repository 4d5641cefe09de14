package dev.o2o.loyalty.points;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One member's {@link EarningHistory} in memory: record each evaluation after posting it.
 *
 * <p>Thread-safe (synchronised).
 */
public final class MemberHistory implements EarningHistory {

    private final Map<String, Map<LocalDate, Long>> byRuleAndDay = new HashMap<>();
    private final Map<String, Long> totals = new HashMap<>();
    private final Set<String> codes = new HashSet<>();

    /** An empty history. */
    public MemberHistory() {
    }

    /** Records the awards of an evaluation on its local date, and claims the QR code of a scan. */
    public synchronized void record(Evaluation evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        for (PointsAward a : evaluation.awards()) {
            if (a.points() == 0) {
                continue;
            }
            add(a.ruleId(), evaluation.localDate(), a.points());
            add(ALL_RULES, evaluation.localDate(), a.points());
        }
        if (evaluation.event() instanceof EarningEvent.QrScan scan && evaluation.total() > 0) {
            codes.add(scan.code());
        }
    }

    private void add(String rule, LocalDate day, long points) {
        byRuleAndDay.computeIfAbsent(rule, r -> new HashMap<>()).merge(day, points, Long::sum);
        totals.merge(rule, points, Long::sum);
    }

    @Override
    public synchronized long earned(String ruleId, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days = byRuleAndDay.get(ruleId);
        if (days == null) {
            return 0;
        }
        long sum = 0;
        for (Map.Entry<LocalDate, Long> e : days.entrySet()) {
            if (!e.getKey().isBefore(from) && !e.getKey().isAfter(to)) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    @Override
    public synchronized long earnedTotal(String ruleId) {
        return totals.getOrDefault(ruleId, 0L);
    }

    @Override
    public synchronized boolean codeClaimed(String code) {
        return codes.contains(code);
    }
}
