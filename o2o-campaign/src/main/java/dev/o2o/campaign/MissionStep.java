package dev.o2o.campaign;

import java.time.Instant;
import java.util.Objects;

/**
 * One event counted towards a mission.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ref         the event id (steps are de-duplicated by it)
 * @param kind        what it was
 * @param storeId     the store of a check-in or scan; empty otherwise
 * @param at          when
 * @param amountMinor order amount in minor units; 0 for other kinds
 */
public record MissionStep(String ref, Kind kind, String storeId, Instant at, long amountMinor) {

    /** Kinds of counted events. */
    public enum Kind { CHECK_IN, SCAN, ONLINE_ORDER, STORE_ORDER }

    public MissionStep {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(at, "at");
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amountMinor must be >= 0: " + amountMinor);
        }
    }
}
