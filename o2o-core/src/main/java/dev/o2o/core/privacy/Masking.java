package dev.o2o.core.privacy;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;

import java.util.Objects;

/**
 * Masks identifiers for display (screens, reports, support tools), for example the phone
 * {@code 13812345678} as {@code 138****5678} and the e-mail {@code zhangsan@example.com} as
 * {@code zha****@example.com}. The mask is always four asterisks, so that it does not reveal the
 * length. Masking is for display only: it is not pseudonymization (see {@link Pseudonymizer}).
 *
 * <p>Stateless and thread-safe. Error messages never contain the value.
 */
public final class Masking {

    private static final String MASK = "****";

    private Masking() {
    }

    /**
     * A phone number: the first 3 and the last 4 characters kept when it has at least 8
     * characters, only the last 2 when it has 5 to 7, nothing when shorter.
     */
    public static String phone(String phone) {
        Objects.requireNonNull(phone, "phone");
        int n = phone.length();
        if (n >= 8) {
            return phone.substring(0, 3) + MASK + phone.substring(n - 4);
        }
        if (n >= 5) {
            return MASK + phone.substring(n - 2);
        }
        return MASK;
    }

    /**
     * An e-mail address: the domain kept, of the local part the first {@code min(3, length / 2)}
     * characters (at least one), then the mask.
     *
     * @throws IllegalArgumentException if the value has no '@' with text on both sides
     */
    public static String email(String email) {
        Objects.requireNonNull(email, "email");
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            throw new IllegalArgumentException("not an e-mail address (needs text on both sides of '@'), "
                    + email.length() + " chars");
        }
        int keep = Math.max(1, Math.min(3, at / 2));
        return email.substring(0, keep) + MASK + email.substring(at);
    }

    /**
     * Any other identifier: first 2 and last 2 characters kept from 8 characters on, the last 2
     * from 5 to 7, nothing when shorter.
     */
    public static String generic(String value) {
        Objects.requireNonNull(value, "value");
        int n = value.length();
        if (n >= 8) {
            return value.substring(0, 2) + MASK + value.substring(n - 2);
        }
        if (n >= 5) {
            return MASK + value.substring(n - 2);
        }
        return MASK;
    }

    /**
     * An identifier by its type ({@link #phone}, {@link #email}, otherwise {@link #generic}),
     * prefixed by the type name, for example {@code phone:138****5678}. An e-mail identifier
     * without a usable '@' is masked generically rather than refused, since this is for display.
     */
    public static String identifier(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        String v = identifier.value();
        String masked;
        if (identifier.type().equals(IdentifierType.PHONE)) {
            masked = phone(v);
        } else if (identifier.type().equals(IdentifierType.EMAIL) && v.lastIndexOf('@') > 0
                && v.lastIndexOf('@') < v.length() - 1) {
            masked = email(v);
        } else {
            masked = generic(v);
        }
        return identifier.type().name() + ":" + masked;
    }
}
