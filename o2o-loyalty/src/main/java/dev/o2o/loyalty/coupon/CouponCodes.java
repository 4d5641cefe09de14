package dev.o2o.loyalty.coupon;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One-time coupon codes: random payload characters from {@link SecureRandom} over an alphabet
 * without look-alike characters, plus one check character.
 *
 * <p>The alphabet has 31 symbols ({@value #ALPHABET}: no 0/O, 1/I/L). Because 31 is prime, a
 * weighted sum modulo 31 with the weights 1, 2, ..., 30, 1, 2, ... detects every
 * single-character substitution (the error is {@code w·(a−b)}, both factors non-zero mod 31) and
 * every transposition of two different characters fewer than 30 positions apart, adjacent or not
 * (the error is {@code (w_i − w_j)·(a−b)}): in a code of up to 30 characters, every transposition.
 * The default 11 payload characters carry
 * 11·log2(31) ≈ 54.5 bits.
 *
 * <p>Instances are thread-safe (SecureRandom is); the static methods are pure.
 */
public final class CouponCodes {

    /** The code alphabet, in symbol order. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /** The smallest payload length giving at least 50 bits of entropy. */
    public static final int MIN_PAYLOAD_LENGTH = 11;

    private static final int N = 31;
    private static final long POW31_11 = 25_408_476_896_404_831L;
    private static final int[] VALUE = new int[128];
    /** U+FF01..U+FF5E are the full-width forms of U+0021..U+007E, this far above them. */
    private static final int FULL_WIDTH_OFFSET = 0xFEE0;

    static {
        Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private final SecureRandom random;
    private final int payloadLength;

    private CouponCodes(SecureRandom random, int payloadLength) {
        this.random = Objects.requireNonNull(random, "random");
        if (payloadLength < MIN_PAYLOAD_LENGTH || payloadLength > 40) {
            throw new IllegalArgumentException("payloadLength must be within " + MIN_PAYLOAD_LENGTH
                    + "..40 (at least 50 bits): " + payloadLength);
        }
        this.payloadLength = payloadLength;
    }

    /** A generator with {@value #MIN_PAYLOAD_LENGTH} payload characters (12 with the check character). */
    public static CouponCodes generator(SecureRandom random) {
        return new CouponCodes(random, MIN_PAYLOAD_LENGTH);
    }

    /** A generator with a given payload length (at least {@value #MIN_PAYLOAD_LENGTH}). */
    public static CouponCodes generator(SecureRandom random, int payloadLength) {
        return new CouponCodes(random, payloadLength);
    }

    /** Bits of entropy of a code: payload length × log2(31). */
    public double entropyBits() {
        return payloadLength * Math.log(N) / Math.log(2);
    }

    /** A new code (payload and check character). */
    public String next() {
        char[] c = new char[payloadLength + 1];
        int i = 0;
        while (i < payloadLength) {
            // one 55-bit draw gives 11 uniform base-31 digits (31^11 < 2^55); rejection keeps them uniform
            long v = random.nextLong() >>> 9;
            if (v >= POW31_11) {
                continue;
            }
            for (int k = 0; k < 11 && i < payloadLength; k++, i++) {
                c[i] = ALPHABET.charAt((int) (v % N));
                v /= N;
            }
        }
        c[payloadLength] = ALPHABET.charAt(checkValue(c, payloadLength));
        return new String(c);
    }

    /**
     * {@code count} distinct new codes, none of them in {@code existing} (for example the codes
     * already issued).
     */
    public List<String> bulk(int count, Set<String> existing) {
        Objects.requireNonNull(existing, "existing");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        Set<String> seen = new HashSet<>(Math.max(16, (int) (count / 0.75f) + 1));
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            String code = next();
            if (!existing.contains(code) && seen.add(code)) {
                out.add(code);
            }
        }
        return out;
    }

    /**
     * A typed or scanned code as the stores hold it; it does not check it. Codes are typed at store
     * counters, often with a Chinese input method, and scanned by barcode readers that end with a
     * line break, so:
     * <ul>
     *   <li>the full-width forms of ASCII (U+FF01..U+FF5E, such as {@code ＡＢＣ－１２３}) become
     *       their ASCII characters;</li>
     *   <li>the separators space, {@code '-'}, tab, CR, LF and the ideographic space U+3000 are
     *       removed, wherever they are;</li>
     *   <li>ASCII {@code a..z} become {@code A..Z}.</li>
     * </ul>
     * Every other character is kept as it is, so {@link #isWellFormed} refuses it (no other white
     * space or dash, and no upper-casing outside ASCII: the long s U+017F is not taken for an S).
     * A code drawn from the {@link #ALPHABET} is returned unchanged.
     */
    public static String normalize(String typed) {
        Objects.requireNonNull(typed, "typed");
        StringBuilder b = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char ch = typed.charAt(i);
            if (ch >= '\uFF01' && ch <= '\uFF5E') {
                ch = (char) (ch - FULL_WIDTH_OFFSET);
            }
            if (ch >= 'a' && ch <= 'z') {
                ch = (char) (ch - 'a' + 'A');
            }
            if (!isSeparator(ch)) {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static boolean isSeparator(char ch) {
        return ch == ' ' || ch == '-' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\u3000';
    }

    /**
     * True if a (normalised) code has only alphabet characters, at least
     * {@value #MIN_PAYLOAD_LENGTH} + 1 and at most 64 of them, and a correct check character. Use it before any
     * lookup so typos never reach the store.
     */
    public static boolean isWellFormed(String code) {
        Objects.requireNonNull(code, "code");
        int len = code.length();
        if (len < MIN_PAYLOAD_LENGTH + 1 || len > Check.MAX_CODE_LENGTH) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char ch = code.charAt(i);
            if (ch >= 128 || VALUE[ch] < 0) {
                return false;
            }
        }
        return checkValue(code.toCharArray(), len - 1) == VALUE[code.charAt(len - 1)];
    }

    /**
     * The check symbol for a payload: the value {@code c} with
     * {@code sum(w_i · v_i) + w_n · c ≡ 0 (mod 31)}, weights {@code w_i = (i mod 30) + 1}.
     */
    static int checkValue(char[] payload, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum = (sum + weight(i) * VALUE[payload[i]]) % N;
        }
        int wn = weight(length);
        // c = -sum / wn mod 31; the inverse by Fermat: wn^(31-2)
        int inv = 1;
        for (int k = 0; k < N - 2; k++) {
            inv = inv * wn % N;
        }
        return ((N - sum) % N) * inv % N;
    }

    private static int weight(int position) {
        return position % (N - 1) + 1;
    }
}
