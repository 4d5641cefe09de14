package dev.o2o.core.identity;

/** What {@link IdentityGraph#addLink(IdentityLink)} did with a link. Immutable and thread-safe. */
public enum LinkResult {
    /** The link joined two customers; the merge is in {@link IdentityGraph#mergeHistory()}. */
    MERGED,
    /** Both identifiers already were one customer; the link is kept as further evidence. */
    SAME_CUSTOMER,
    /** The two identifiers already had a link; nothing changed. */
    DUPLICATE,
    /**
     * An identifier of the link exceeds (or now exceeded) the super-node limit of its type; the
     * link is kept and reported in {@link IdentityGraph#superNodes()} but not used for merging.
     */
    SUPPRESSED_SUPER_NODE
}
