package dev.o2o.campaign;

import java.util.Objects;

/**
 * A trigger that matched an event but did not act, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param campaignId the campaign; empty for an event-level suppression (duplicate)
 * @param triggerId  the trigger; empty for an event-level suppression
 * @param reason     why
 */
public record Suppression(String campaignId, String triggerId, SuppressionReason reason) {

    public Suppression {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(reason, "reason");
    }
}
