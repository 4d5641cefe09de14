package dev.o2o.loyalty.points;

import java.time.LocalDate;
import java.util.List;
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
 * @param baseLinePoints for a purchase, the part of {@code basePoints} each order line earned (see
 *                   {@link PointsAward#linePoints()}); empty when no part is known by line
 */
public record EarningContext(Member member, EarningEvent event, EarningHistory history, LocalDate localDate,
                             long basePoints, List<Long> baseLinePoints) {

    public EarningContext {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(localDate, "localDate");
        Checks.nonNegative(basePoints, "basePoints");
        baseLinePoints = List.copyOf(Objects.requireNonNull(baseLinePoints, "baseLinePoints"));
    }

    /** A context whose base points are not known by line. */
    public EarningContext(Member member, EarningEvent event, EarningHistory history, LocalDate localDate,
                          long basePoints) {
        this(member, event, history, localDate, basePoints, List.of());
    }

    /** A context for a first rule: the local date from the event's instant in the member's zone. */
    public static EarningContext of(Member member, EarningEvent event, EarningHistory history) {
        return new EarningContext(member, event, history,
                LocalDate.ofInstant(event.instant(), member.zone()), 0);
    }
}
