package dev.o2o.core.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration of an {@link IdentityGraph}.
 *
 * <p>Start from {@link #defaults()} and refine with the {@code with...} methods.
 *
 * <p>Immutable and thread-safe.
 *
 * @param superNodeLimits     per identifier type, the largest number of distinct identifiers one
 *                            identifier of that type may be linked to; beyond it the identifier is
 *                            a super-node and its links are not used for merging. Types without a
 *                            limit are unlimited.
 * @param keyPrefix           prefix of the customer keys the graph mints ({@code prefix + number});
 *                            letters, digits, {@code _ - :}, not ending in a digit
 * @param expectedIdentifiers initial capacity for identifiers (grows as needed), at least 1
 * @param expectedLinks       initial capacity for links (grows as needed), at least 1
 */
public record IdentityConfig(Map<IdentifierType, Integer> superNodeLimits, String keyPrefix,
                             int expectedIdentifiers, int expectedLinks) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_:-]{0,31}[A-Za-z_:-]");

    public IdentityConfig {
        superNodeLimits = Map.copyOf(Objects.requireNonNull(superNodeLimits, "superNodeLimits"));
        superNodeLimits.forEach((type, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("super-node limit of type " + type + " must be >= 1: " + limit);
            }
        });
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (!PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("keyPrefix must match " + PREFIX.pattern() + ": '" + keyPrefix + "'");
        }
        if (expectedIdentifiers < 1) {
            throw new IllegalArgumentException("expectedIdentifiers must be >= 1: " + expectedIdentifiers);
        }
        if (expectedLinks < 1) {
            throw new IllegalArgumentException("expectedLinks must be >= 1: " + expectedLinks);
        }
    }

    /** No super-node limits, key prefix {@code "cust-"}, small initial capacity. */
    public static IdentityConfig defaults() {
        return new IdentityConfig(Map.of(), "cust-", 1024, 1024);
    }

    /** A copy in which identifiers of {@code type} may be linked to at most {@code limit} distinct identifiers. */
    public IdentityConfig withSuperNodeLimit(IdentifierType type, int limit) {
        Objects.requireNonNull(type, "type");
        Map<IdentifierType, Integer> limits = new HashMap<>(superNodeLimits);
        limits.put(type, limit);
        return new IdentityConfig(limits, keyPrefix, expectedIdentifiers, expectedLinks);
    }

    /** A copy with another key prefix. */
    public IdentityConfig withKeyPrefix(String prefix) {
        return new IdentityConfig(superNodeLimits, prefix, expectedIdentifiers, expectedLinks);
    }

    /** A copy sized for the expected numbers of identifiers and links (avoids regrowing arrays). */
    public IdentityConfig withExpectedSize(int identifiers, int links) {
        return new IdentityConfig(superNodeLimits, keyPrefix, identifiers, links);
    }
}
