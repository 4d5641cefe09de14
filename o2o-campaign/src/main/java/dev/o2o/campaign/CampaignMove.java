package dev.o2o.campaign;

/**
 * What a {@link CampaignStore} did for a customer merge or an erasure (counts only, no personal
 * data).
 *
 * <p>Immutable and thread-safe.
 *
 * @param replayed  whether the merge id had been applied before, so nothing changed now
 * @param fires     trigger fires moved (their daily contact counts are added to the survivor's)
 * @param missions  mission progress records moved or combined with the survivor's
 * @param invites   invite codes moved
 * @param referrals referral claims moved, as invitee or as inviter
 * @param kept      invites and claims left under the old key because the survivor has its own in
 *                  the same programme (a programme allows one of each per customer)
 */
public record CampaignMove(boolean replayed, long fires, long missions, long invites, long referrals, long kept) {

    public CampaignMove {
        if (fires < 0 || missions < 0 || invites < 0 || referrals < 0 || kept < 0) {
            throw new IllegalArgumentException("counts must be >= 0: " + fires + ", " + missions + ", " + invites
                    + ", " + referrals + ", " + kept);
        }
    }

    /** The same counts, marked replayed. */
    CampaignMove asReplay() {
        return new CampaignMove(true, fires, missions, invites, referrals, kept);
    }
}
