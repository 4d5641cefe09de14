package dev.o2o.spark;

import dev.o2o.segmentation.clv.BgNbd;
import dev.o2o.segmentation.clv.CalibrationData;
import dev.o2o.segmentation.clv.Clv;
import dev.o2o.segmentation.clv.CustomerSummary;
import dev.o2o.segmentation.clv.FitOptions;
import dev.o2o.segmentation.clv.GammaGamma;
import dev.o2o.segmentation.clv.HoldoutSplit;
import dev.o2o.segmentation.clv.Purchase;
import dev.o2o.segmentation.clv.ModelFit;
import dev.o2o.segmentation.clv.SpendData;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static dev.o2o.spark.InputSchema.nonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

/**
 * Customer lifetime (BG/NBD) as a Spark job: each customer's calibration summary
 * {@code (x, t_x, T)} is computed per customer by {@link CustomerSummary#fromPurchaseDates}, the
 * customers are counted per distinct summary (a distributed aggregation), the model is fitted
 * once on the driver over those weighted rows ({@link CalibrationData#ofDistinct}), and every
 * customer is scored per partition with the fitted parameters. The parameters equal a
 * single-machine {@link BgNbd#fit} on the customers in {@code customer_id} order (the order of
 * the distinct rows) to within the rounding of the start value's mean.
 *
 * <h2>Input: {@link #INPUT} ("purchases", one row per purchase)</h2>
 * <pre>
 * customer_id  string  not null
 * date         date    not null, the purchase's local date
 * </pre>
 * Purchases after the calibration end are not read; a customer whose first purchase is on or
 * after the calibration end has no calibration summary and no row in the output.
 *
 * <h2>Output: {@link #OUTPUT}</h2>
 * {@code customer_id}, {@code frequency} (int, x), {@code recency} (double, t_x),
 * {@code age} (double, T), {@code p_alive} (double), {@code expected_purchases} (double, over
 * the horizon). Stateless and thread-safe.
 */
public final class ClvJob {

    /** The input schema. */
    public static final InputSchema INPUT = InputSchema.of("purchases",
            nonNull("customer_id", DataTypes.StringType),
            nonNull("date", DataTypes.DateType));

    /** The per-customer summaries' schema. */
    public static final StructType SUMMARIES = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("frequency", DataTypes.IntegerType, false)
            .add("recency", DataTypes.DoubleType, false)
            .add("age", DataTypes.DoubleType, false);

    /** The output schema. */
    public static final StructType OUTPUT = SUMMARIES
            .add("p_alive", DataTypes.DoubleType, false)
            .add("expected_purchases", DataTypes.DoubleType, false);

    /**
     * The fitted model and the scored customers.
     *
     * @param fit       the BG/NBD fit (parameters, log-likelihood, standard errors)
     * @param customers every customer with a calibration summary, scored ({@link #OUTPUT})
     */
    public record Result(ModelFit<BgNbd> fit, Dataset<Row> customers) {
    }

    private ClvJob() {
    }

    /**
     * Summarises, fits and scores.
     *
     * @param calibrationEnd the last day of the calibration period
     * @param daysPerUnit    days per time unit of t_x, T and the horizon (7 for weeks)
     * @param horizon        the horizon of {@code expected_purchases}, in time units, {@code >= 0}
     * @throws IllegalArgumentException if the input does not match {@link #INPUT}, is empty, or no
     *                                  customer has a purchase before the calibration end
     */
    public static Result run(Dataset<Row> purchases, LocalDate calibrationEnd, double daysPerUnit, double horizon,
                             FitOptions options) {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(options, "options");
        if (!(daysPerUnit > 0) || !Double.isFinite(daysPerUnit)) {
            throw new IllegalArgumentException("daysPerUnit must be finite and > 0, got " + daysPerUnit);
        }
        if (!(horizon >= 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("horizon must be finite and >= 0, got " + horizon);
        }
        Dataset<Row> in = INPUT.check(purchases).data();
        long endDay = calibrationEnd.toEpochDay();
        FlatMapGroupsFunction<String, Row, Row> summarise = (customer, rows) -> {
            List<LocalDate> dates = new ArrayList<>();
            long first = Long.MAX_VALUE;
            while (rows.hasNext()) {
                LocalDate d = localDate(rows.next().get(1));
                dates.add(d);
                first = Math.min(first, d.toEpochDay());
            }
            if (first >= endDay) {
                return List.<Row>of().iterator();
            }
            CustomerSummary s = CustomerSummary.fromPurchaseDates(dates, LocalDate.ofEpochDay(endDay), daysPerUnit);
            return List.of(RowFactory.create(customer, s.frequency(), s.recency(), s.age())).iterator();
        };
        MapFunction<Row, String> customerOf = r -> r.getString(0);
        Dataset<Row> summaries = in.groupByKey(customerOf, Encoders.STRING())
                .flatMapGroups(summarise, Encoders.row(SUMMARIES))
                .cache();

        List<Row> distinct = summaries.groupBy("frequency", "recency", "age")
                .agg(count(lit(1)).as("customers"), min("customer_id").as("first"))
                .sort("first")
                .collectAsList();
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("input 'purchases': no customer has a purchase before the calibration"
                    + " end " + calibrationEnd);
        }
        int n = distinct.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            Row r = distinct.get(i);
            x[i] = r.getInt(0);
            tx[i] = r.getDouble(1);
            t[i] = r.getDouble(2);
            counts[i] = r.getLong(3);
        }
        ModelFit<BgNbd> fit = BgNbd.fit(CalibrationData.ofDistinct(x, tx, t, counts), options);
        double pr = fit.model().r();
        double palpha = fit.model().alpha();
        double pa = fit.model().a();
        double pb = fit.model().b();
        MapFunction<Row, Row> score = r -> {
            BgNbd model = new BgNbd(pr, palpha, pa, pb);
            CustomerSummary s = new CustomerSummary(r.getInt(1), r.getDouble(2), r.getDouble(3));
            return RowFactory.create(r.getString(0), s.frequency(), s.recency(), s.age(), model.probabilityAlive(s),
                    model.expectedPurchases(horizon, s));
        };
        return new Result(fit, summaries.map(score, Encoders.row(OUTPUT)));
    }

    /**
     * The Gamma-Gamma spend model's input, one row per customer: the calibration summary
     * ({@code frequency} int, {@code recency} and {@code age} double, as in {@link #OUTPUT}) and
     * {@code mean_value} (double, the mean value of the repeat purchases; {@code > 0} where
     * {@code frequency >= 1}, ignored otherwise).
     */
    public static final InputSchema SPEND = InputSchema.of("spend",
            nonNull("customer_id", DataTypes.StringType),
            nonNull("frequency", DataTypes.IntegerType),
            nonNull("recency", DataTypes.DoubleType),
            nonNull("age", DataTypes.DoubleType),
            nonNull("mean_value", DataTypes.DoubleType));

    /** The output of {@link #value}: {@code customer_id}, {@code expected_spend}, {@code clv} (double). */
    public static final StructType VALUE = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("expected_spend", DataTypes.DoubleType, false)
            .add("clv", DataTypes.DoubleType, false);

    /**
     * The fitted spend model and the valued customers.
     *
     * @param fit       the Gamma-Gamma fit
     * @param customers every input customer, valued ({@link #VALUE})
     */
    public record ValueResult(ModelFit<GammaGamma> fit, Dataset<Row> customers) {
    }

    /**
     * Fits Gamma-Gamma on the driver over the repeat customers' (frequency, mean value), in
     * {@code customer_id} order (the order a single-machine fit over a sorted list sees), and scores
     * every customer per partition: {@link GammaGamma#expectedAverageSpend} and
     * {@link Clv#discounted} under the given purchase model. The driver holds two numbers per
     * repeat customer.
     *
     * @throws IllegalArgumentException if the input does not match {@link #SPEND}, is empty, has no
     *                                  repeat customer, or a repeat customer's mean value is not finite and {@code > 0}
     */
    public static ValueResult value(Dataset<Row> spend, BgNbd purchases, FitOptions options, double periodLength,
                                    int periods, double discountRatePerPeriod) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(options, "options");
        Dataset<Row> in = SPEND.check(spend).data();
        List<Row> repeat = in.filter(col("frequency").geq(1)).select("frequency", "mean_value")
                .sort("customer_id").collectAsList();
        if (repeat.isEmpty()) {
            throw new IllegalArgumentException("input 'spend': no customer has frequency >= 1 (a repeat purchase)");
        }
        int[] x = new int[repeat.size()];
        double[] z = new double[repeat.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = repeat.get(i).getInt(0);
            z[i] = repeat.get(i).getDouble(1);
            if (!(z[i] > 0) || !Double.isFinite(z[i])) {
                throw new IllegalArgumentException("input 'spend': column 'mean_value' (double) is " + z[i]
                        + " for a customer with frequency " + x[i] + "; it must be finite and > 0");
            }
        }
        ModelFit<GammaGamma> fit = GammaGamma.fit(SpendData.of(x, z), options);
        double gp = fit.model().p();
        double gq = fit.model().q();
        double gv = fit.model().v();
        double pr = purchases.r();
        double palpha = purchases.alpha();
        double pa = purchases.a();
        double pb = purchases.b();
        MapFunction<Row, Row> score = r -> {
            GammaGamma gg = new GammaGamma(gp, gq, gv);
            CustomerSummary s = new CustomerSummary(r.getInt(1), r.getDouble(2), r.getDouble(3));
            double expected = gg.expectedAverageSpend(s.frequency(), r.getDouble(4));
            return RowFactory.create(r.getString(0), expected, Clv.discounted(new BgNbd(pr, palpha, pa, pb), s,
                    expected, periodLength, periods, discountRatePerPeriod));
        };
        return new ValueResult(fit, in.map(score, Encoders.row(VALUE)));
    }

    /**
     * Purchases with their values: {@link #INPUT}'s columns and {@code value} (double, not null,
     * finite and {@code >= 0}, the purchase's value in currency units, net of refunds).
     */
    public static final InputSchema VALUED = InputSchema.of("purchases",
            nonNull("customer_id", DataTypes.StringType),
            nonNull("date", DataTypes.DateType),
            nonNull("value", DataTypes.DoubleType));

    /**
     * Each customer's {@link #SPEND} row from valued purchases, per customer, as the
     * single-machine {@link HoldoutSplit#of} (and {@code OrderClv}) computes it: purchases on one
     * day count once with their values summed, the mean value is over the repeat days of the
     * calibration period ({@code 0} without repeats, where {@link #value} ignores it), purchases
     * after the calibration end are not read, and a customer whose first purchase is on or after
     * it has no row. A customer's purchases are summed in (date, value) order, whatever the
     * partitioning.
     *
     * @throws IllegalArgumentException if the input does not match {@link #VALUED} or is empty; a
     *                                  negative or non-finite value fails the job with core's message
     */
    public static Dataset<Row> spend(Dataset<Row> purchases, LocalDate calibrationEnd, double daysPerUnit) {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        if (!(daysPerUnit > 0) || !Double.isFinite(daysPerUnit)) {
            throw new IllegalArgumentException("daysPerUnit must be finite and > 0, got " + daysPerUnit);
        }
        Dataset<Row> in = VALUED.check(purchases).data();
        long endDay = calibrationEnd.toEpochDay();
        FlatMapGroupsFunction<String, Row, Row> summarise = (customer, rows) -> {
            List<Purchase> list = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                list.add(new Purchase(localDate(r.get(1)), r.getDouble(2)));
            }
            list.sort(Comparator.comparing(Purchase::date).thenComparingDouble(Purchase::value));
            if (list.get(0).date().toEpochDay() >= endDay) {
                return List.<Row>of().iterator();
            }
            LocalDate end = LocalDate.ofEpochDay(endDay);
            HoldoutSplit s = HoldoutSplit.of(list, end, end, daysPerUnit);
            CustomerSummary c = s.calibration();
            return List.of(RowFactory.create(customer, c.frequency(), c.recency(), c.age(),
                    s.meanRepeatValue().orElse(0))).iterator();
        };
        MapFunction<Row, String> customerOf = r -> r.getString(0);
        return in.groupByKey(customerOf, Encoders.STRING()).flatMapGroups(summarise, Encoders.row(SPEND.structType()));
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        throw new IllegalArgumentException("not a date: " + value);
    }
}
