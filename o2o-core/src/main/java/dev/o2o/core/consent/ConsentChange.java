package dev.o2o.core.consent;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One grant or withdrawal of consent, as recorded: the proof a host keeps of what a customer agreed
 * to, when and where.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer the customer
 * @param purpose  what the consent is for
 * @param status   granted or withdrawn
 * @param at       when the customer gave or withdrew it; stores keep it to the microsecond and
 *                 accept years 1678 to 2261
 * @param source   where: a channel or form id such as {@code "app-settings"} or {@code "pos-form"}
 *                 (an id as {@link Ids#requireId} accepts it; no personal data)
 */
public record ConsentChange(CustomerKey customer, ConsentPurpose purpose, ConsentStatus status, Instant at,
                            String source) {

    private static final Instant MIN = Instant.parse("1678-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("2262-01-01T00:00:00Z");

    public ConsentChange {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if (at.isBefore(MIN) || !at.isBefore(MAX)) {
            throw new IllegalArgumentException("at of a consent change must be within years 1678..2261: " + at);
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
        Ids.requireId(source, "source");
    }

    /** A grant. */
    public static ConsentChange grant(CustomerKey customer, ConsentPurpose purpose, Instant at, String source) {
        return new ConsentChange(customer, purpose, ConsentStatus.GRANTED, at, source);
    }

    /** A withdrawal. */
    public static ConsentChange withdraw(CustomerKey customer, ConsentPurpose purpose, Instant at, String source) {
        return new ConsentChange(customer, purpose, ConsentStatus.WITHDRAWN, at, source);
    }

    /** Checks the two keys of a reassignment. */
    static void requireDistinct(CustomerKey from, CustomerKey to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("the two customer keys must differ: " + to);
        }
    }

    /** The same change for another key (a merge or an erasure). */
    ConsentChange withCustomer(CustomerKey other) {
        return new ConsentChange(other, purpose, status, at, source);
    }
}
