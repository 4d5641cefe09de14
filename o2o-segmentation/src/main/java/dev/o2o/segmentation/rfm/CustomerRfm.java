package dev.o2o.segmentation.rfm;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import java.util.Objects;

/**
 * One customer's recency, frequency and monetary value over an observation window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customer    the customer
 * @param recencyDays whole days from the last purchase to the end of the window, {@code >= 0}
 * @param frequency   purchases in the window, {@code >= 1}
 * @param monetary    total spend in the window (net of refunds if so configured)
 */
public record CustomerRfm(CustomerKey customer, long recencyDays, int frequency, Money monetary) {

    public CustomerRfm {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(monetary, "monetary");
        if (recencyDays < 0) {
            throw new IllegalArgumentException("recencyDays of " + customer + " must be >= 0, got " + recencyDays);
        }
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency of " + customer + " must be >= 1, got " + frequency);
        }
    }
}
