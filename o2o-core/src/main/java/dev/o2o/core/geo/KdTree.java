package dev.o2o.core.geo;

import dev.o2o.core.GeoPoint;
import java.util.Arrays;

/**
 * A static, balanced k-d tree over points on the unit sphere in 3-D (earth-centred) coordinates.
 *
 * <p>Why 3-D: the straight-line (chord) distance between two unit vectors is a monotonic
 * function of their great-circle distance, so nearest-neighbour and radius search by chord are
 * searches by great-circle distance, with no special case at the antimeridian or the poles.
 * The tree prunes by chord with a small slack for rounding, and the final answer is decided
 * with the haversine formula of {@link GeoPoint#distanceMetres(GeoPoint)}, so it equals a
 * brute-force scan with that formula.
 *
 * <p>Implicit layout: the node for the index range {@code [lo, hi)} keeps its split point at
 * {@code mid = (lo + hi) >>> 1}; smaller coordinates along {@code dims[mid]} lie left of it.
 * Immutable after construction and thread-safe.
 */
final class KdTree {

    private static final int LEAF = 8;
    /** Relative and absolute slack on chord lengths; far above double rounding (~1e-15), far below a millimetre. */
    private static final double REL_SLACK = 1e-9;
    private static final double ABS_SLACK = 1e-12;

    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final GeoPoint[] points;
    /** Position in the tree -> index in the caller's original order. */
    private final int[] original;
    private final byte[] dims;

    KdTree(GeoPoint[] input) {
        int n = input.length;
        int[] perm = new int[n];
        double[][] c = new double[3][n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            double[] v = unitVector(input[i]);
            c[0][i] = v[0];
            c[1][i] = v[1];
            c[2][i] = v[2];
        }
        dims = new byte[n];
        build(perm, c, 0, n);
        x = new double[n];
        y = new double[n];
        z = new double[n];
        points = new GeoPoint[n];
        original = perm;
        for (int i = 0; i < n; i++) {
            int p = perm[i];
            x[i] = c[0][p];
            y[i] = c[1][p];
            z[i] = c[2][p];
            points[i] = input[p];
        }
    }

    int size() {
        return points.length;
    }

    static double[] unitVector(GeoPoint p) {
        double phi = Math.toRadians(p.latitude());
        double lambda = Math.toRadians(p.longitude());
        double cosPhi = Math.cos(phi);
        return new double[] {cosPhi * Math.cos(lambda), cosPhi * Math.sin(lambda), Math.sin(phi)};
    }

    /** Chord length on the unit sphere of a great-circle distance in metres. */
    static double chordOf(double metres) {
        double angle = metres / GeoPoint.EARTH_RADIUS_METRES;
        return angle >= Math.PI ? 2.0 : 2.0 * Math.sin(angle / 2.0);
    }

    private static double slack(double chord) {
        return chord * (1 + REL_SLACK) + ABS_SLACK;
    }

    private void build(int[] perm, double[][] c, int lo, int hi) {
        if (hi - lo <= LEAF) {
            return;
        }
        int dim = widestDimension(perm, c, lo, hi);
        int mid = (lo + hi) >>> 1;
        select(perm, c[dim], lo, hi - 1, mid);
        dims[mid] = (byte) dim;
        build(perm, c, lo, mid);
        build(perm, c, mid + 1, hi);
    }

    private static int widestDimension(int[] perm, double[][] c, int lo, int hi) {
        int best = 0;
        double bestSpread = -1;
        for (int d = 0; d < 3; d++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = lo; i < hi; i++) {
                double v = c[d][perm[i]];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max - min > bestSpread) {
                bestSpread = max - min;
                best = d;
            }
        }
        return best;
    }

    /** Hoare quickselect: afterwards perm[k] holds the k-th smallest by key, smaller ones left of it. */
    private static void select(int[] perm, double[] key, int left, int right, int k) {
        while (right > left) {
            double pivot = key[perm[(left + right) >>> 1]];
            int i = left;
            int j = right;
            while (i <= j) {
                while (key[perm[i]] < pivot) {
                    i++;
                }
                while (key[perm[j]] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    private double coord(int dim, int i) {
        return dim == 0 ? x[i] : dim == 1 ? y[i] : z[i];
    }

    private double chord2(double[] q, int i) {
        double dx = x[i] - q[0];
        double dy = y[i] - q[1];
        double dz = z[i] - q[2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** Collects candidates within a chord; the caller filters them by haversine. */
    private static final class Collector {
        int[] found = new int[16];
        int count;

        void add(int i) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = i;
        }
    }

    /**
     * Tree positions of all points within {@code radiusMetres} by haversine, ordered by
     * distance, ties by original index.
     */
    Result within(GeoPoint centre, double radiusMetres) {
        double[] q = unitVector(centre);
        double bound = slack(chordOf(radiusMetres));
        Collector out = new Collector();
        if (points.length > 0) {
            collectWithin(q, bound, bound * bound, 0, points.length, out);
        }
        return exact(centre, out, radiusMetres, Integer.MAX_VALUE);
    }

    private void collectWithin(double[] q, double bound, double bound2, int lo, int hi, Collector out) {
        if (hi - lo <= LEAF) {
            for (int i = lo; i < hi; i++) {
                if (chord2(q, i) <= bound2) {
                    out.add(i);
                }
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        int dim = dims[mid];
        double diff = q[dim] - coord(dim, mid);
        if (chord2(q, mid) <= bound2) {
            out.add(mid);
        }
        if (diff <= bound) {
            collectWithin(q, bound, bound2, lo, mid, out);
        }
        if (-diff <= bound) {
            collectWithin(q, bound, bound2, mid + 1, hi, out);
        }
    }

    /** The k nearest by haversine, ties by original index. */
    Result nearest(GeoPoint from, int k) {
        double[] q = unitVector(from);
        Search s = new Search(k);
        if (points.length > 0) {
            searchNearest(q, 0, points.length, s);
        }
        // every point that can be among the k nearest by haversine is within the slackened k-th chord
        double bound = s.bound();
        Collector out = new Collector();
        double bound2 = bound * bound;
        for (int i = 0; i < s.candidates.count; i++) {
            int p = s.candidates.found[i];
            if (chord2(q, p) <= bound2) {
                out.add(p);
            }
        }
        return exact(from, out, Double.POSITIVE_INFINITY, k);
    }

    /** Nearest-neighbour state: a max-heap of the k smallest chord² seen, and every point visited under the bound. */
    private static final class Search {
        final double[] heap;
        int size;
        final Collector candidates = new Collector();

        Search(int k) {
            heap = new double[k];
        }

        double bound() {
            return size < heap.length ? Double.POSITIVE_INFINITY : slack(Math.sqrt(heap[0]));
        }

        void offer(double d2) {
            if (size < heap.length) {
                int i = size++;
                heap[i] = d2;
                while (i > 0 && heap[(i - 1) / 2] < heap[i]) {
                    swap((i - 1) / 2, i);
                    i = (i - 1) / 2;
                }
            } else if (d2 < heap[0]) {
                heap[0] = d2;
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    int r = l + 1;
                    int m = i;
                    if (l < size && heap[l] > heap[m]) {
                        m = l;
                    }
                    if (r < size && heap[r] > heap[m]) {
                        m = r;
                    }
                    if (m == i) {
                        break;
                    }
                    swap(i, m);
                    i = m;
                }
            }
        }

        private void swap(int a, int b) {
            double t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }
    }

    private void visit(double[] q, int i, Search s) {
        double d2 = chord2(q, i);
        double bound = s.bound();
        if (d2 <= bound * bound) {
            s.candidates.add(i);
            s.offer(d2);
        }
    }

    private void searchNearest(double[] q, int lo, int hi, Search s) {
        if (hi - lo <= LEAF) {
            for (int i = lo; i < hi; i++) {
                visit(q, i, s);
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        int dim = dims[mid];
        double diff = q[dim] - coord(dim, mid);
        visit(q, mid, s);
        if (diff <= 0) {
            searchNearest(q, lo, mid, s);
            if (-diff <= s.bound()) {
                searchNearest(q, mid + 1, hi, s);
            }
        } else {
            searchNearest(q, mid + 1, hi, s);
            if (diff <= s.bound()) {
                searchNearest(q, lo, mid, s);
            }
        }
    }

    /** Results in original indices with their haversine distances. */
    record Result(int[] indices, double[] distances) {
    }

    private Result exact(GeoPoint from, Collector candidates, double maxMetres, int k) {
        int n = 0;
        int[] pos = new int[candidates.count];
        double[] dist = new double[candidates.count];
        for (int i = 0; i < candidates.count; i++) {
            int p = candidates.found[i];
            double d = points[p].distanceMetres(from);
            if (d <= maxMetres) {
                pos[n] = original[p];
                dist[n] = d;
                n++;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(dist[a], dist[b]);
            return c != 0 ? c : Integer.compare(pos[a], pos[b]);
        });
        int m = Math.min(n, k);
        int[] idx = new int[m];
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            idx[i] = pos[order[i]];
            d[i] = dist[order[i]];
        }
        return new Result(idx, d);
    }
}
