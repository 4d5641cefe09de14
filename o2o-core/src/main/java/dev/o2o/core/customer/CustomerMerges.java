package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.MergeEvent;
import dev.o2o.core.identity.SplitResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies identity changes to every store that keeps data by customer key, so that nothing stays
 * behind on a key that no longer resolves.
 *
 * <pre>{@code
 * CustomerMerges merges = CustomerMerges.of(List.of(pointsMerges, couponMerges, campaignMerges));
 * int before = graph.mergeHistory().size();
 * if (graph.addLink(link) == LinkResult.MERGED) {
 *     List<MergeEvent> history = graph.mergeHistory();         // every merge so far, oldest first
 *     for (MergeEvent e : history.subList(before, history.size())) {
 *         merges.apply(e);                                      // points, coupons, missions follow
 *     }
 * }
 * }</pre>
 *
 * <p>Stores are called in registration order. A store's change is atomic, the set of them is not:
 * if one store fails, the exception propagates and the stores before it have applied the merge;
 * applying the same merge again (every store is idempotent by the merge id) completes it. Hosts
 * should therefore record merge events durably before applying them, and re-apply unfinished ones
 * at start-up.
 *
 * <p><b>Unlink policy.</b> Undoing a merge moves back what each store says its
 * {@link CustomerDataStore#unmerge unmerge} moves (see each store); data created on the survivor
 * after the merge stays with the survivor. Undo later merges of the survivor first: a store moves
 * back only what is still under the merge's survivor key.
 *
 * <p>Immutable and thread-safe if the stores are.
 */
public final class CustomerMerges {

    private final List<CustomerDataStore> stores;

    private CustomerMerges(List<CustomerDataStore> stores) {
        this.stores = stores;
    }

    /**
     * Merges over these stores.
     *
     * @throws IllegalArgumentException if two stores have the same name
     */
    public static CustomerMerges of(List<? extends CustomerDataStore> stores) {
        List<CustomerDataStore> copy = List.copyOf(Objects.requireNonNull(stores, "stores"));
        Set<String> names = new HashSet<>();
        for (CustomerDataStore s : copy) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two stores are named '" + s.name() + "'");
            }
        }
        return new CustomerMerges(copy);
    }

    /** The stores, in the order they are called. */
    public List<CustomerDataStore> stores() {
        return stores;
    }

    /** Applies a merge event of an identity graph ({@link CustomerMerge#of(MergeEvent)}). */
    public MergeReport apply(MergeEvent event) {
        return apply(CustomerMerge.of(event));
    }

    /** Applies a merge to every store; idempotent by the merge id. */
    public MergeReport apply(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        List<StoreChange> changes = new ArrayList<>(stores.size());
        for (CustomerDataStore s : stores) {
            changes.add(s.merge(merge));
        }
        return new MergeReport(merge.mergeId(), changes);
    }

    /** Undoes a merge in every store, moving back to {@code returnTo}; idempotent. */
    public MergeReport undo(CustomerMerge merge, CustomerKey returnTo) {
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(returnTo, "returnTo");
        if (returnTo.equals(merge.survivor())) {
            throw new IllegalArgumentException("returnTo must differ from the survivor of merge " + merge.mergeId());
        }
        List<StoreChange> changes = new ArrayList<>(stores.size());
        for (CustomerDataStore s : stores) {
            changes.add(s.unmerge(merge, returnTo));
        }
        return new MergeReport(merge.mergeId(), changes);
    }

    /**
     * Removes a wrong link from the graph and, if the customer split, undoes in every store the
     * latest merge that link made: data goes back from the merge's survivor to the key of the part
     * that split off. If the survivor's key is not one of the two parts (it was merged again later),
     * nothing moves and {@link UnlinkReport#undone()} is empty.
     */
    public UnlinkReport unlink(IdentityGraph graph, Identifier a, Identifier b) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        MergeEvent made = null;
        for (MergeEvent e : graph.mergeHistory()) {
            if (connects(e.link(), a, b)) {
                made = e;
            }
        }
        SplitResult split = graph.unlink(a, b);
        if (made == null || !split.split() || !split.customers().contains(made.survivor())) {
            return new UnlinkReport(split, Optional.empty());
        }
        CustomerKey returnTo = split.customers().get(0).equals(made.survivor())
                ? split.customers().get(1) : split.customers().get(0);
        return new UnlinkReport(split, Optional.of(undo(CustomerMerge.of(made), returnTo)));
    }

    private static boolean connects(IdentityLink link, Identifier a, Identifier b) {
        return (link.first().equals(a) && link.second().equals(b)) || (link.first().equals(b) && link.second().equals(a));
    }

    /**
     * Erases a customer from every store, replacing its key by {@code replacement} (the identity
     * graph and the profiles are erased by {@code dev.o2o.core.privacy.Erasure}).
     */
    public List<StoreChange> erase(CustomerKey customer, CustomerKey replacement) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(replacement, "replacement");
        if (customer.equals(replacement)) {
            throw new IllegalArgumentException("the replacement of an erased key must differ from it");
        }
        List<StoreChange> changes = new ArrayList<>(stores.size());
        for (CustomerDataStore s : stores) {
            changes.add(s.erase(customer, replacement));
        }
        return List.copyOf(changes);
    }
}
