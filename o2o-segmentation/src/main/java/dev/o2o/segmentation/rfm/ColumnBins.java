package dev.o2o.segmentation.rfm;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The scores of one RFM column computed from a few of its order statistics, for callers whose
 * column is not one array in one process (a distributed engine such as o2o-spark). The steps:
 * ask {@link #positions} which order statistics (0-based ranks in ascending order) the policy
 * needs, find their values (for example by counting customers per distinct value, which is
 * exact and small for days and purchase counts), build the bins with {@link #of}, then score
 * each value with {@link #score(double)}. The scores equal {@link RfmScoring#score}'s for the
 * same column, bit for bit, for every {@link TiePolicy}.
 *
 * <p>Under {@link TiePolicy#FIRST_COME} a value equal to one of the {@link #tiedValues()} is
 * scored by its rank among all customers (values below it, plus its 1-based position among the
 * customers with the same value in input order): {@link #scoreByRank(long)}.
 *
 * <p>Immutable and thread-safe; serializable as its plain fields (arrays and numbers).
 */
public final class ColumnBins implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long n;
    private final int k;
    private final TiePolicy ties;
    private final boolean reverse;
    /** SAME_BIN: type-7 quantiles; RFM_PACKAGE: quantiles plus one; FIRST_COME: cutoff values. */
    private final double[] breaks;
    /** FIRST_COME: the distinct cutoff values, ascending; empty otherwise. */
    private final double[] tied;

    private ColumnBins(long n, int k, TiePolicy ties, boolean reverse, double[] breaks, double[] tied) {
        this.n = n;
        this.k = k;
        this.ties = ties;
        this.reverse = reverse;
        this.breaks = breaks;
        this.tied = tied;
    }

    /**
     * The 0-based ascending ranks whose values {@link #of} needs, ascending and distinct.
     *
     * @param n     number of customers, at least 1
     * @param k     number of scores, 2..9
     * @param ties  tie policy
     */
    public static long[] positions(long n, int k, TiePolicy ties) {
        check(n, k, ties);
        if (n == 1) {
            return new long[0];
        }
        long[] out = new long[2 * (k - 1)];
        int m = 0;
        for (int j = 1; j < k; j++) {
            if (ties == TiePolicy.FIRST_COME) {
                m = add(out, m, firstComeCutoff(n, k, j) - 1);
            } else {
                long lo = typeSevenLow(n, k, j);
                m = add(out, m, lo);
                m = add(out, m, Math.min(n - 1, lo + 1));
            }
        }
        // type-7 positions of neighbouring j may interleave (lo, lo + 1, lo): sort them
        return Arrays.stream(out, 0, m).sorted().distinct().toArray();
    }

    /**
     * The bins of a column of {@code n} values.
     *
     * @param reverse          whether smaller values score higher (recency)
     * @param valuesAtPositions the values at {@link #positions(long, int, TiePolicy)}, in that order
     * @throws IllegalArgumentException if the number of values does not match the positions
     */
    public static ColumnBins of(long n, int k, TiePolicy ties, boolean reverse, double[] valuesAtPositions) {
        long[] pos = positions(n, k, ties);
        Objects.requireNonNull(valuesAtPositions, "valuesAtPositions");
        if (valuesAtPositions.length != pos.length) {
            throw new IllegalArgumentException("valuesAtPositions has " + valuesAtPositions.length
                    + " values, the positions are " + pos.length);
        }
        if (n == 1) {
            return new ColumnBins(n, k, ties, reverse, new double[0], new double[0]);
        }
        double[] breaks = new double[k - 1];
        for (int j = 1; j < k; j++) {
            if (ties == TiePolicy.FIRST_COME) {
                breaks[j - 1] = valueAt(pos, valuesAtPositions, firstComeCutoff(n, k, j) - 1);
            } else {
                // the same arithmetic as Binning.quantiles, so that the thresholds are the same doubles
                double h = (n - 1) * (double) j / k;
                long lo = (long) Math.floor(h);
                double frac = h - lo;
                double a = valueAt(pos, valuesAtPositions, lo);
                double b = valueAt(pos, valuesAtPositions, Math.min(n - 1, lo + 1));
                double q = Binning.interpolate(a, b, frac);
                breaks[j - 1] = ties == TiePolicy.RFM_PACKAGE ? q + 1 : q;
            }
        }
        double[] tied = ties == TiePolicy.FIRST_COME
                ? Arrays.stream(breaks).distinct().toArray() : new double[0];
        return new ColumnBins(n, k, ties, reverse, breaks, tied);
    }

    /** The values scored by rank under {@link TiePolicy#FIRST_COME}, ascending; empty under other policies. */
    public double[] tiedValues() {
        return tied.clone();
    }

    /** Whether {@code x} must be scored by {@link #scoreByRank(long)}. */
    public boolean rankDependent(double x) {
        for (double t : tied) {
            if (t == x) {
                return true;
            }
        }
        return false;
    }

    /**
     * The score of a value.
     *
     * @throws IllegalStateException if {@link #rankDependent(double) rankDependent(x)}
     */
    public int score(double x) {
        if (n == 1) {
            return reverse ? k : 1;
        }
        int c = 0;
        switch (ties) {
            case SAME_BIN -> {
                for (double t : breaks) {
                    c += x > t ? 1 : 0;
                }
            }
            case RFM_PACKAGE -> {
                for (double t : breaks) {
                    c += x >= t ? 1 : 0;
                }
            }
            case FIRST_COME -> {
                if (rankDependent(x)) {
                    throw new IllegalStateException("value " + x + " equals a cutoff value: score it by rank");
                }
                for (double t : breaks) {
                    c += x > t ? 1 : 0;
                }
            }
        }
        return reverse ? k - c : 1 + c;
    }

    /**
     * The {@link TiePolicy#FIRST_COME} score of the customer at a 1-based rank: the number of
     * values below its value plus its position among the customers with its value.
     */
    public int scoreByRank(long rank) {
        if (ties != TiePolicy.FIRST_COME) {
            throw new IllegalStateException("scores by rank are for FIRST_COME, this is " + ties);
        }
        if (rank < 1 || rank > n) {
            throw new IllegalArgumentException("rank must be in 1.." + n + ", got " + rank);
        }
        if (n == 1) {
            return reverse ? k : 1;
        }
        int bin = (int) Math.max(1, Math.min(k, -Math.floorDiv(-(rank - 1) * k, n - 1)));
        return reverse ? k - (bin - 1) : bin;
    }

    private static double valueAt(long[] pos, double[] values, long p) {
        int i = Arrays.binarySearch(pos, p);
        return values[i];
    }

    private static long typeSevenLow(long n, int k, int j) {
        return (long) Math.floor((n - 1) * (double) j / k);
    }

    private static long firstComeCutoff(long n, int k, int j) {
        // number of ranks in bins 1..j under pd.qcut of ranks 1..n, as in Binning.firstCome
        return 1 + (n - 1) * j / k;
    }

    private static int add(long[] out, int m, long p) {
        if (m > 0 && out[m - 1] == p) {
            return m;
        }
        out[m] = p;
        return m + 1;
    }

    private static void check(long n, int k, TiePolicy ties) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (k < 2 || k > 9) {
            throw new IllegalArgumentException("k must be between 2 and 9, got " + k);
        }
        Objects.requireNonNull(ties, "ties");
    }
}
