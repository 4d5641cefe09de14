package dev.o2o.campaign;

import dev.o2o.core.Ids;

/**
 * The checks both built-in campaign stores make on values passed to them directly, before they
 * write anything, so that the in-memory store refuses exactly what the JDBC store cannot hold (its
 * columns' lengths; PostgreSQL cannot store NUL and turns an unpaired surrogate into {@code '?'})
 * and both refuse it with the same message. Values built by the engine pass already; these guard
 * a host calling a store itself. Stateless and thread-safe.
 */
final class StoreValues {

    /** The longest action key, the JDBC store's {@code result.action_key VARCHAR(800)}. */
    static final int MAX_ACTION_KEY_LENGTH = 800;

    private StoreValues() {
    }

    /**
     * An action key and its result as {@link CampaignStore#recordResult} takes them: texts (tabs and
     * line breaks are kept) without NUL or an unpaired surrogate, the key of at most
     * {@value #MAX_ACTION_KEY_LENGTH} characters.
     */
    static void requireResult(String actionKey, String result) {
        Ids.requireText(actionKey, "actionKey", MAX_ACTION_KEY_LENGTH);
        Ids.requireText(result, "result", Integer.MAX_VALUE);
    }

    /** A merge id as {@link CampaignStore#mergeCustomer} takes it: an id {@link Ids#requireId} accepts. */
    static String requireMergeId(String mergeId) {
        return Ids.requireId(mergeId, "mergeId");
    }
}
