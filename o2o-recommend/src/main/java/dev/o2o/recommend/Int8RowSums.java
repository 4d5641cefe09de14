package dev.o2o.recommend;

import java.util.Arrays;

/**
 * The first pass of {@link Int8Bounds}: the exact integer sums {@code A_i = Σ_r k_r q_{r,i}} of
 * int8 code rows with integer coefficients, item i's sum in {@code sums[i % 4][i / 4]}.
 *
 * <p><b>Layout.</b> A row holds unsigned offset codes {@code u = q + 128} in [1, 255], item i's in
 * byte {@code i % 4} of int {@code i / 4}.
 *
 * <p><b>What it buys.</b> Rows that share a coefficient are added without any multiply, two
 * 16-bit lanes per int ({@code v & 0x00FF00FF} holds bytes 0 and 2, {@code (v >>> 8) & 0x00FF00FF}
 * bytes 1 and 3), two rows per loop pass; the lanes are spilled into the four int sums, times the
 * coefficient and less the offset, every {@link #SPILL_ROWS} rows and at the end of the group. On
 * JDK 17 C2 vectorises both loops, and a pass reads a row at about twice the speed of the
 * multiplying kernel (benchmarks/RESULTS.md, "recommend EASE serving (ease7)"). With equal history
 * weights and power-of-two row scales the coefficients are powers of two, so a history of 200 rows
 * falls into a handful of groups. Rows whose coefficient no other row shares take the multiplying
 * kernel, one row per pass, as before.
 *
 * <p>Exactness: each term is an integer and int addition is exact as long as no partial sum
 * leaves the int range; the caller guarantees {@code Σ_r |k_r|·127 < 2³¹}, which bounds every
 * partial sum (codes in [1, 255], so {@code |q| <= 127}; the padding after the last item holds
 * code 128), and a lane never exceeds {@code 256·255 < 2¹⁶}. Stateless; thread-safe.
 */
final class Int8RowSums {

    /** Rows added into the 16-bit lanes before they are spilled: 256 codes of at most 255 fit in 65,535. */
    static final int SPILL_ROWS = 256;

    /**
     * The smallest group added without multiplies. A group pays one extra pass, the spill: in the
     * probe a spill took 0.42 µs, a two-row add 0.24 µs and a multiplied row about 0.5 µs, so one row
     * is cheaper multiplied and two rows are cheaper added.
     */
    static final int MIN_GROUP = 2;

    private static final int LANES = 0x00FF00FF;

    private Int8RowSums() {
    }

    /**
     * The sums {@code A_i = Σ_r k[r]·(code of item i in rows[r] − 128)}, four arrays of {@code stride}
     * ints; rows with {@code k[r] == 0} are skipped. Every row has {@code stride} ints.
     */
    static int[][] sums(int[][] rows, int[] k, int count, int stride) {
        int[][] s = new int[4][stride];
        // group the rows by coefficient: sort (k, position) keys, then walk the runs of equal k
        long[] keys = new long[count];
        int live = 0;
        for (int r = 0; r < count; r++) {
            if (k[r] != 0) {
                keys[live++] = ((long) k[r] << 32) | r;
            }
        }
        Arrays.sort(keys, 0, live);
        int[] even = null;
        int[] odd = null;
        for (int start = 0; start < live; ) {
            int coefficient = (int) (keys[start] >> 32);
            int end = start + 1;
            while (end < live && (int) (keys[end] >> 32) == coefficient) {
                end++;
            }
            if (end - start < MIN_GROUP) {
                for (int p = start; p < end; p++) {
                    multiplyAdd(rows[(int) keys[p]], coefficient, s[0], s[1], s[2], s[3]);
                }
            } else {
                if (even == null) {
                    even = new int[stride];
                    odd = new int[stride];
                }
                for (int from = start; from < end; from += SPILL_ROWS) {
                    int to = Math.min(end, from + SPILL_ROWS);
                    int p = from;
                    for (; p + 1 < to; p += 2) {
                        addTwo(rows[(int) keys[p]], rows[(int) keys[p + 1]], even, odd);
                    }
                    if (p < to) {
                        addOne(rows[(int) keys[p]], even, odd);
                    }
                    spill(even, odd, coefficient, to - from, s[0], s[1], s[2], s[3]);
                }
            }
            start = end;
        }
        return s;
    }

    /**
     * {@code s_l[t] += k · q_l} for the four codes of {@code row[t]}: one row with its coefficient.
     * The XOR turns an offset code {@code q + 128} back into the two's-complement byte of q.
     */
    static void multiplyAdd(int[] row, int k, int[] s0, int[] s1, int[] s2, int[] s3) {
        for (int t = 0; t < row.length; t++) {
            int v = row[t] ^ 0x80808080;
            s0[t] += k * ((v << 24) >> 24);
            s1[t] += k * ((v << 16) >> 24);
            s2[t] += k * ((v << 8) >> 24);
            s3[t] += k * (v >> 24);
        }
    }

    /**
     * Adds two rows' codes into the 16-bit lanes. Written as {@code even[t] = even[t] + ...} over a
     * loop bound that covers every array: in the form {@code even[t] += a + b} C2 on JDK 17 did not
     * vectorise the loop (3.5× slower in the probe).
     */
    static void addTwo(int[] a, int[] b, int[] even, int[] odd) {
        int length = Math.min(Math.min(a.length, b.length), Math.min(even.length, odd.length));
        for (int t = 0; t < length; t++) {
            int v = a[t];
            int w = b[t];
            even[t] = even[t] + (v & LANES) + (w & LANES);
            odd[t] = odd[t] + ((v >>> 8) & LANES) + ((w >>> 8) & LANES);
        }
    }

    /** Adds one row's codes into the 16-bit lanes. */
    static void addOne(int[] a, int[] even, int[] odd) {
        int length = Math.min(a.length, Math.min(even.length, odd.length));
        for (int t = 0; t < length; t++) {
            int v = a[t];
            even[t] = even[t] + (v & LANES);
            odd[t] = odd[t] + ((v >>> 8) & LANES);
        }
    }

    /**
     * Moves the lanes of {@code rows} added rows into the sums, times k and less their offsets
     * ({@code 128·rows} per lane), and clears the lanes.
     */
    static void spill(int[] even, int[] odd, int k, int rows, int[] s0, int[] s1, int[] s2, int[] s3) {
        // one loop per lane array: C2 on JDK 17 did not vectorise the single loop over all eight
        // arrays (2.6 µs against 0.42 µs per spill of 1,575 ints in the probe)
        spillHalf(even, k, 128 * rows, s0, s2);
        spillHalf(odd, k, 128 * rows, s1, s3);
    }

    /** {@code low[t] += k·(low lane − offset)}, {@code high[t] += k·(high lane − offset)}, lane cleared. */
    private static void spillHalf(int[] lanes, int k, int offset, int[] low, int[] high) {
        int length = Math.min(lanes.length, Math.min(low.length, high.length));
        for (int t = 0; t < length; t++) {
            int e = lanes[t];
            low[t] = low[t] + k * ((e & 0xFFFF) - offset);
            high[t] = high[t] + k * ((e >>> 16) - offset);
            lanes[t] = 0;
        }
    }
}
