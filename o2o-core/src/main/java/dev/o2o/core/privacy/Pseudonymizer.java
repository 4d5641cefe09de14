package dev.o2o.core.privacy;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;

/**
 * Replaces identifiers by keyed pseudonyms, so that identity resolution, profiles and reports
 * can run without raw phone numbers or e-mail addresses. The same input under the same key
 * always gives the same pseudonym; without the key a pseudonym cannot be recomputed from a
 * guessed value (unlike a plain hash of a phone number, which is easy to brute-force).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Pseudonymizer {

    /**
     * HMAC-SHA256 (RFC 2104) under a key supplied by the host, hex-encoded (64 lower-case
     * characters). The key is copied; keep the original secret and rotate it as the host's
     * policy says (pseudonyms change with the key).
     *
     * @param key at least 16 bytes (32 random bytes recommended)
     * @throws IllegalArgumentException if the key is shorter than 16 bytes
     */
    static Pseudonymizer hmacSha256(byte[] key) {
        return new HmacSha256Pseudonymizer(key);
    }

    /** The pseudonym of a string: HMAC over its UTF-8 bytes, hex-encoded. */
    String pseudonymize(String value);

    /**
     * The pseudonym of a typed identifier, of the same type. The type name takes part in the
     * HMAC input ({@code type + '\0' + value}), so equal values of different types get
     * different pseudonyms.
     */
    Identifier pseudonymize(Identifier identifier);

    /** The pseudonym of a customer key (HMAC of its value). */
    default CustomerKey pseudonymize(CustomerKey customer) {
        return new CustomerKey(pseudonymize(customer.value()));
    }
}
