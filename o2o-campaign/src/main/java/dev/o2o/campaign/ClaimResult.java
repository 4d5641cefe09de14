package dev.o2o.campaign;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of claiming an invite code, and any share-to-unlock reward it released.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status  what happened
 * @param actions rewards to run (the inviter's unlock reward when this claim reached the threshold)
 */
public record ClaimResult(Status status, List<PlannedAction> actions) {

    /** Claim outcomes. */
    public enum Status {
        /** The claim was recorded. */
        CLAIMED,
        /** No invite has this code. */
        UNKNOWN_CODE,
        /** Inviter and invitee are one customer (identity graph or shared device). */
        SELF_REFERRAL,
        /** The invitee has claimed a code of this programme before. */
        ALREADY_CLAIMED
    }

    public ClaimResult {
        Objects.requireNonNull(status, "status");
        actions = List.copyOf(actions);
    }
}
