package dev.o2o.core.identity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of an {@link IdentityGraph}.
 *
 * <p>Start from {@link #defaults()} and refine with the {@code with...} methods.
 *
 * <p>Immutable and thread-safe. {@link #toString()} does not show the key secret.
 *
 * @param superNodeLimits     per identifier type, the largest number of distinct identifiers one
 *                            identifier of that type may be linked to; beyond it the identifier is
 *                            a super-node and its links are not used for merging. Types without a
 *                            limit are unlimited.
 * @param keyPrefix           prefix of the customer keys the graph mints ({@code prefix} + 32 hex
 *                            digits); letters, digits, {@code _ - :}, not ending in a digit
 * @param expectedIdentifiers initial capacity for identifiers (grows as needed), at least 1
 * @param expectedLinks       initial capacity for links (grows as needed), at least 1
 * @param keyTypeOrder        the identifier types in the order in which they name a customer: a
 *                            customer's key comes from its identifier of the first type listed here
 *                            (see {@link IdentityGraph} "Keys"); types not listed come after all
 *                            listed ones, by name. No type twice.
 * @param keySecret           the HMAC-SHA256 secret keys are derived with, or empty for a plain
 *                            SHA-256 digest; at least 16 characters when present. Changing it
 *                            changes every key.
 */
public record IdentityConfig(Map<IdentifierType, Integer> superNodeLimits, String keyPrefix,
                             int expectedIdentifiers, int expectedLinks, List<IdentifierType> keyTypeOrder,
                             Optional<String> keySecret) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_:-]{0,31}[A-Za-z_:-]");

    /**
     * The default key type order: the loyalty card first (the account a member knows), then the
     * brand's own accounts, then contact points, and devices last (they change most often).
     */
    public static final List<IdentifierType> DEFAULT_KEY_TYPE_ORDER = List.of(IdentifierType.MEMBER_CARD,
            IdentifierType.APP_USER_ID, IdentifierType.SOCIAL_OPEN_ID, IdentifierType.POS_CUSTOMER_NO,
            IdentifierType.PHONE, IdentifierType.EMAIL, IdentifierType.DEVICE_ID);

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
        keyTypeOrder = List.copyOf(Objects.requireNonNull(keyTypeOrder, "keyTypeOrder"));
        if (new HashSet<>(keyTypeOrder).size() != keyTypeOrder.size()) {
            throw new IllegalArgumentException("keyTypeOrder lists a type twice: " + keyTypeOrder);
        }
        Objects.requireNonNull(keySecret, "keySecret");
        if (keySecret.isPresent() && keySecret.get().length() < 16) {
            throw new IllegalArgumentException("keySecret must have at least 16 characters, got "
                    + keySecret.get().length());
        }
    }

    /** The configuration before key order and secret existed: {@link #DEFAULT_KEY_TYPE_ORDER}, no secret. */
    public IdentityConfig(Map<IdentifierType, Integer> superNodeLimits, String keyPrefix,
                          int expectedIdentifiers, int expectedLinks) {
        this(superNodeLimits, keyPrefix, expectedIdentifiers, expectedLinks, DEFAULT_KEY_TYPE_ORDER, Optional.empty());
    }

    /**
     * No super-node limits, key prefix {@code "cust-"}, {@link #DEFAULT_KEY_TYPE_ORDER}, no key
     * secret, small initial capacity.
     */
    public static IdentityConfig defaults() {
        return new IdentityConfig(Map.of(), "cust-", 1024, 1024);
    }

    /** A copy in which identifiers of {@code type} may be linked to at most {@code limit} distinct identifiers. */
    public IdentityConfig withSuperNodeLimit(IdentifierType type, int limit) {
        Objects.requireNonNull(type, "type");
        Map<IdentifierType, Integer> limits = new HashMap<>(superNodeLimits);
        limits.put(type, limit);
        return new IdentityConfig(limits, keyPrefix, expectedIdentifiers, expectedLinks, keyTypeOrder, keySecret);
    }

    /** A copy with another key prefix. */
    public IdentityConfig withKeyPrefix(String prefix) {
        return new IdentityConfig(superNodeLimits, prefix, expectedIdentifiers, expectedLinks, keyTypeOrder, keySecret);
    }

    /** A copy sized for the expected numbers of identifiers and links (avoids regrowing arrays). */
    public IdentityConfig withExpectedSize(int identifiers, int links) {
        return new IdentityConfig(superNodeLimits, keyPrefix, identifiers, links, keyTypeOrder, keySecret);
    }

    /** A copy with another key type order (see {@link #keyTypeOrder()}). */
    public IdentityConfig withKeyTypeOrder(List<IdentifierType> order) {
        return new IdentityConfig(superNodeLimits, keyPrefix, expectedIdentifiers, expectedLinks, order, keySecret);
    }

    /**
     * A copy whose keys are HMAC-SHA256 digests under this secret, so that nobody without it can
     * tell from a key which phone number or e-mail it came from by trying candidates. Keep the
     * secret as long as the keys are in use: another secret gives other keys.
     */
    public IdentityConfig withKeySecret(String secret) {
        return new IdentityConfig(superNodeLimits, keyPrefix, expectedIdentifiers, expectedLinks, keyTypeOrder,
                Optional.of(Objects.requireNonNull(secret, "secret")));
    }

    @Override
    public String toString() {
        return "IdentityConfig[superNodeLimits=" + superNodeLimits + ", keyPrefix=" + keyPrefix
                + ", expectedIdentifiers=" + expectedIdentifiers + ", expectedLinks=" + expectedLinks
                + ", keyTypeOrder=" + keyTypeOrder + ", keySecret=" + (keySecret.isPresent() ? "(set)" : "(none)") + "]";
    }
}
