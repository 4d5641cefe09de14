package dev.o2o.core.privacy;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.customer.CustomerMerges;
import dev.o2o.core.customer.StoreChange;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.MergeEvent;
import dev.o2o.core.profile.ProfileBook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The right to be forgotten across everything o2o keeps: {@link Erasure#forget} on the identity
 * graph and the profile book, then {@link CustomerMerges#erase} on every registered store (points
 * ledger, coupons, campaign state, ...). Stores that must keep totals replace the customer's key by
 * a pseudonym, {@code "erased-" + HMAC(key)} under the host's secret: audits still add up, and
 * without the secret no one can tell whose the entries were.
 *
 * <p>The stores still hold history under keys merged into the customer earlier (a ledger account
 * emptied by a merge keeps its entries), so those former keys are erased from the stores too: every
 * key the graph's merge history shows absorbed into the customer, directly or through other merges,
 * that names no current customer now (a key split off again by an unlink is another customer and
 * is left alone).
 *
 * <p>Each step is atomic in its store, the whole is not: if a store fails, run the erasure again
 * with the same graph state kept by the host, or erase the remaining keys by {@link CustomerMerges#erase}.
 *
 * <p>Stateless; thread-safe as far as the graph, book and stores passed in are.
 */
public final class ErasureEverywhere {

    private ErasureEverywhere() {
    }

    /** The pseudonym that takes an erased key's place in the stores. */
    public static CustomerKey replacementOf(CustomerKey customer, Pseudonymizer pseudonymizer) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        return CustomerKey.of("erased-" + pseudonymizer.pseudonymize(customer.value()));
    }

    /** Erases a customer from the graph, the book and every store of {@code stores}; one report. */
    public static FullErasureReport forget(CustomerKey customer, IdentityGraph graph, ProfileBook book,
                                           CustomerMerges stores, Pseudonymizer pseudonymizer) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        List<CustomerKey> former = formerKeys(customer, graph);
        ErasureReport identity = Erasure.forget(customer, graph, book);
        Map<String, TreeMap<String, Long>> sums = new LinkedHashMap<>();
        List<CustomerKey> keys = new ArrayList<>();
        keys.add(customer);
        keys.addAll(former);
        for (CustomerKey key : keys) {
            book.remove(key);
            for (StoreChange c : stores.erase(key, replacementOf(key, pseudonymizer))) {
                TreeMap<String, Long> sum = sums.computeIfAbsent(c.store(), k -> new TreeMap<>());
                c.counts().forEach((name, n) -> sum.merge(name, n, Long::sum));
            }
        }
        List<StoreChange> changes = new ArrayList<>();
        sums.forEach((store, counts) -> changes.add(new StoreChange(store, false, counts)));
        return new FullErasureReport(identity, replacementOf(customer, pseudonymizer), former.size(), changes);
    }

    /** Keys merged into {@code customer}, directly or transitively, that name no current customer. */
    private static List<CustomerKey> formerKeys(CustomerKey customer, IdentityGraph graph) {
        Set<CustomerKey> reached = new LinkedHashSet<>();
        reached.add(customer);
        List<MergeEvent> history = graph.mergeHistory();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (MergeEvent e : history) {
                if (reached.contains(e.survivor()) && !graph.contains(e.absorbed()) && reached.add(e.absorbed())) {
                    grew = true;
                }
            }
        }
        reached.remove(customer);
        return List.copyOf(reached);
    }
}
