package dev.o2o.risk;

/**
 * An attribute of a {@link RiskEvent} that velocity rules key by or count distinct values of.
 *
 * <p>Immutable and thread-safe.
 */
public enum Field {
    /** The identifier the event names (account, phone, member card, app user id). */
    IDENTIFIER,
    /** The resolved customer: the identity graph's cluster of the identifier (see {@link CustomerResolver}). */
    CUSTOMER,
    /** The device. */
    DEVICE,
    /** The store. */
    STORE,
    /** The clerk (cashier) at the store. */
    CLERK,
    /** The coupon (definition, not code). */
    COUPON;

    /**
     * The field named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the known names if there is none
     */
    public static Field parse(String name) {
        return EnumNames.parse(values(), name, "key type");
    }
}
