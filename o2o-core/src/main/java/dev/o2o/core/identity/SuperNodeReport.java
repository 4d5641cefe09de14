package dev.o2o.core.identity;

import java.util.Objects;

/**
 * An identifier whose links are no longer used for merging because it was seen with more
 * distinct partners than the limit of its type (a shared store tablet, a family device).
 *
 * <p>Immutable and thread-safe.
 *
 * @param identifier       the super-node
 * @param limit            the limit of its type
 * @param distinctPartners distinct identifiers linked to it when the report was taken
 * @param suppressedLinks  links through it that are kept but not used for merging
 */
public record SuperNodeReport(Identifier identifier, int limit, int distinctPartners, int suppressedLinks) {

    public SuperNodeReport {
        Objects.requireNonNull(identifier, "identifier");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        if (distinctPartners < 0 || suppressedLinks < 0) {
            throw new IllegalArgumentException("counts must be >= 0: distinctPartners=" + distinctPartners
                    + ", suppressedLinks=" + suppressedLinks);
        }
    }
}
