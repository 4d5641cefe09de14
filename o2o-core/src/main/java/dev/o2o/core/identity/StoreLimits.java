package dev.o2o.core.identity;

import java.util.List;

/** The checks every {@link IdentityStore} makes before it writes, so that all refuse the same input. */
final class StoreLimits {

    private StoreLimits() {
    }

    static void check(Identifier id) {
        if (id.value().length() > IdentityStore.MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("identifier value of " + id + " is longer than an identity store keeps ("
                    + IdentityStore.MAX_VALUE_CHARS + " chars)");
        }
    }

    static void check(IdentityLink link) {
        check(link.first());
        check(link.second());
        if (link.evidence().length() > IdentityStore.MAX_EVIDENCE_CHARS) {
            throw new IllegalArgumentException("link evidence of " + link.evidence().length()
                    + " chars is longer than an identity store keeps (" + IdentityStore.MAX_EVIDENCE_CHARS + ")");
        }
        // instants are kept to the millisecond; one that has none is out of range
        link.at().toEpochMilli();
    }

    static void checkAll(List<IdentityLink> links, List<MergeEvent> merges) {
        links.forEach(StoreLimits::check);
        merges.forEach(m -> check(m.link()));
    }
}
