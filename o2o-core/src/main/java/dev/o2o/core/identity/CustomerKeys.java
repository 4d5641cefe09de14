package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives a customer key from its key identifier: the prefix followed by the first 128 bits, in
 * lower-case hex, of SHA-256 (or HMAC-SHA256 under the configured secret) over the UTF-8 bytes of
 * {@code type + ":" + value}. A type name holds no {@code ':'}, so distinct identifiers give
 * distinct inputs; 128 bits make two identifiers with one key practically impossible (about
 * 10<sup>-24</sup> for ten million identifiers). The key holds no identifier value and depends on
 * nothing but the identifier, the prefix and the secret, which is what makes it stable across
 * restarts and insertion orders.
 *
 * <p>Not thread-safe (it reuses one digest); the graph calls it under its lock.
 */
final class CustomerKeys {

    /** Hex digits after the prefix. */
    static final int DIGITS = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String prefix;
    private final MessageDigest sha;
    private final Mac mac;

    CustomerKeys(String prefix, Optional<String> secret) {
        this.prefix = prefix;
        try {
            if (secret.isPresent()) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                sha = null;
            } else {
                sha = MessageDigest.getInstance("SHA-256");
                mac = null;
            }
        } catch (GeneralSecurityException e) {
            // every Java platform must provide both
            throw new IllegalStateException("SHA-256 / HmacSHA256 unavailable", e);
        }
    }

    private byte[] digest(Identifier id) {
        byte[] in = (id.type().name() + ":" + id.value()).getBytes(StandardCharsets.UTF_8);
        return mac != null ? mac.doFinal(in) : sha.digest(in);
    }

    /** The key of a customer whose key identifier is {@code id}. */
    CustomerKey key(Identifier id) {
        byte[] d = digest(id);
        char[] out = new char[prefix.length() + DIGITS];
        prefix.getChars(0, prefix.length(), out, 0);
        for (int i = 0, j = prefix.length(); i < DIGITS / 2; i++, j += 2) {
            out[j] = HEX[(d[i] >>> 4) & 0xF];
            out[j + 1] = HEX[d[i] & 0xF];
        }
        return new CustomerKey(new String(out));
    }

    /** The first 64 bits of the key of {@code id}, for the key index. */
    long head(Identifier id) {
        byte[] d = digest(id);
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | (d[i] & 0xFF);
        }
        return h;
    }

    /** The first 64 bits of a key of this form, or empty if {@code key} is not of this form. */
    Optional<Long> head(CustomerKey key) {
        String v = key.value();
        if (v.length() != prefix.length() + DIGITS || !v.startsWith(prefix)) {
            return Optional.empty();
        }
        long h = 0;
        for (int i = prefix.length(); i < v.length(); i++) {
            int d = Character.digit(v.charAt(i), 16);
            if (d < 0 || Character.isUpperCase(v.charAt(i))) {
                return Optional.empty();
            }
            if (i < prefix.length() + 16) {
                h = h << 4 | d;
            }
        }
        return Optional.of(h);
    }
}
