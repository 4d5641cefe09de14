package dev.o2o.campaign;

import dev.o2o.core.Ids;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of a referral programme: two-sided rewards when the invitee's first order lands
 * within {@link #window} of the claim, and share-to-unlock: the inviter's {@link #unlockReward}
 * once {@link #unlockClaims} friends have claimed the code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id             programme id, an id {@link dev.o2o.core.Ids#requireId} accepts (at most 200 characters)
 * @param window         how long after the claim the first order still counts
 * @param inviterReward  reward for the inviter on conversion
 * @param inviteeReward  reward for the invitee on conversion
 * @param unlockClaims   claims that unlock the share reward; 0 for none
 * @param unlockReward   the share-to-unlock reward; present iff unlockClaims &gt; 0
 */
public record ReferralProgram(String id, Duration window, Action inviterReward, Action inviteeReward, int unlockClaims,
                              Optional<Action> unlockReward) {

    public ReferralProgram {
        Ids.requireId(id, "referral programme id");
        Objects.requireNonNull(window, "window");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("referral programme '" + id + "': window must be positive: " + window);
        }
        requireReward(id, "inviterReward", inviterReward);
        requireReward(id, "inviteeReward", inviteeReward);
        Objects.requireNonNull(unlockReward, "unlockReward");
        if (unlockClaims < 0) {
            throw new IllegalArgumentException("referral programme '" + id + "': unlockClaims must be >= 0: " + unlockClaims);
        }
        if ((unlockClaims > 0) != unlockReward.isPresent()) {
            throw new IllegalArgumentException("referral programme '" + id
                    + "': unlockReward must be given exactly when unlockClaims > 0 (unlockClaims=" + unlockClaims + ")");
        }
        unlockReward.ifPresent(r -> requireReward(id, "unlockReward", r));
    }

    /** A programme without share-to-unlock. */
    public static ReferralProgram of(String id, Duration window, Action inviterReward, Action inviteeReward) {
        return new ReferralProgram(id, window, inviterReward, inviteeReward, 0, Optional.empty());
    }

    /** This programme with share-to-unlock after {@code claims} friends claimed. */
    public ReferralProgram withShareToUnlock(int claims, Action reward) {
        return new ReferralProgram(id, window, inviterReward, inviteeReward, claims, Optional.of(reward));
    }

    private static void requireReward(String id, String field, Action reward) {
        Objects.requireNonNull(reward, field);
        if (!(reward instanceof Action.IssueCoupon || reward instanceof Action.AwardPoints)) {
            throw new IllegalArgumentException("referral programme '" + id + "': " + field
                    + " must be a coupon or points, got " + reward.getClass().getSimpleName());
        }
    }
}
