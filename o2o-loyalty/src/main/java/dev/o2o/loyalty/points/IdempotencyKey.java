package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import java.util.Objects;

/**
 * The idempotency key of a posting: its entry type and its source reference. A key belongs to one
 * outcome in the whole ledger (an entry or a remembered rejection, on one account): posting it again
 * returns that outcome and changes nothing.
 *
 * <p>Stores keep the two parts as they are (no string is built and parsed again). Immutable and
 * thread-safe.
 *
 * @param type      the entry type the posting appends
 * @param sourceRef the business reference (order id, refund id, QR code, ...), an id as
 *                  {@link Ids#requireId} accepts it (at most {@value Ids#MAX_LENGTH} characters)
 */
public record IdempotencyKey(EntryType type, String sourceRef) {

    public IdempotencyKey {
        Objects.requireNonNull(type, "type");
        Ids.requireId(sourceRef, "sourceRef");
    }

    public static IdempotencyKey of(EntryType type, String sourceRef) {
        return new IdempotencyKey(type, sourceRef);
    }

    /** A form for messages and logs that does not show the whole source reference, for example {@code EARN:'or****42' (8 chars)}. */
    public String masked() {
        return type.name() + ":" + Ids.describe(sourceRef);
    }

    /** {@code TYPE:sourceRef}, for people; not meant to be parsed. */
    @Override
    public String toString() {
        return type.name() + ":" + sourceRef;
    }
}
