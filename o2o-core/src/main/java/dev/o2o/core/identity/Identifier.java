package dev.o2o.core.identity;

import dev.o2o.core.Ids;
import java.util.Objects;

/**
 * One typed identifier of a person, such as a phone number or a member card number.
 *
 * <p>The value is compared exactly; normalize it before (for example E.164 phone numbers,
 * lower-case e-mail addresses) or pseudonymize it with {@code dev.o2o.core.privacy.Pseudonymizer}
 * so that resolution runs on pseudonyms only. {@link #toString()} does not reveal the value, so
 * that an identifier that ends up in a log or an exception message leaks nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type  what kind of identifier
 * @param value the identifier, non-blank, no surrounding white space (see {@link Ids#isPadding(char)}) or
 *              control characters
 */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        // one pass over the value: identifiers are created once per ingested event
        int n = value.length();
        if (n == 0 || Ids.isPadding(value.charAt(0)) || Ids.isPadding(value.charAt(n - 1))) {
            throw new IllegalArgumentException(Ids.isBlank(value)
                    ? "value of " + type + " identifier must not be blank"
                    : "value of " + type + " identifier must not have leading or trailing white space");
        }
        for (int i = 0; i < n; i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("value of " + type
                        + " identifier must not contain control characters (index " + i + ")");
            }
        }
    }

    /** An identifier of the given type. */
    public static Identifier of(IdentifierType type, String value) {
        return new Identifier(type, value);
    }

    /** A phone number. */
    public static Identifier phone(String value) {
        return new Identifier(IdentifierType.PHONE, value);
    }

    /** An e-mail address. */
    public static Identifier email(String value) {
        return new Identifier(IdentifierType.EMAIL, value);
    }

    /** A member card number. */
    public static Identifier memberCard(String value) {
        return new Identifier(IdentifierType.MEMBER_CARD, value);
    }

    /** A device id. */
    public static Identifier deviceId(String value) {
        return new Identifier(IdentifierType.DEVICE_ID, value);
    }

    /** An app or mini-program account id. */
    public static Identifier appUserId(String value) {
        return new Identifier(IdentifierType.APP_USER_ID, value);
    }

    /** A social platform open id. */
    public static Identifier socialOpenId(String value) {
        return new Identifier(IdentifierType.SOCIAL_OPEN_ID, value);
    }

    /** A POS customer number. */
    public static Identifier posCustomerNo(String value) {
        return new Identifier(IdentifierType.POS_CUSTOMER_NO, value);
    }

    /** The type and the length of the value, never the value, for example {@code phone[11 chars]}. */
    @Override
    public String toString() {
        return type.name() + "[" + value.length() + " chars]";
    }
}
