package dev.o2o.core.geo;

import java.util.Objects;

/**
 * One result of a spatial query: an item and its great-circle distance from the query point.
 *
 * <p>Immutable and thread-safe if the item is.
 *
 * @param item           the item found
 * @param distanceMetres haversine distance in metres from the query point, {@code >= 0}
 * @param <T>            the item type
 */
public record GeoHit<T>(T item, double distanceMetres) {

    public GeoHit {
        Objects.requireNonNull(item, "item");
        if (!(distanceMetres >= 0)) {
            throw new IllegalArgumentException("distanceMetres must be >= 0: " + distanceMetres);
        }
    }
}
