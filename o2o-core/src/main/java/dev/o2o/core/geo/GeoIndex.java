package dev.o2o.core.geo;

import dev.o2o.core.GeoPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An immutable spatial index of items at fixed points on the earth: the k nearest items to a
 * point and all items within a radius, by great-circle (haversine) distance in metres.
 *
 * <p>Answers are exact: they equal a brute-force scan with
 * {@link GeoPoint#distanceMetres(GeoPoint)}, ordered by distance with ties in the order the
 * items were given, at the antimeridian and the poles too (the index works on earth-centred
 * 3-D coordinates, where neither is special). Building costs {@code O(n log n)}; a query
 * visits {@code O(log n + hits)} points on typical data.
 *
 * <p>Immutable and thread-safe; share one instance between threads.
 *
 * @param <T> the item type
 */
public final class GeoIndex<T> {

    private final KdTree tree;
    private final Object[] items;

    private GeoIndex(Object[] items, GeoPoint[] points) {
        this.items = items;
        this.tree = new KdTree(points);
    }

    /**
     * Indexes items at the points a function gives.
     *
     * @throws NullPointerException if an item or its point is null
     */
    public static <T> GeoIndex<T> of(Collection<? extends T> items, Function<? super T, GeoPoint> position) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(position, "position");
        Object[] copy = new Object[items.size()];
        GeoPoint[] points = new GeoPoint[items.size()];
        int i = 0;
        for (T item : items) {
            copy[i] = Objects.requireNonNull(item, "items[" + i + "]");
            points[i] = Objects.requireNonNull(position.apply(item), "position of items[" + i + "]");
            i++;
        }
        return new GeoIndex<>(copy, points);
    }

    /** The number of items. */
    public int size() {
        return items.length;
    }

    /**
     * The {@code k} items nearest to a point (fewer if the index holds fewer), nearest first.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<GeoHit<T>> nearest(GeoPoint from, int k) {
        Objects.requireNonNull(from, "from");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        return hits(tree.nearest(from, Math.min(k, Math.max(1, items.length))));
    }

    /**
     * All items within {@code radiusMetres} of a point (distance {@code <=} radius), nearest first.
     *
     * @throws IllegalArgumentException if the radius is not a positive finite number
     */
    public List<GeoHit<T>> within(GeoPoint centre, double radiusMetres) {
        Objects.requireNonNull(centre, "centre");
        requireRadius(radiusMetres);
        return hits(tree.within(centre, radiusMetres));
    }

    /** Checks a query radius: positive and finite, else an exception naming the value. */
    static void requireRadius(double radiusMetres) {
        if (!(radiusMetres > 0) || Double.isInfinite(radiusMetres)) {
            throw new IllegalArgumentException("radiusMetres must be a positive finite number of metres: " + radiusMetres);
        }
    }

    @SuppressWarnings("unchecked")
    private List<GeoHit<T>> hits(KdTree.Result r) {
        if (r.indices().length == 0) {
            return Collections.emptyList();
        }
        List<GeoHit<T>> out = new ArrayList<>(r.indices().length);
        for (int i = 0; i < r.indices().length; i++) {
            out.add(new GeoHit<>((T) items[r.indices()[i]], r.distances()[i]));
        }
        return Collections.unmodifiableList(out);
    }
}
