package dev.o2o.core.consent;

import dev.o2o.core.CustomerKey;

import java.time.Instant;

/**
 * The question campaigns and recommendations ask before they use a customer's data or contact
 * them: does the customer consent to this purpose at this instant? Every {@link ConsentStore} is
 * one; a host with consent kept elsewhere implements this one method.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConsentCheck {

    /**
     * Whether the customer's latest change for the purpose at or before {@code at} is a grant. No
     * change at all means no consent: consent is opt-in.
     */
    boolean allows(CustomerKey customer, ConsentPurpose purpose, Instant at);
}
