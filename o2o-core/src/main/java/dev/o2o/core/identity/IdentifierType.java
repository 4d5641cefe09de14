package dev.o2o.core.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of an {@link Identifier}: phone, e-mail, member card and so on. Integrators define
 * their own kinds with {@link #of(String)}.
 *
 * <p>Immutable and thread-safe. Two types are equal when their names are.
 *
 * @param name lower-case name of 1 to 64 characters from {@code a-z 0-9 _ . -}, starting with a letter
 */
public record IdentifierType(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /** A mobile phone number. */
    public static final IdentifierType PHONE = new IdentifierType("phone");
    /** An e-mail address. */
    public static final IdentifierType EMAIL = new IdentifierType("email");
    /** A loyalty member card number. */
    public static final IdentifierType MEMBER_CARD = new IdentifierType("member_card");
    /** A device id (advertising id, app installation id). */
    public static final IdentifierType DEVICE_ID = new IdentifierType("device_id");
    /** An account id in the brand's app or mini-program. */
    public static final IdentifierType APP_USER_ID = new IdentifierType("app_user_id");
    /** An open id issued by a social platform (for example a WeChat OpenID or UnionID). */
    public static final IdentifierType SOCIAL_OPEN_ID = new IdentifierType("social_open_id");
    /** A customer number of the point-of-sale system. */
    public static final IdentifierType POS_CUSTOMER_NO = new IdentifierType("pos_customer_no");

    public IdentifierType {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("identifier type name must match " + NAME.pattern() + ": '" + name + "'");
        }
    }

    /** A type by name; the built-in names give the built-in constants' equals. */
    public static IdentifierType of(String name) {
        return new IdentifierType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
