package dev.o2o.core;

/**
 * The stable key of one customer after identity resolution (or a pseudonym of it).
 *
 * <p>It is an opaque identifier, not personal data by design: hosts should use internal ids or
 * pseudonyms (see {@code dev.o2o.core.privacy}) rather than phone numbers or e-mails.
 * Immutable and thread-safe.
 *
 * @param value non-blank, no surrounding white space or control characters
 */
public record CustomerKey(String value) implements Comparable<CustomerKey> {

    public CustomerKey {
        Ids.requireId(value, "customer key");
    }

    public static CustomerKey of(String value) {
        return new CustomerKey(value);
    }

    @Override
    public int compareTo(CustomerKey o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
