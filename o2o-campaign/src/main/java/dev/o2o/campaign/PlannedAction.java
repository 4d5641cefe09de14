package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.util.Objects;

/**
 * An action the engine decided on, for the host to run.
 *
 * <p>{@link #key} is stable for a given event, trigger and action (or mission and customer,
 * or referral and side): record the result under it ({@link CampaignStore#recordResult}) and a
 * retry will not run the action again.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key      idempotency key
 * @param customer who the action is for
 * @param source   the campaign, mission or referral programme that planned it
 * @param ruleId   the trigger id, or the mission id, or the referral side
 * @param action   what to do; store offers are already resolved to a coupon
 */
public record PlannedAction(String key, CustomerKey customer, String source, String ruleId, Action action) {

    public PlannedAction {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(action, "action");
        if (action instanceof Action.StoreOffer) {
            throw new IllegalArgumentException("planned action '" + key + "': a store offer must be resolved to a coupon");
        }
    }
}
