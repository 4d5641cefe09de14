package dev.o2o.loyalty.points;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered set of {@link EarningRule}s with caps. Rules run by descending priority, higher first
 * (the one priority rule of o2o: coupons in a stack and campaign triggers also go higher first), ties
 * in the order they were added; rules added without a priority have priority 0; a rule marked "stop" ends the evaluation when it awarded points. Each
 * award is cut by its rule's caps and then by the set's caps (all rules together), per local day
 * and month of the member and in total, and the cut is explained in the award's reason.
 *
 * <p>Immutable and thread-safe (if its rules and the history passed in are).
 */
public final class RuleSet {

    /**
     * One rule of a set.
     *
     * @param rule     the rule
     * @param priority higher runs first
     * @param stop     end the evaluation after this rule when it awarded points
     * @param caps     caps of this rule
     */
    public record Entry(EarningRule rule, int priority, boolean stop, Caps caps) {
        public Entry {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(caps, "caps");
        }
    }

    private final Entry[] entries;
    private final Caps caps;

    private RuleSet(List<Entry> entries, Caps caps) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::priority).reversed()); // stable: ties keep insertion order
        this.entries = sorted.toArray(new Entry[0]);
        this.caps = caps;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The entries in evaluation order. */
    public List<Entry> entries() {
        return List.of(entries);
    }

    /** The caps over all rules. */
    public Caps caps() {
        return caps;
    }

    /** Evaluates all rules for one event of one member. */
    public Evaluation evaluate(Member member, EarningEvent event, EarningHistory history) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(history, "history");
        LocalDate day = LocalDate.ofInstant(event.instant(), member.zone());
        List<PointsAward> out = new ArrayList<>(entries.length);
        long base = 0;
        long total = 0;
        long[] byRule = new long[entries.length];
        // the base points each order line earned so far, for multipliers to share their extra alike
        int lineCount = event instanceof EarningEvent.Purchase p ? p.order().lines().size() : 0;
        long[] baseLines = new long[lineCount];
        List<Long> baseLineView = List.of();
        for (int i = 0; i < entries.length; i++) {
            Entry entry = entries[i];
            List<PointsAward> awards = entry.rule().evaluate(new EarningContext(member, event, history, day, base,
                    baseLineView));
            boolean awarded = false;
            for (PointsAward a : awards) {
                if (!a.ruleId().equals(entry.rule().id())) {
                    throw new IllegalStateException("rule '" + entry.rule().id() + "' returned an award of rule '"
                            + a.ruleId() + "'");
                }
                PointsAward capped = a;
                if (a.points() > 0 && !entry.caps().isNone()) {
                    capped = cap(capped, entry.caps(), a.ruleId(), byRule[i], history, day, "rule");
                }
                if (capped.points() > 0 && !caps.isNone()) {
                    capped = cap(capped, caps, EarningHistory.ALL_RULES, total, history, day, "overall");
                }
                out.add(capped);
                byRule[i] += capped.points();
                total += capped.points();
                if (!capped.linePoints().isEmpty() && capped.linePoints().size() != lineCount) {
                    throw new IllegalStateException("rule '" + entry.rule().id() + "' returned " + capped.linePoints()
                            .size() + " line points for an order of " + lineCount + " lines");
                }
                if (capped.kind() == PointsAward.Kind.BASE) {
                    base += capped.points();
                    if (!capped.linePoints().isEmpty()) {
                        Long[] view = new Long[lineCount];
                        for (int k = 0; k < lineCount; k++) {
                            baseLines[k] += capped.linePoints().get(k);
                            view[k] = baseLines[k];
                        }
                        baseLineView = List.of(view);
                    }
                }
                awarded |= capped.points() > 0;
            }
            if (entry.stop() && awarded) {
                break;
            }
        }
        return new Evaluation(event, day, out, total);
    }

    private static PointsAward cap(PointsAward a, Caps caps, String ruleId, long already, EarningHistory history,
                                   LocalDate day, String scope) {
        long allowed = a.points();
        String by = null;
        if (caps.perDay() != Long.MAX_VALUE) {
            long left = Math.max(0, caps.perDay() - history.earned(ruleId, day, day) - already);
            if (left < allowed) {
                allowed = left;
                by = "the " + scope + " daily cap of " + caps.perDay();
            }
        }
        if (caps.perMonth() != Long.MAX_VALUE) {
            LocalDate first = day.withDayOfMonth(1);
            long left = Math.max(0, caps.perMonth() - history.earned(ruleId, first, first.plusMonths(1).minusDays(1))
                    - already);
            if (left < allowed) {
                allowed = left;
                by = "the " + scope + " monthly cap of " + caps.perMonth();
            }
        }
        if (caps.total() != Long.MAX_VALUE) {
            long left = Math.max(0, caps.total() - history.earnedTotal(ruleId) - already);
            if (left < allowed) {
                allowed = left;
                by = "the " + scope + " total cap of " + caps.total();
            }
        }
        if (by == null) {
            return a;
        }
        return a.cutTo(allowed, a.reason() + "; cut from " + a.points() + " by " + by);
    }

    /** Builds a {@link RuleSet}. Not thread-safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private Caps caps = Caps.none();
        private boolean capsSet;

        private Builder() {
        }

        /** Adds a rule with priority 0 (after higher priorities, in insertion order among equals), no stop, no caps. */
        public Builder add(EarningRule rule) {
            return add(rule, 0, false, Caps.none());
        }

        /** Adds a rule with priority 0 and the given caps. */
        public Builder add(EarningRule rule, Caps ruleCaps) {
            return add(rule, 0, false, ruleCaps);
        }

        /** Adds a rule; a higher {@code priority} runs earlier. */
        public Builder add(EarningRule rule, int priority, boolean stop, Caps ruleCaps) {
            Entry e = new Entry(rule, priority, stop, ruleCaps);
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("rule id '" + rule.id() + "' is used twice in the rule set");
            }
            entries.add(e);
            return this;
        }

        /** Caps over all rules together. */
        public Builder caps(Caps overall) {
            if (capsSet) {
                throw new IllegalStateException("caps were set already");
            }
            this.caps = Objects.requireNonNull(overall, "caps");
            this.capsSet = true;
            return this;
        }

        /** The rule set. */
        public RuleSet build() {
            return new RuleSet(entries, caps);
        }
    }
}
