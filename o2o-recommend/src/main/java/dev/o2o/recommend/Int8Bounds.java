package dev.o2o.recommend;

import dev.o2o.recommend.Interactions.History;
import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An exact top-K search for EASE that reads one byte per weight instead of eight: a copy of B
 * quantised to int8 per row gives every item an approximate score with a rigorous error bound,
 * and only items whose upper bound can still enter the list are scored exactly from B.
 *
 * <p><b>What it buys.</b> Scoring every item reads the customer's history rows of B: 200 rows of
 * 6,298 doubles (10 MB) for the benchmark's customer, about 0.5 ms at this machine's memory
 * speed. The int8 rows are 1.3 MB, and the first pass ({@link Int8RowSums}) runs as vectorised int
 * arithmetic (JDK 17's C2 does not vectorise byte-to-float conversion, so bytes are packed four to
 * an int and summed in int with integer row coefficients). On MovieLens latest-small the bound
 * leaves a dozen or a few dozen items to score exactly. See benchmarks/RESULTS.md, sections "recommend EASE
 * serving (ease6)" and "(ease7)". Memory: {@code n·⌈n/4⌉} ints (n² bytes, an eighth of B) plus
 * three doubles per row.
 *
 * <p><b>Quantisation.</b> Row j (the weights from history item j) has a power-of-two scale
 * {@code s_j}, the smallest with {@code max_i |B_ji| / s_j <= 127}, and codes
 * {@code q_ji = round(B_ji / s_j)} in [−127, 127], stored as the unsigned byte {@code q_ji + 128};
 * {@code e_j} bounds {@code |B_ji − s_j q_ji|} over the row (measured, then widened for rounding).
 * Item i's code sits in byte {@code i % 4} of int {@code i / 4}, so the four bytes of an int belong
 * to four accumulator arrays that are each walked with one index, and an item's sum is found with a
 * mask and a shift (no division), so the search bounds only its candidates.
 *
 * <p><b>Why power-of-two scales.</b> With equal history weights (0/1 data, the common case) they
 * make the integer coefficients below powers of two, so the rows fall into a few groups of equal
 * coefficient that are summed without multiplies, about twice as fast as multiplying each row. The
 * price: the scale may be up to twice the row's {@code max/127}, so the quantisation error is at most
 * 1/127 of the row's largest value instead of 1/254, the bound is up to twice as wide, and more
 * items may be scored exactly: on MovieLens latest-small (λ = 500, top-10 near a position with a
 * filter) 12 for the benchmark's customer as before, 15.7 on average over every seventh customer
 * (was 14.8), at most 39 (was 25).
 *
 * <p><b>The bound (why the lists are exact).</b> For a history (j, w_j), with
 * {@code c_j = w_j s_j}, a unit g and integers {@code k_j = round(c_j / g)}, the first pass
 * computes the exact integer {@code A_i = Σ_j k_j q_ji} (no overflow: g is chosen so that
 * {@code Σ_j |k_j|·127 < 2³¹}). Then
 * {@code |Σ_j w_j B_ji − g A_i| ≤ Σ_j |w_j| e_j + 127 Σ_j |c_j − k_j g|}, and the score the model
 * computes in double differs from the real sum by at most {@code (m+2)·2⁻⁵² Σ_j |w_j| max|B_j|}.
 * {@link Pass#upper} adds these and a margin for the rounding of the bound itself, so it is never
 * below the computed score. The distance decay is monotone in the score, so the decayed upper
 * bound is an upper bound of the ranking score; candidates are visited in decreasing bound and
 * the search stops when the bound falls strictly below the K-th best ranking score kept, so every
 * item that could enter (ties included) is scored exactly, with the same arithmetic as scoring all.
 * The search is not used (the caller scores every candidate) when a history row holds a
 * non-finite weight or the sums could overflow.
 *
 * <p>Immutable and thread-safe; a search allocates its own buffers. Serializable with its model (the
 * batch jobs of o2o-spark ship fitted models to executors); serialVersionUID 3 since the codes became
 * unsigned with power-of-two scales, so a copy serialised before is refused rather than misread.
 */
final class Int8Bounds implements Serializable {

    private static final long serialVersionUID = 3L;

    /**
     * Integer budget for {@code Σ |k_j|·127}: {@link #unit} keeps it below twice this, and with at most
     * 46,340 rows (n² ints must fit in an array) of 64 more from rounding it stays below 2³¹.
     */
    private static final double BUDGET = 0x1p29;

    /** Exact score of one item for one history, the same arithmetic as scoring every item. */
    interface ExactScorer {
        double score(History history, int item);
    }

    private final int n;
    private final int stride;
    private final int[][] packed;
    /**
     * Per row j, side by side so that a query's history costs one cache miss per row: the scale
     * {@code s_j} at {@code 3j}, the largest magnitude at {@code 3j+1} (NaN for a row holding a
     * non-finite weight) and the error bound {@code e_j} at {@code 3j+2}.
     */
    private final double[] rowInfo;

    /** The int8 copy of the n×n row-major matrix {@code b}. */
    Int8Bounds(double[] b, int n) {
        this.n = n;
        stride = Math.max(1, (n + 3) / 4);
        packed = new int[n][];
        rowInfo = new double[3 * n];
        IntStream.range(0, n).parallel().forEach(j -> quantise(b, j));
    }

    private void quantise(double[] b, int j) {
        int o = j * n;
        double max = 0;
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            double v = b[o + i];
            ok &= Double.isFinite(v);
            max = Math.max(max, Math.abs(v));
        }
        int[] row = new int[stride];
        packed[j] = row;
        if (!ok) {
            rowInfo[3 * j + 1] = Double.NaN;
            return;
        }
        double s = powerOfTwoScale(max);
        double e = 0;
        for (int i = 0; i < n; i++) {
            int q = s > 0 ? (int) Math.max(-127, Math.min(127, Math.rint(b[o + i] / s))) : 0;
            e = Math.max(e, Math.abs(b[o + i] - s * q));
            row[i >> 2] |= (q + 128) << (8 * (i & 3));
        }
        for (int i = n; i < 4 * stride; i++) {
            row[i >> 2] |= 128 << (8 * (i & 3)); // padding: code 128 is q = 0, so it adds nothing anywhere
        }
        rowInfo[3 * j] = s;
        rowInfo[3 * j + 1] = max;
        // the measured error is itself rounded: widen by a few ulps of the row's largest value
        rowInfo[3 * j + 2] = e + max * 0x1p-50 + Double.MIN_NORMAL;
    }

    /** The smallest power of two s with {@code max / s <= 127} (0 for an all-zero row). */
    static double powerOfTwoScale(double max) {
        if (max == 0) {
            return 0;
        }
        // max lies in [2^E, 2^(E+1)), so max / 2^(E-6) lies in [64, 128): one doubling at most
        int e = max >= Double.MIN_NORMAL ? Math.getExponent(max)
                : 63 - Long.numberOfLeadingZeros(Double.doubleToRawLongBits(max)) + Double.MIN_EXPONENT - 52;
        double s = Math.scalb(1.0, Math.max(e - 6, Double.MIN_EXPONENT - 52));
        while (max / s > 127) {
            s *= 2;
        }
        return s;
    }

    /** Approximate scores for one history, with the half-width of their error interval. */
    final class Pass {
        private final int[][] sums;
        private final double unit;
        private final double halfWidth;

        private Pass(int[][] sums, double unit, double halfWidth) {
            this.sums = sums;
            this.unit = unit;
            this.halfWidth = halfWidth;
        }

        /** An upper bound of the model's computed score for item i. */
        double upper(int item) {
            double a = unit * sums[item & 3][item >> 2];
            return a + halfWidth + Math.abs(a) * 0x1p-50;
        }

        /** A lower bound of the model's computed score for item i. */
        double lower(int item) {
            double a = unit * sums[item & 3][item >> 2];
            return a - halfWidth - Math.abs(a) * 0x1p-50;
        }
    }

    /** The first pass for a history; null if the bound cannot be trusted for it. */
    Pass pass(History h) {
        int[] items = h.items();
        double[] w = h.weights();
        int m = items.length;
        double[] c = new double[m];
        double total = 0;
        double magnitude = 0;
        double err = 0;
        for (int q = 0; q < m; q++) {
            int j = items[q];
            double rowMax = rowInfo[3 * j + 1];
            if (Double.isNaN(rowMax) || !Double.isFinite(w[q])) {
                return null;
            }
            c[q] = w[q] * rowInfo[3 * j];
            total += Math.abs(c[q]) * 127;
            magnitude += Math.abs(w[q]) * rowMax;
            err += Math.abs(w[q]) * rowInfo[3 * j + 2];
        }
        if (!(total < 1e300 && magnitude < 1e300 && err < 1e300)) {
            return null;
        }
        double g = unit(total, w);
        int[] k = new int[m];
        int[][] rows = new int[m][];
        double coefficientError = 0;
        for (int q = 0; q < m; q++) {
            k[q] = g > 0 ? (int) Math.rint(c[q] / g) : 0;
            coefficientError += Math.abs(c[q] - k[q] * g);
            rows[q] = packed[items[q]];
        }
        int[][] sums = Int8RowSums.sums(rows, k, m, stride);
        double halfWidth = (err + 127 * coefficientError
                + magnitude * (m + 2) * 0x1p-52   // rounding of the exact score's double sum
                + total * 0x1p-46 + m * g * 0x1p-40 // rounding of c_j and of |c_j − k_j g|
                + g * 0x1p-20)                     // rounding of g·A_i (|A_i| < 2³¹)
                * (1 + 0x1p-30) + Double.MIN_NORMAL;
        return new Pass(sums, g, halfWidth);
    }

    /**
     * The unit g of the integer coefficients {@code k_j = round(c_j / g)}: at most {@code total / BUDGET}
     * and more than half of it, so that {@code Σ_j |k_j|·127 < 2·BUDGET + 64m < 2³¹}. When every
     * non-zero weight has the same magnitude W, g is W times a power of two: with power-of-two row
     * scales every {@code c_j / g} is then ± a power of two, exactly, and the rows of one scale share
     * one coefficient (the grouped first pass of {@link Int8RowSums}). A vanishing total gives 0, which
     * leaves every coefficient at 0 and the whole sum in the error term.
     */
    private static double unit(double total, double[] w) {
        if (!(total > 0x1p-900)) {
            return 0;
        }
        double g = total / BUDGET;
        double common = 0;
        for (double x : w) {
            double a = Math.abs(x);
            if (a == 0) {
                continue;
            }
            if (common == 0) {
                common = a;
            } else if (a != common) {
                return g; // unequal weights: few rows share a coefficient, most take the multiplying kernel
            }
        }
        double ratio = g / common;
        if (!(ratio >= Double.MIN_NORMAL && ratio < Double.MAX_VALUE)) {
            return g;
        }
        return common * Math.scalb(1.0, Math.getExponent(ratio));
    }

    /**
     * Fills {@code heap} with the best items for the history under the query (no diversity cap);
     * false (heap untouched) if the bound cannot be trusted for this history.
     */
    boolean search(AbstractModel model, History h, Query query, RuleHeap heap, ExactScorer exact) {
        Pass pass = pass(h);
        if (pass == null) {
            return false;
        }
        int[] candidates;
        double[] distances = null;
        int count;
        if (query.nearby().isPresent()) {
            Query.Nearby near = query.nearby().get();
            Availability.Candidates found = near.availability().nearby(model.data, near.position(), near.radiusMetres());
            candidates = found.items();
            distances = found.distances();
            count = found.count();
        } else {
            count = n;
            candidates = new int[n];
            for (int i = 0; i < n; i++) {
                candidates[i] = i;
            }
        }
        boolean[] consumed = new boolean[n];
        if (!query.includeConsumed()) {
            for (int j : h.items()) {
                consumed[j] = true;
            }
        }
        // each candidate's bound, computed from its own sum (no array of every item's bound)
        CandidateHeap byBound = new CandidateHeap(count);
        double lastDistance = Double.NaN;
        double factor = 1;
        for (int k = 0; k < count; k++) {
            int item = candidates[k];
            if (consumed[item]) {
                continue; // the rules would refuse it; no need to score it
            }
            if (distances != null && distances[k] != lastDistance) {
                // candidates come grouped by store, nearest first: one decay factor per distance
                lastDistance = distances[k];
                factor = query.nearby().get().factor(lastDistance);
            }
            byBound.add(k, Query.Nearby.scaled(pass.upper(item), factor));
        }
        byBound.heapify();
        while (!byBound.isEmpty()) {
            if (heap.closedBelow(byBound.topKey())) {
                break;
            }
            int k = byBound.pop();
            int item = candidates[k];
            double s = exact.score(h, item);
            if (distances == null) {
                model.offerChecked(heap, item, s, s, 0.0);
            } else {
                // the same pure function of the distance as when the bound was decayed
                double f = query.nearby().get().factor(distances[k]);
                model.offerChecked(heap, item, s, Query.Nearby.scaled(s, f), distances[k]);
            }
        }
        return true;
    }

    /**
     * A max-heap of candidate positions keyed by their bound, keys stored beside the positions (no
     * indirection when sifting); filled with {@link #add}, then built in linear time.
     */
    static final class CandidateHeap {
        private final int[] positions;
        private final double[] keys;
        private int size;

        CandidateHeap(int capacity) {
            positions = new int[capacity];
            keys = new double[capacity];
        }

        void add(int position, double key) {
            positions[size] = position;
            keys[size] = key;
            size++;
        }

        void heapify() {
            for (int p = size / 2 - 1; p >= 0; p--) {
                siftDown(p);
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        double topKey() {
            return keys[0];
        }

        int pop() {
            int top = positions[0];
            size--;
            positions[0] = positions[size];
            keys[0] = keys[size];
            siftDown(0);
            return top;
        }

        private void siftDown(int p) {
            int position = positions[p];
            double key = keys[p];
            while (true) {
                int l = 2 * p + 1;
                if (l >= size) {
                    break;
                }
                int r = l + 1;
                int big = r < size && keys[r] > keys[l] ? r : l;
                if (!(keys[big] > key)) {
                    break;
                }
                positions[p] = positions[big];
                keys[p] = keys[big];
                p = big;
            }
            positions[p] = position;
            keys[p] = key;
        }
    }
}
