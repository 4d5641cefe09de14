package dev.o2o.core.privacy;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.customer.StoreChange;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ErasureEverywhere#forget} erased where: the identity graph and profiles, then every
 * registered store. It holds counts and the replacement key only, never the erased identifiers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param identity    what the identity graph and the profile book removed
 * @param replacement the pseudonym that took the customer's key in the stores, where totals had
 *                    to be kept (ledger balances, coupon counts, campaign caps)
 * @param formerKeys  how many keys merged into the customer earlier were erased from the stores too
 *                    (each under its own pseudonym)
 * @param stores      what each store did, summed over the customer's keys, in registration order
 */
public record FullErasureReport(ErasureReport identity, CustomerKey replacement, int formerKeys,
                                List<StoreChange> stores) {

    public FullErasureReport {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(replacement, "replacement");
        if (formerKeys < 0) {
            throw new IllegalArgumentException("formerKeys must be >= 0: " + formerKeys);
        }
        stores = List.copyOf(Objects.requireNonNull(stores, "stores"));
    }

    /** The change of the named store. */
    public StoreChange store(String name) {
        for (StoreChange c : stores) {
            if (c.store().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no store named '" + name + "' in the erasure report");
    }
}
