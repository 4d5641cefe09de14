package dev.o2o.loyalty.points;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What an {@link EarningRule} sees: the member, the event, the member's earning history, the
 * member's local date of the event, and the base points awarded so far by earlier rules of the set.
 *
 * <p>Immutable and thread-safe if the history is.
 *
 * @param member     the member
 * @param event      what happened
 * @param history    earlier awards and claimed codes
 * @param localDate  the event's date in the member's time zone
 * @param basePoints sum of {@link PointsAward.Kind#BASE} points of earlier rules in this evaluation
 */
public record EarningContext(Member member, EarningEvent event, EarningHistory history, LocalDate localDate,
                             long basePoints) {

    public EarningContext {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(localDate, "localDate");
        Checks.nonNegative(basePoints, "basePoints");
    }

    /** A context for a first rule: the local date from the event's instant in the member's zone. */
    public static EarningContext of(Member member, EarningEvent event, EarningHistory history) {
        return new EarningContext(member, event, history,
                LocalDate.ofInstant(event.instant(), member.zone()), 0);
    }
}
