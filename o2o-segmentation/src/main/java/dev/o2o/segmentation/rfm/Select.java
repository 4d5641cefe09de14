package dev.o2o.segmentation.rfm;

/**
 * Order statistics of a double array by multiple quickselect with three-way partitioning, so
 * columns with many equal values (purchase counts, whole days) partition in one step.
 * Linear time on average; no full sort. Stateless.
 */
final class Select {

    private Select() {
    }

    /**
     * Rearranges {@code a} so that {@code a[p]} holds the p-th smallest value for every
     * position {@code p} in {@code positions} (ascending, distinct), and returns those values.
     */
    static double[] orderStatistics(double[] a, int[] positions) {
        select(a, 0, a.length - 1, positions, 0, positions.length - 1, 0x9E3779B97F4A7C15L);
        double[] out = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = a[positions[i]];
        }
        return out;
    }

    private static void select(double[] a, int lo, int hi, int[] pos, int pLo, int pHi, long seed) {
        while (pLo <= pHi && lo < hi) {
            // pseudo-random pivot (median of three random picks) guards against adversarial order
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int span = hi - lo + 1;
            double x = a[lo + (int) ((seed >>> 33) % span)];
            double y = a[lo + (int) ((seed >>> 13 & 0x7FFFFFFFL) % span)];
            double z = a[lo + (span >>> 1)];
            double pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            // Dutch national flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            // positions inside [lt, gt] are settled
            int firstGe = pLo;
            while (firstGe <= pHi && pos[firstGe] < lt) {
                firstGe++;
            }
            int firstGt = firstGe;
            while (firstGt <= pHi && pos[firstGt] <= gt) {
                firstGt++;
            }
            // recurse on the smaller side, loop on the other
            boolean left = firstGe > pLo;
            boolean right = firstGt <= pHi;
            if (left && right) {
                if (lt - lo < hi - gt) {
                    select(a, lo, lt - 1, pos, pLo, firstGe - 1, seed);
                    lo = gt + 1;
                    pLo = firstGt;
                } else {
                    select(a, gt + 1, hi, pos, firstGt, pHi, seed);
                    hi = lt - 1;
                    pHi = firstGe - 1;
                }
            } else if (left) {
                hi = lt - 1;
                pHi = firstGe - 1;
            } else if (right) {
                lo = gt + 1;
                pLo = firstGt;
            } else {
                return;
            }
        }
    }
}
