package dev.o2o.core.geo;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Customers' last known positions, indexed for the store-centred (reverse) query: which
 * customers are within a radius of a store, for a push from that store.
 *
 * <p>A snapshot: build a new one when positions change. Positions are personal data; the
 * index holds only the keys the host gives (use pseudonyms) and never logs them.
 * Immutable and thread-safe.
 */
public final class KnownPositions {

    private final GeoIndex<CustomerKey> index;

    private KnownPositions(GeoIndex<CustomerKey> index) {
        this.index = index;
    }

    /** Indexes each customer at its last known position. */
    public static KnownPositions of(Map<CustomerKey, GeoPoint> positions) {
        Objects.requireNonNull(positions, "positions");
        return new KnownPositions(GeoIndex.of(positions.keySet(), positions::get));
    }

    /** The number of customers with a known position. */
    public int size() {
        return index.size();
    }

    /**
     * Customers whose known position is within {@code radiusMetres} of the store, nearest first.
     *
     * @throws IllegalArgumentException if the radius is not a positive finite number
     */
    public List<GeoHit<CustomerKey>> near(Store store, double radiusMetres) {
        Objects.requireNonNull(store, "store");
        return index.within(store.location(), radiusMetres);
    }

    /**
     * Customers whose known position is within {@code radiusMetres} of a point, nearest first.
     *
     * @throws IllegalArgumentException if the radius is not a positive finite number
     */
    public List<GeoHit<CustomerKey>> within(GeoPoint centre, double radiusMetres) {
        return index.within(centre, radiusMetres);
    }
}
