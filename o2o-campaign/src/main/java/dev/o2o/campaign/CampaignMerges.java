package dev.o2o.campaign;

import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.StoreChange;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a {@link CampaignStore} follow customer merges and erasures (see
 * {@link CampaignStore#mergeCustomer} and {@link CampaignStore#eraseCustomer} for what moves).
 *
 * <p>In a mission both keys were enrolled in, the survivor keeps the further progress: a
 * completed mission beats an open one, then more counted steps win, and a tie keeps the
 * survivor's own; the other record is dropped (its reward, if completed, was planned already).
 *
 * <p><b>Unmerge policy: campaign state stays with the survivor.</b> Fires and contact counts
 * record messages the merged customer received, and mission progress and referral claims cannot
 * be split by who earned them; undoing a merge therefore moves nothing here (the report says
 * so with zero counts). Caps and cool-downs of the split-off key start afresh.
 *
 * <p>Thread-safe if the store is (the built-in stores are).
 */
public final class CampaignMerges {

    private static final String NAME = "campaign";

    private CampaignMerges() {
    }

    /** Merges over a campaign store, reported under the name {@code "campaign"}. */
    public static CustomerDataStore of(CampaignStore store) {
        Objects.requireNonNull(store, "store");
        return CustomerDataStore.of(NAME,
                merge -> change(store.mergeCustomer(merge.mergeId(), merge.absorbed(), merge.survivor())),
                (merge, returnTo) -> change(new CampaignMove(false, 0, 0, 0, 0, 0)),
                (customer, replacement) -> change(store.eraseCustomer(customer, replacement)));
    }

    private static StoreChange change(CampaignMove m) {
        return new StoreChange(NAME, m.replayed(), Map.of("fires", m.fires(), "missions", m.missions(),
                "invites", m.invites(), "referrals", m.referrals(), "kept", m.kept()));
    }
}
