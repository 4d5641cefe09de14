package dev.o2o.core.identity;

import java.util.Arrays;

/**
 * The identifier values too long for a node record's inline form (more than 16 Latin-1
 * characters), back to back in one byte array, each in its most compact exact encoding: hex
 * digests (pseudonyms) two digits to a byte, other Latin-1 values a byte a character, the rest
 * two bytes a character. What it buys: 5 million 64-character pseudonyms take 160 MB instead of
 * 640 MB as UTF-16 chars, which is the difference between fitting a 2 GiB heap and not.
 *
 * <p>A value is written once and compared as a byte range; erasing overwrites it with zeros
 * (erased means gone from memory too). The space is not reused. Not thread-safe.
 */
final class ValueArena {

    static final int ENC_UTF16 = 0; // 2 bytes per char, high byte first
    static final int ENC_LATIN1 = 1; // 1 byte per char
    static final int ENC_HEX_LOWER = 2; // even length, [0-9a-f]: 2 chars per byte
    static final int ENC_HEX_UPPER = 3; // even length, [0-9A-F]: 2 chars per byte

    /** The longest value, in chars, whose UTF-16 form still fits an array. */
    static final int MAX_CHARS = NodeLimits.MAX_ARRAY / 2;

    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    // per ASCII char: 1 if a lower-case hex digit, 2 if an upper-case one (digits are both)
    private static final byte[] HEX_CLASS = new byte[128];
    // per ASCII char: its value as a hex digit
    private static final byte[] NIBBLE = new byte[128];

    static {
        for (int i = 0; i < 16; i++) {
            HEX_CLASS[HEX_LOWER[i]] |= 1;
            HEX_CLASS[HEX_UPPER[i]] |= 2;
            NIBBLE[HEX_LOWER[i]] = (byte) i;
            NIBBLE[HEX_UPPER[i]] = (byte) i;
        }
    }

    private byte[] bytes;
    private int used;

    /** An arena with room for {@code initialBytes} bytes before it first grows. */
    ValueArena(int initialBytes) {
        bytes = new byte[Math.max(16, initialBytes)];
    }

    /** The most compact encoding that holds the {@code n} chars exactly. */
    static int encodingOf(char[] cs, int n) {
        int wide = 0;
        int hex = (n & 1) == 0 ? 3 : 0;
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            wide |= c;
            hex &= HEX_CLASS[c & 0x7F]; // exact while every char is ASCII; the test below covers the rest
        }
        if (wide >= 0x80) {
            hex = 0;
        }
        if ((hex & 1) != 0) {
            return ENC_HEX_LOWER;
        }
        if (hex != 0) {
            return ENC_HEX_UPPER;
        }
        return wide <= 0xFF ? ENC_LATIN1 : ENC_UTF16;
    }

    /** Writes the form of the {@code n} chars in encoding {@code enc} to {@code out}; returns its length. */
    static int pack(char[] cs, int n, int enc, byte[] out) {
        switch (enc) {
            case ENC_LATIN1:
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) cs[i];
                }
                return n;
            case ENC_HEX_LOWER:
            case ENC_HEX_UPPER:
                for (int i = 0, j = 0; i < n; i += 2, j++) {
                    out[j] = (byte) (NIBBLE[cs[i]] << 4 | NIBBLE[cs[i + 1]]);
                }
                return n >>> 1;
            default:
                for (int i = 0, j = 0; i < n; i++, j += 2) {
                    out[j] = (byte) (cs[i] >>> 8);
                    out[j + 1] = (byte) cs[i];
                }
                return 2 * n;
        }
    }

    /** Bytes that {@code chars} characters take in encoding {@code enc}. */
    static int byteLength(int chars, int enc) {
        switch (enc) {
            case ENC_LATIN1:
                return chars;
            case ENC_HEX_LOWER:
            case ENC_HEX_UPPER:
                return chars >>> 1;
            default:
                return chars * 2;
        }
    }

    /** Appends {@code form[0..length)}; returns its offset. */
    int append(byte[] form, int length) {
        if ((long) used + length > bytes.length) {
            long cap = Math.max((long) used + length, (long) bytes.length + (bytes.length >> 1) + 16);
            if (cap > NodeLimits.MAX_ARRAY) {
                throw new IllegalStateException("identity graph is full (" + used + " bytes of identifiers)");
            }
            bytes = Arrays.copyOf(bytes, (int) cap);
        }
        System.arraycopy(form, 0, bytes, used, length);
        int offset = used;
        used += length;
        return offset;
    }

    /** Whether the value at {@code offset} is {@code form[0..length)}. */
    boolean equals(int offset, byte[] form, int length) {
        return Arrays.equals(bytes, offset, offset + length, form, 0, length);
    }

    /**
     * Compares two values stored in the same encoding {@code enc} as their strings compare
     * ({@link String#compareTo}): every encoding keeps the order of the chars in the order of its
     * unsigned bytes (UTF-16 high byte first, hex digits in their nibble order), and a shorter
     * value that is a prefix of a longer one comes first.
     */
    int compare(int offsetA, int charsA, int offsetB, int charsB, int enc) {
        return Arrays.compareUnsigned(bytes, offsetA, offsetA + byteLength(charsA, enc),
                bytes, offsetB, offsetB + byteLength(charsB, enc));
    }

    /** Overwrites the {@code chars} chars in encoding {@code enc} at {@code offset} with zeros. */
    void erase(int offset, int chars, int enc) {
        Arrays.fill(bytes, offset, offset + byteLength(chars, enc), (byte) 0);
    }

    /** The {@code n} chars in encoding {@code enc} at {@code offset}. */
    String string(int offset, int enc, int n) {
        byte[] a = bytes;
        char[] out = new char[n];
        switch (enc) {
            case ENC_LATIN1:
                for (int i = 0; i < n; i++) {
                    out[i] = (char) (a[offset + i] & 0xFF);
                }
                break;
            case ENC_HEX_LOWER:
            case ENC_HEX_UPPER:
                char[] digits = enc == ENC_HEX_LOWER ? HEX_LOWER : HEX_UPPER;
                for (int i = 0, j = offset; i < n; i += 2, j++) {
                    out[i] = digits[(a[j] >>> 4) & 0xF];
                    out[i + 1] = digits[a[j] & 0xF];
                }
                break;
            default:
                for (int i = 0, j = offset; i < n; i++, j += 2) {
                    out[i] = (char) ((a[j] & 0xFF) << 8 | (a[j + 1] & 0xFF));
                }
        }
        return new String(out);
    }

    /** Bytes written so far (erased ones included). */
    int used() {
        return used;
    }
}
