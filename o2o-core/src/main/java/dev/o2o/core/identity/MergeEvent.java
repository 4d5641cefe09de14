package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.util.Objects;

/**
 * One merge of two customers by a link: the audit record behind "why are these one customer?".
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence 0-based position in the graph's merge history
 * @param link     the link that merged them
 * @param survivor the key that survived: the key of the cluster whose key identifier comes first in
 *                 key order (see {@link IdentityGraph} "Keys"); move state keyed by {@code absorbed} here
 * @param absorbed the key that was merged into the survivor and no longer resolves
 */
public record MergeEvent(long sequence, IdentityLink link, CustomerKey survivor, CustomerKey absorbed) {

    public MergeEvent {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(survivor, "survivor");
        Objects.requireNonNull(absorbed, "absorbed");
        if (survivor.equals(absorbed)) {
            throw new IllegalArgumentException("survivor and absorbed must differ: " + survivor);
        }
    }
}
