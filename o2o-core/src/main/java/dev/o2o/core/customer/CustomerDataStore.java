package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.consent.ConsentStore;
import dev.o2o.core.profile.ProfileBook;
import dev.o2o.core.profile.ProfileStore;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;

/**
 * A store that keeps data under customer keys (a points ledger, coupons, campaign state, ...) and
 * so must follow identity changes: merges, the undoing of a wrong merge, and erasure.
 *
 * <p>Contract, checked for the built-in stores by the kits in {@code o2o-testkit}:
 * <ul>
 *   <li>{@link #merge} moves what the absorbed key holds to the survivor and records under the merge
 *       id what it moved; the same merge id again changes nothing and reports {@code replayed}.</li>
 *   <li>{@link #unmerge} moves back, by the store's documented policy, what the merge moved and is
 *       still there; it is idempotent too.</li>
 *   <li>{@link #erase} removes or replaces the key everywhere the store's API could show it, keeping
 *       totals (balances, counts, budgets) intact.</li>
 * </ul>
 * Each call is atomic within the store; across stores, {@link CustomerMerges} relies on the
 * idempotency: after a failure, applying the same change again completes it.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CustomerDataStore {

    /**
     * A profile book as a store: a merge folds the absorbed profile into the survivor's
     * ({@link ProfileBook#mergeCustomers}); an unmerge moves nothing (a profile holds aggregates that
     * cannot be split by who caused them: the split-off key starts a new profile); an erasure removes
     * the profile. As thread-safe as the book, which is not: guard both together.
     */
    static CustomerDataStore profiles(ProfileBook book) {
        return ProfileBookStore.of(book);
    }

    /**
     * A persistent profile store as a store, under the name {@code "profiles"}: a merge folds the
     * absorbed profile into the survivor's and is recorded under the merge id in the same transaction
     * ({@link ProfileStore#mergeCustomers(String, CustomerKey, CustomerKey)}), so that the same id
     * again folds nothing, also after a restart; an unmerge moves nothing (as {@link #profiles(ProfileBook)});
     * an erasure removes the profile (register it in the {@link CustomerMerges} given to
     * {@code ErasureEverywhere}, so that an erasure reaches the persisted profiles).
     *
     * <p>Two profiles that counted the same order id (one order delivered under both keys before the
     * merge) cannot be folded without counting it twice, and a profile keeps order ids, not amounts,
     * so the duplicate cannot be taken out: the merge throws {@link IllegalArgumentException} and this
     * store changes nothing and records nothing. {@link CustomerMerges} stops there with the stores
     * before it merged (register this store last, so that points and coupons move regardless); the
     * host keeps the merge event and, once the conflict is resolved (for example by rebuilding one
     * profile from its source orders), applying it again completes it.
     * Thread-safe if the store is (the built-ins are).
     */
    static CustomerDataStore profiles(ProfileStore store) {
        return ProfileBookStore.of(store);
    }

    /**
     * A consent store as a store: a merge moves the absorbed customer's consent history to the
     * survivor (afterwards the latest change of either history is in force); an unmerge moves
     * nothing back (the split-off key has no consent until it gives one again, the safe side of
     * opt-in); an erasure moves the history to the pseudonym, so the proof of consent is kept
     * without the customer's key. Thread-safe if the store is.
     */
    static CustomerDataStore consents(ConsentStore store) {
        Objects.requireNonNull(store, "store");
        return reassigning("consents", "changes", store::reassign, store::reassign);
    }

    /**
     * A store whose data simply moves from key to key, where moving is idempotent by itself (the old
     * key holds nothing the second time): a merge runs {@code merge(absorbed, survivor)}, an erasure
     * {@code erase(customer, replacement)}, and an unmerge moves nothing back. Each function returns
     * how many records it moved, reported under {@code count}.
     */
    static CustomerDataStore reassigning(String name, String count,
                                         ToLongBiFunction<CustomerKey, CustomerKey> merge,
                                         ToLongBiFunction<CustomerKey, CustomerKey> erase) {
        return ReassigningStore.of(name, count, merge, erase);
    }

    /**
     * A store adapted from three calls of its own API, one each for a merge, an unmerge and an
     * erasure, each returning what it did as a {@link StoreChange} under {@code name}: the adapter
     * of the coupon and campaign stores ({@code CouponMerges}, {@code CampaignMerges}). Null
     * arguments are refused before a function runs. Thread-safe if the functions are.
     */
    static CustomerDataStore of(String name,
                                Function<CustomerMerge, StoreChange> merge,
                                BiFunction<CustomerMerge, CustomerKey, StoreChange> unmerge,
                                BiFunction<CustomerKey, CustomerKey, StoreChange> erase) {
        return new AdaptedStore(name, merge, unmerge, erase);
    }

    /** A short stable name for reports, for example {@code "points"}. */
    String name();

    /** Moves the absorbed key's data to the survivor; idempotent by the merge id. */
    StoreChange merge(CustomerMerge merge);

    /**
     * Undoes a merge found wrong: moves what {@code merge} moved, as far as the store's policy says,
     * from the survivor to {@code returnTo} (the key the split-off part has now; usually the
     * absorbed key). Idempotent; a merge this store never applied changes nothing.
     */
    StoreChange unmerge(CustomerMerge merge, CustomerKey returnTo);

    /**
     * Erases a customer: every place the key appears is replaced by {@code replacement} (a
     * pseudonym no one can map back without the host's secret) or removed, totals kept.
     */
    StoreChange erase(CustomerKey customer, CustomerKey replacement);
}
