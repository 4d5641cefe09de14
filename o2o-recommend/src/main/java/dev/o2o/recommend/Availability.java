package dev.o2o.recommend;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import dev.o2o.core.geo.GeoHit;
import dev.o2o.core.geo.GeoIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where items can be had: the stores and, for each store, the items it offers (a product in
 * stock, a coupon redeemable there, the store itself as an item). The distance re-ranking of a
 * {@link Query} uses it to keep only items offered within the radius and to decay scores with
 * the distance to the nearest such store.
 *
 * <p>Distances are great-circle (haversine) metres from {@link GeoPoint#distanceMetres}.
 * Immutable and thread-safe once built; the {@link Builder} is not thread-safe.
 */
public final class Availability {

    private final Store[] stores;
    private final String[][] itemsByStore;
    /** The stores' positions, indexed for radius queries (exact haversine, nearest first). */
    private final GeoIndex<Integer> index;
    /** Per training matrix: the model's item indices offered by each store (built on first use). */
    private final java.util.Map<Interactions, int[][]> bound =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Availability(Store[] stores, String[][] itemsByStore) {
        this.stores = stores;
        this.itemsByStore = itemsByStore;
        List<Integer> all = new ArrayList<>(stores.length);
        for (int k = 0; k < stores.length; k++) {
            all.add(k);
        }
        index = GeoIndex.of(all, k -> stores[k].location());
    }

    /** A builder without stores. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of stores. */
    public int storeCount() {
        return stores.length;
    }

    /** Candidates in a model's item space, nearest store first: item indices and distances. */
    record Candidates(int[] items, double[] distances, int count) {
    }

    /**
     * The stores within a radius, nearest first: {@code stores[0, count)} are store
     * indices (into {@link #itemsOf}) and {@code distances} their distances in metres.
     */
    record NearStores(int[] stores, double[] distances, int count) {
    }

    /** The model's item indices offered by each store; items unknown to {@code data} are left out. */
    int[][] itemsOf(Interactions data) {
        return bound.computeIfAbsent(data, d -> {
            int[][] out = new int[stores.length][];
            for (int s = 0; s < stores.length; s++) {
                out[s] = java.util.Arrays.stream(itemsByStore[s]).mapToInt(d::itemIndex).filter(i -> i >= 0)
                        .distinct().toArray();
            }
            return out;
        });
    }

    /**
     * The stores within {@code radiusMetres} of {@code position}, nearest first (ties in the order
     * the stores were added); distances are {@link Store#distanceMetres}.
     */
    NearStores within(GeoPoint position, double radiusMetres) {
        // the index takes positive radii only; a zero radius keeps stores at distance 0
        List<GeoHit<Integer>> hits = index.within(position, Math.max(radiusMetres, Double.MIN_VALUE));
        int[] near = new int[hits.size()];
        double[] dist = new double[hits.size()];
        int count = 0;
        for (GeoHit<Integer> hit : hits) {
            if (hit.distanceMetres() <= radiusMetres) {
                near[count] = hit.item();
                dist[count] = hit.distanceMetres();
                count++;
            }
        }
        return new NearStores(near, dist, count);
    }

    /**
     * The items of {@code data} offered within the radius, each once with the distance to its
     * nearest store: stores are visited nearest first (ties in store order), so the first
     * sighting of an item is its nearest. Items unknown to {@code data} are left out.
     */
    Candidates nearby(Interactions data, GeoPoint position, double radiusMetres) {
        int[][] byStore = itemsOf(data);
        NearStores near = within(position, radiusMetres);
        int total = 0;
        for (int k = 0; k < near.count(); k++) {
            total += byStore[near.stores()[k]].length;
        }
        java.util.BitSet seen = new java.util.BitSet(data.itemCount());
        int[] items = new int[total];
        double[] distances = new double[total];
        int count = 0;
        for (int k = 0; k < near.count(); k++) {
            double d = near.distances()[k];
            for (int i : byStore[near.stores()[k]]) {
                if (!seen.get(i)) {
                    seen.set(i);
                    items[count] = i;
                    distances[count] = d;
                    count++;
                }
            }
        }
        return new Candidates(items, distances, count);
    }

    /** Builds an {@link Availability}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Store> stores = new LinkedHashMap<>();
        private final Map<String, List<String>> items = new HashMap<>();

        private Builder() {
        }

        /** Adds a store; a store id given twice with different data is refused. */
        public Builder store(Store store) {
            Objects.requireNonNull(store, "store");
            Store old = stores.putIfAbsent(store.id(), store);
            if (old != null && !old.equals(store)) {
                throw new IllegalStateException("store '" + store.id() + "' was already added as " + old);
            }
            return this;
        }

        /** Declares that a known store offers an item. */
        public Builder offers(String storeId, String item) {
            Objects.requireNonNull(storeId, "storeId");
            Interaction.requireId(item, "item");
            if (!stores.containsKey(storeId)) {
                throw new IllegalArgumentException("unknown store '" + storeId + "': add it with store() first");
            }
            items.computeIfAbsent(storeId, k -> new ArrayList<>()).add(item);
            return this;
        }

        /** The availability. */
        public Availability build() {
            Store[] s = stores.values().toArray(new Store[0]);
            String[][] byStore = new String[s.length][];
            for (int k = 0; k < s.length; k++) {
                byStore[k] = items.getOrDefault(s[k].id(), List.of()).stream().distinct().toArray(String[]::new);
            }
            return new Availability(s, byStore);
        }
    }
}
