package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The first pass's sums against a plain long sum of {@code k·(code − 128)}: groups of every size
 * around the thresholds (multiplying kernel, grouped adds, a spill inside a group), negative and
 * zero coefficients, lanes filled to their limit, and sums at the edge of the int range.
 */
class Int8RowSumsTest {

    /** The plain sums, in long so that an overflow of the kernel's int sums would show. */
    static long[] reference(int[][] rows, int[] k, int count, int items) {
        long[] a = new long[items];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < items; i++) {
                int code = (rows[r][i >> 2] >>> (8 * (i & 3))) & 0xFF;
                a[i] += (long) k[r] * (code - 128);
            }
        }
        return a;
    }

    static void check(int[][] rows, int[] k, int items, String what) {
        int stride = rows[0].length;
        int[][] sums = Int8RowSums.sums(rows, k, rows.length, stride);
        long[] expected = reference(rows, k, rows.length, items);
        for (int i = 0; i < items; i++) {
            assertEquals(expected[i], sums[i & 3][i >> 2], what + ": item " + i);
        }
    }

    static int[][] randomRows(SplittableRandom r, int count, int stride) {
        int[][] rows = new int[count][stride];
        for (int[] row : rows) {
            for (int t = 0; t < stride; t++) {
                row[t] = r.nextInt();
            }
        }
        return rows;
    }

    @Test
    void groupsOfEverySizeAroundTheThresholdsSumExactly() {
        SplittableRandom r = new SplittableRandom(31);
        // group sizes: one row less than MIN_GROUP (multiplied), MIN_GROUP and one more (added, an odd
        // count ends with a single-row add), a spill's worth and one or two more, and two spills and more
        int[] sizes = {Int8RowSums.MIN_GROUP - 1, Int8RowSums.MIN_GROUP, Int8RowSums.MIN_GROUP + 1, 1,
            Int8RowSums.SPILL_ROWS - 1, Int8RowSums.SPILL_ROWS, Int8RowSums.SPILL_ROWS + 1, Int8RowSums.SPILL_ROWS + 2,
            2 * Int8RowSums.SPILL_ROWS + 3};
        int[] coefficients = {1, -1, 4, 16, -8, 3, 1 << 12, -(1 << 10), 7};
        for (int stride : new int[] {1, 2, 13, 40}) {
            int total = Arrays.stream(sizes).sum() + 5;
            int[][] rows = randomRows(r, total, stride);
            int[] k = new int[total];
            int p = 0;
            for (int g = 0; g < sizes.length; g++) {
                for (int q = 0; q < sizes[g]; q++) {
                    k[p++] = coefficients[g];
                }
            }
            // rows with coefficient 0 are skipped, wherever they are
            while (p < total) {
                k[p++] = 0;
            }
            // interleave the groups, as a history's rows come in item order, not by coefficient
            for (int q = total - 1; q > 0; q--) {
                int o = r.nextInt(q + 1);
                int[] row = rows[q];
                rows[q] = rows[o];
                rows[o] = row;
                int c = k[q];
                k[q] = k[o];
                k[o] = c;
            }
            check(rows, k, 4 * stride, "stride " + stride);
        }
    }

    @Test
    void fullLanesAndSumsAtTheEdgeOfTheIntRangeStayExact() {
        // 258 rows of the largest code in one group: the lanes would carry without the spill at 256,
        // and 258·127·2¹⁶ = 2,147,352,576 is just below 2³¹
        int count = 258;
        int[][] high = new int[count][3];
        int[][] low = new int[count][3];
        for (int r = 0; r < count; r++) {
            Arrays.fill(high[r], 0xFFFFFFFF);
            Arrays.fill(low[r], 0x01010101);
        }
        int[] k = new int[count];
        Arrays.fill(k, 1 << 16);
        int[][] sums = Int8RowSums.sums(high, k, count, 3);
        int[][] negative = Int8RowSums.sums(low, k, count, 3);
        for (int l = 0; l < 4; l++) {
            for (int t = 0; t < 3; t++) {
                assertEquals(2_147_352_576, sums[l][t]);
                assertEquals(-2_147_352_576, negative[l][t]);
            }
        }
        check(high, k, 12, "largest codes");
        Arrays.fill(k, -(1 << 16));
        check(high, k, 12, "largest codes, negative coefficient");
    }

    @Test
    void theKernelsAgreeRowByRow() {
        SplittableRandom r = new SplittableRandom(32);
        int stride = 37;
        int[][] rows = randomRows(r, 5, stride);
        int[][] viaMultiply = new int[4][stride];
        for (int[] row : rows) {
            Int8RowSums.multiplyAdd(row, 1, viaMultiply[0], viaMultiply[1], viaMultiply[2], viaMultiply[3]);
        }
        int[] even = new int[stride];
        int[] odd = new int[stride];
        Int8RowSums.addTwo(rows[0], rows[1], even, odd);
        Int8RowSums.addTwo(rows[2], rows[3], even, odd);
        Int8RowSums.addOne(rows[4], even, odd);
        int[][] viaLanes = new int[4][stride];
        Int8RowSums.spill(even, odd, 1, 5, viaLanes[0], viaLanes[1], viaLanes[2], viaLanes[3]);
        assertEquals(Arrays.deepToString(viaMultiply), Arrays.deepToString(viaLanes));
        // the spill clears the lanes for the next group
        assertEquals(0, Arrays.stream(even).filter(x -> x != 0).count() + Arrays.stream(odd).filter(x -> x != 0).count());
        long[] expected = reference(rows, new int[] {1, 1, 1, 1, 1}, 5, 4 * stride);
        for (int i = 0; i < 4 * stride; i++) {
            assertEquals(expected[i], viaLanes[i & 3][i >> 2], "item " + i);
        }
    }
}
