package dev.o2o.core.geo;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds stores near a point: the nearest, the k nearest, and all within a radius, by
 * great-circle distance in metres. Exact (equal to a brute-force haversine scan; see
 * {@link GeoIndex}).
 *
 * <p>Immutable and thread-safe.
 */
public final class StoreLocator {

    private final GeoIndex<Store> index;
    private final List<Store> stores;

    private StoreLocator(GeoIndex<Store> index, List<Store> stores) {
        this.index = index;
        this.stores = stores;
    }

    /**
     * A locator over the given stores.
     *
     * @throws IllegalArgumentException if two stores share an id
     */
    public static StoreLocator of(Iterable<Store> stores) {
        Objects.requireNonNull(stores, "stores");
        Set<String> ids = new HashSet<>();
        List<Store> list = new ArrayList<>();
        for (Store s : stores) {
            Objects.requireNonNull(s, "store");
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("duplicate store id: '" + s.id() + "'");
            }
            list.add(s);
        }
        return new StoreLocator(GeoIndex.of(list, Store::location), List.copyOf(list));
    }

    /** The number of stores. */
    public int size() {
        return index.size();
    }

    /** The stores, in the order given. */
    public List<Store> stores() {
        return stores;
    }

    /** The nearest store, or empty if there is none. */
    public Optional<GeoHit<Store>> nearest(GeoPoint from) {
        List<GeoHit<Store>> hits = index.nearest(from, 1);
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    /**
     * The {@code k} nearest stores, nearest first.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<GeoHit<Store>> nearest(GeoPoint from, int k) {
        return index.nearest(from, k);
    }

    /**
     * All stores within {@code radiusMetres}, nearest first.
     *
     * @throws IllegalArgumentException if the radius is not a positive finite number
     */
    public List<GeoHit<Store>> within(GeoPoint centre, double radiusMetres) {
        return index.within(centre, radiusMetres);
    }
}
