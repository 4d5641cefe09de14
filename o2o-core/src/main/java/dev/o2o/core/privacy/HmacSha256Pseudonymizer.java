package dev.o2o.core.privacy;

import dev.o2o.core.identity.Identifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/** HMAC-SHA256 pseudonyms; a fresh {@link Mac} per call keeps it thread-safe without locks. */
final class HmacSha256Pseudonymizer implements Pseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;
    private final Mac prototype;

    HmacSha256Pseudonymizer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("HMAC key must be at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.prototype = newMac();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac();
        }
    }

    /** HMAC of raw bytes, hex-encoded; exposed to the package for the RFC 4231 test vectors. */
    String hmacHex(byte[] data) {
        byte[] out = mac().doFinal(data);
        char[] hex = new char[out.length * 2];
        for (int i = 0; i < out.length; i++) {
            hex[2 * i] = HEX[(out[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[out[i] & 0xF];
        }
        return new String(hex);
    }

    @Override
    public String pseudonymize(String value) {
        Objects.requireNonNull(value, "value");
        return hmacHex(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Identifier pseudonymize(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        String input = identifier.type().name() + '\0' + identifier.value();
        return new Identifier(identifier.type(), hmacHex(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "Pseudonymizer[HmacSHA256, key hidden]";
    }
}
