package dev.o2o.spark;

import dev.o2o.segmentation.rfm.ColumnBins;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.TiePolicy;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.o2o.spark.InputSchema.nonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * RFM scoring and segments of many customers as a Spark job, equal (bit for bit) to
 * {@link RfmScoring#score} and {@link SegmentMap#segmentOf} on the same customers, for every
 * {@link TiePolicy}, in any partitioning.
 *
 * <h2>Input: {@link #INPUT} ("customers", one row per customer)</h2>
 * <pre>
 * customer_id   string  not null, unique
 * recency_days  bigint  not null, &gt;= 0: days since the last purchase
 * frequency     bigint  not null, &gt;= 0: number of purchases
 * monetary      double  not null, finite: spend in currency units (a ranking statistic)
 * </pre>
 * Under {@link TiePolicy#FIRST_COME} equal values are ranked in {@code customer_id} order
 * (Spark's string order, by UTF-8 bytes): that order is the single-machine "input order".
 *
 * <h2>Output</h2>
 * The input columns plus {@code r_score}, {@code f_score}, {@code m_score} (int, 1..bins),
 * {@code rfm_code} (int, for example 545), {@code total} (double, the weighted score sum) and
 * {@code segment} (string).
 *
 * <h2>How</h2>
 * The quantile breaks are exact: the order statistics they need come from counts per distinct
 * value ({@code OrderStatistics}), then each customer is scored per partition by the same
 * {@link ColumnBins} arithmetic as the single-machine scoring. Stateless and thread-safe.
 */
public final class RfmJob {

    /** The input schema. */
    public static final InputSchema INPUT = InputSchema.of("customers",
            nonNull("customer_id", DataTypes.StringType),
            nonNull("recency_days", DataTypes.LongType),
            nonNull("frequency", DataTypes.LongType),
            nonNull("monetary", DataTypes.DoubleType));

    /** The output schema. */
    public static final StructType OUTPUT = INPUT.structType()
            .add("r_score", DataTypes.IntegerType, false)
            .add("f_score", DataTypes.IntegerType, false)
            .add("m_score", DataTypes.IntegerType, false)
            .add("rfm_code", DataTypes.IntegerType, false)
            .add("total", DataTypes.DoubleType, false)
            .add("segment", DataTypes.StringType, false);

    private static final String[] COLUMNS = {"recency_days", "frequency", "monetary"};

    private RfmJob() {
    }

    /**
     * Scores and segments every customer.
     *
     * @throws IllegalArgumentException if the input does not match {@link #INPUT}, is empty, holds
     *                                  an invalid value or a repeated customer id, or the segment
     *                                  map is for another number of bins
     */
    public static Dataset<Row> score(Dataset<Row> customers, RfmScoring scoring, SegmentMap segments) {
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(segments, "segments");
        InputSchema.Checked checked = INPUT.check(customers);
        Dataset<Row> in = checked.data();
        long n = checked.rows();
        int k = scoring.bins();
        String[] segmentTable = segmentTable(segments, k);
        checkValues(in);

        ColumnBins[] bins = new ColumnBins[3];
        long[][] below = new long[3][];
        for (int c = 0; c < 3; c++) {
            long[] positions = ColumnBins.positions(n, k, scoring.ties());
            bins[c] = ColumnBins.of(n, k, scoring.ties(), c == 0, OrderStatistics.at(in, COLUMNS[c], positions));
            below[c] = countsBelow(in, COLUMNS[c], bins[c].tiedValues());
        }
        Dataset<Row> ranked = scoring.ties() == TiePolicy.FIRST_COME ? withOrdinals(in, bins) : in;
        boolean ordinals = scoring.ties() == TiePolicy.FIRST_COME;
        double wr = scoring.recencyWeight();
        double wf = scoring.frequencyWeight();
        double wm = scoring.monetaryWeight();
        MapFunction<Row, Row> scoreRow = row -> {
            int[] s = new int[3];
            for (int c = 0; c < 3; c++) {
                double x = c == 2 ? row.getDouble(3) : (double) row.getLong(1 + c);
                if (ordinals && bins[c].rankDependent(x)) {
                    s[c] = bins[c].scoreByRank(below[c][indexOf(bins[c].tiedValues(), x)] + row.getLong(4 + c));
                } else {
                    s[c] = bins[c].score(x);
                }
            }
            // the same expression, in the same order, as RfmScores.total
            double total = wr * s[0] + wf * s[1] + wm * s[2];
            return RowFactory.create(row.getString(0), row.getLong(1), row.getLong(2), row.getDouble(3),
                    s[0], s[1], s[2], s[0] * 100 + s[1] * 10 + s[2], total,
                    segmentTable[((s[0] - 1) * k + (s[1] - 1)) * k + (s[2] - 1)]);
        };
        return ranked.map(scoreRow, Encoders.row(OUTPUT));
    }

    private static String[] segmentTable(SegmentMap segments, int k) {
        if (segments.bins() != k) {
            throw new IllegalArgumentException("the segment map is for " + segments.bins() + " scores, the scoring has "
                    + k);
        }
        String[] table = new String[k * k * k];
        for (int r = 1; r <= k; r++) {
            for (int f = 1; f <= k; f++) {
                for (int m = 1; m <= k; m++) {
                    table[((r - 1) * k + (f - 1)) * k + (m - 1)] = segments.segmentOf(r, f, m);
                }
            }
        }
        return table;
    }

    /** Refuses invalid values and repeated ids (one aggregation job and one count of repeated ids). */
    private static void checkValues(Dataset<Row> in) {
        Row bad = in.agg(
                sum(when(col("recency_days").lt(0), 1).otherwise(0)),
                sum(when(col("frequency").lt(0), 1).otherwise(0)),
                sum(when(col("monetary").isNaN().or(col("monetary").isin(Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY)), 1).otherwise(0))).first();
        String[] what = {"recency_days must be >= 0", "frequency must be >= 0", "monetary must be finite"};
        for (int i = 0; i < 3; i++) {
            if (bad.getLong(i) > 0) {
                throw new IllegalArgumentException("input 'customers': " + what[i] + ", " + bad.getLong(i)
                        + " rows are not");
            }
        }
        List<Row> repeated = in.groupBy("customer_id").count().filter(col("count").gt(1))
                .agg(count(lit(1)), sum("count")).collectAsList();
        if (repeated.get(0).getLong(0) > 0) {
            throw new IllegalArgumentException("input 'customers': customer_id must be unique, "
                    + repeated.get(0).getLong(0) + " ids occur in " + repeated.get(0).getLong(1) + " rows");
        }
    }

    /** For each tied value, the number of customers whose value is below it (one job; none without ties). */
    private static long[] countsBelow(Dataset<Row> in, String column, double[] tied) {
        if (tied.length == 0) {
            return new long[0];
        }
        List<Column> sums = new ArrayList<>();
        for (double t : tied) {
            sums.add(sum(when(col(column).cast("double").lt(t), 1L).otherwise(0L)));
        }
        Row r = in.agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0])).first();
        long[] out = new long[tied.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.getLong(i);
        }
        return out;
    }

    /**
     * Adds, per column, the 1-based position of each customer among those with the same tied
     * value in customer_id order (0 where the value is not tied).
     */
    private static Dataset<Row> withOrdinals(Dataset<Row> in, ColumnBins[] bins) {
        Dataset<Row> out = in;
        for (int c = 0; c < 3; c++) {
            String name = "ordinal_" + c;
            double[] tied = bins[c].tiedValues();
            Object[] values = new Object[tied.length];
            for (int i = 0; i < tied.length; i++) {
                values[i] = tied[i];
            }
            Column value = col(COLUMNS[c]).cast("double");
            Dataset<Row> ordinals = in.filter(value.isin(values))
                    .select(col("customer_id").as("ordinal_id"),
                            row_number().over(Window.partitionBy(value).orderBy("customer_id")).cast("long").as(name));
            out = out.join(ordinals, col("customer_id").equalTo(col("ordinal_id")), "left")
                    .drop("ordinal_id")
                    .withColumn(name, coalesce(col(name), lit(0L)));
        }
        return out.select("customer_id", "recency_days", "frequency", "monetary", "ordinal_0", "ordinal_1",
                "ordinal_2");
    }

    private static int indexOf(double[] values, double x) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == x) {
                return i;
            }
        }
        throw new IllegalStateException("value " + x + " is not tied");
    }
}
