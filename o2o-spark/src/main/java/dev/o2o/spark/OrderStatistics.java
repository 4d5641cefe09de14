package dev.o2o.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Exact order statistics of one numeric column: the customers are counted per distinct value,
 * the counts sorted by value (range-partitioned), each partition's total collected, and the
 * values at the wanted ranks read from the one partition that holds each. Only the few wanted
 * values and one number per partition reach the driver, so a column with millions of distinct
 * values (money) is as exact as one with a few (days, purchase counts). Stateless.
 */
final class OrderStatistics {

    private OrderStatistics() {
    }

    /**
     * The values at the 0-based ascending ranks {@code positions} (ascending) of column
     * {@code column} (numeric, no nulls) of {@code data}, as doubles.
     */
    static double[] at(Dataset<Row> data, String column, long[] positions) {
        if (positions.length == 0) {
            return new double[0];
        }
        Dataset<Row> counts = data.groupBy(col(column).cast("double").as("value")).count().sort("value");
        JavaRDD<Row> sorted = counts.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<long[]> totals = sorted.mapPartitionsWithIndex((index, rows) -> {
                long sum = 0;
                while (rows.hasNext()) {
                    sum += rows.next().getLong(1);
                }
                return List.of(new long[] {index, sum}).iterator();
            }, true).collect();
            long[] perPartition = new long[totals.size()];
            for (long[] t : totals) {
                perPartition[(int) t[0]] = t[1];
            }
            long[] start = new long[perPartition.length + 1];
            for (int p = 0; p < perPartition.length; p++) {
                start[p + 1] = start[p] + perPartition[p];
            }
            long[] wanted = positions.clone();
            List<double[]> found = sorted.mapPartitionsWithIndex((index, rows) -> pick(rows, start[index],
                    start[index + 1], wanted), true).collect();
            double[] out = new double[positions.length];
            boolean[] seen = new boolean[positions.length];
            for (double[] f : found) {
                out[(int) f[0]] = f[1];
                seen[(int) f[0]] = true;
            }
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    throw new IllegalStateException("rank " + positions[i] + " of column '" + column
                            + "' was not found among " + start[start.length - 1] + " values");
                }
            }
            return out;
        } finally {
            sorted.unpersist(false);
        }
    }

    /** The (index into wanted, value) pairs of the wanted ranks in {@code [from, to)}, read from sorted counts. */
    private static Iterator<double[]> pick(Iterator<Row> rows, long from, long to, long[] wanted) {
        List<double[]> out = new ArrayList<>();
        int w = Arrays.binarySearch(wanted, from);
        w = w >= 0 ? w : -w - 1;
        long before = from;
        while (rows.hasNext() && w < wanted.length && wanted[w] < to) {
            Row r = rows.next();
            long after = before + r.getLong(1);
            while (w < wanted.length && wanted[w] < after) {
                out.add(new double[] {w, r.getDouble(0)});
                w++;
            }
            before = after;
        }
        return out.iterator();
    }
}
