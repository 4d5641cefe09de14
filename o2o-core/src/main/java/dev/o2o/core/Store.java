package dev.o2o.core;

import java.util.Objects;

/**
 * A physical store (or counter, kiosk) of the retailer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       stable store id
 * @param name     display name
 * @param location where the store is
 */
public record Store(String id, String name, GeoPoint location) {

    public Store {
        Ids.requireId(id, "store id");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name of store '" + id + "' must not be blank");
        }
        Objects.requireNonNull(location, "location");
    }

    /** Distance in metres from a point to this store. */
    public double distanceMetres(GeoPoint from) {
        return location.distanceMetres(from);
    }
}
