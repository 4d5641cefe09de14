package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.Objects;

/**
 * The event of a member changing tier, with its reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param member     the member (account)
 * @param from       previous tier id
 * @param to         new tier id
 * @param at         when
 * @param reason     why
 * @param qualifying the qualifying value over the window at that time
 * @param explanation readable text
 */
public record TierChange(String member, String from, String to, Instant at, Reason reason, long qualifying,
                         String explanation) {

    public TierChange {
        Ids.requireId(member, "member");
        Ids.requireId(from, "from");
        Ids.requireId(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(explanation, "explanation");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a tier change of '" + member + "' must change the tier: " + from);
        }
    }

    /** Why a tier changed. */
    public enum Reason {
        /** The qualifying value crossed a higher tier's threshold (immediate). */
        THRESHOLD_REACHED,
        /** At a review, the window no longer supported the tier. */
        REVIEW_DOWNGRADE
    }
}
