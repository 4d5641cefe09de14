package dev.o2o.core;

import java.util.Objects;

/**
 * The one validation of identifiers (customer keys, account ids, coupon and store ids, source
 * references) and of short free texts (notes) in o2o, so that every value a store accepts in
 * memory is also stored exactly by H2 and PostgreSQL.
 *
 * <p>An identifier is refused when it is blank, has leading or trailing white space (no-break
 * spaces and invisible format characters included, see {@link #isPadding(char)}), holds a
 * control character (NUL included: PostgreSQL cannot store it in text), is not well-formed
 * Unicode (an unpaired UTF-16 surrogate, as JSON {@code "\ud800"} produces; the PostgreSQL driver
 * would store it as {@code ?}, so two different ids would collapse into one), or is longer than
 * {@link #MAX_LENGTH} UTF-16 code units. Lengths are counted in UTF-16 code units
 * ({@link String#length()}), never more than the characters a {@code VARCHAR(n)} column counts.
 *
 * <p>Messages name the field and the reason, never the whole value: they show a masked form
 * (the first and last two characters, see {@link #describe(String)}) and the length, since ids
 * may be personal data.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ids {

    /** The longest identifier accepted, in UTF-16 code units (the stores' {@code VARCHAR(200)}). */
    public static final int MAX_LENGTH = 200;

    private Ids() {
    }

    /**
     * Returns {@code value} if it is a valid identifier (see the class description).
     *
     * @param field the name used in the message, for example {@code "account"}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException naming {@code field} and the reason otherwise
     */
    public static String requireId(String value, String field) {
        Objects.requireNonNull(value, field);
        int n = value.length();
        if (isBlank(value)) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (n > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_LENGTH + " characters: "
                    + describe(value));
        }
        if (isPadding(value.charAt(0)) || isPadding(value.charAt(n - 1))) {
            throw new IllegalArgumentException(field + " must not have leading or trailing white space: "
                    + describe(value));
        }
        for (int i = 0; i < n; i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters (U+"
                        + hex(value.charAt(i)) + " at index " + i + "): " + describe(value));
            }
        }
        requireWellFormed(value, field);
        return value;
    }

    /**
     * Whether {@code c} is white space as identifiers count it: what {@link Character#isWhitespace}
     * says, and also the no-break spaces it leaves out (U+00A0, U+2007, U+202F: spreadsheets and web
     * pages pad values with them) and invisible format characters (a byte order mark U+FEFF, a
     * zero-width space U+200B). Around an id any of them makes a second id that looks like the first.
     */
    public static boolean isPadding(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    /** Whether {@code value} is empty or only {@linkplain #isPadding(char) padding}. */
    public static boolean isBlank(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isPadding(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code value} if it is a storable free text (a note): at most {@code maxLength}
     * UTF-16 code units, no NUL and well-formed Unicode. It may be empty and may hold line breaks.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException naming {@code field} and the reason otherwise
     */
    public static String requireText(String value, String field, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters: "
                    + describe(value));
        }
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(field + " must not contain NUL (at index " + nul + "): "
                    + describe(value));
        }
        requireWellFormed(value, field);
        return value;
    }

    private static void requireWellFormed(String value, String field) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new IllegalArgumentException(field + " is not well-formed Unicode (unpaired surrogate U+"
                        + hex(ch) + " at index " + i + "): " + describe(value));
            }
        }
    }

    /**
     * A masked description of a value for messages: its first and last two characters around
     * {@code ****} from 8 characters on ({@code ****} alone when shorter), characters outside
     * printable ASCII shown as {@code ?}, and its length; for example {@code 'ab****yz' (12 chars)}.
     */
    public static String describe(String value) {
        int n = value.length();
        String shown = n >= 8 ? printable(value.substring(0, 2)) + "****" + printable(value.substring(n - 2)) : "****";
        return "'" + shown + "' (" + n + " chars)";
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
