package dev.o2o.spark;

import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.model.GbmConfig;
import dev.o2o.predict.model.Learner;
import dev.o2o.predict.model.LogisticModel;
import dev.o2o.predict.model.Model;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringJobTest {

    private static final List<String> FEATURES = List.of("recency", "frequency", "spend");

    /** Seeded rows of three features and a 0/1 label that depends on them with noise. */
    private static double[][] rows(Random random, int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {random.nextInt(365), 1 + random.nextInt(12), Math.round(random.nextDouble() * 50000) / 100.0};
        }
        return rows;
    }

    private static double[] labels(Random random, double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double margin = 1.5 - x[i][0] / 100 + x[i][1] / 6 + random.nextGaussian();
            y[i] = margin > 0 ? 1 : 0;
        }
        return y;
    }

    @Test
    void scoresEqualTheSingleMachineModelInAnyPartitioning() {
        SparkSession spark = SparkTestSession.get();
        Random random = new Random(21);
        double[][] train = rows(random, 1500);
        double[] y = labels(random, train);
        double[][] test = rows(random, 3000);
        for (Learner learner : List.of(Learner.logistic(1),
                Learner.gbm(GbmConfig.builder().trees(30).maxDepth(3).learningRate(0.2).build()))) {
            Model model = learner.fit(Matrix.ofRows(FEATURES, train), y);
            Model copy = Serialization.roundTrip(model);
            List<Row> input = new ArrayList<>();
            List<Row> expected = new ArrayList<>();
            for (int i = 0; i < test.length; i++) {
                // for the trees, every 7th row misses its spend: null in Spark, NaN for the model
                double[] x = test[i].clone();
                Double spend = i % 7 == 0 && !(model instanceof LogisticModel) ? null : x[2];
                if (spend == null) {
                    x[2] = Double.NaN;
                }
                String id = String.format("k%05d", i);
                input.add(RowFactory.create(id, x[0], x[1], spend, "ignored"));
                expected.add(RowFactory.create(id, model.predict(x)));
                assertEquals(Double.doubleToLongBits(model.predict(x)), Double.doubleToLongBits(copy.predict(x)));
            }
            StructType schema = ScoringJob.input(model).structType().add("note", DataTypes.StringType);
            for (int partitions : new int[] {1, 3, 17}) {
                List<Row> actual = ScoringJob.score(spark.createDataFrame(input, schema).repartition(partitions), model)
                        .sort("customer_id").collectAsList();
                assertEquals(expected, actual, model.getClass().getSimpleName() + " in " + partitions + " partitions");
            }
        }
    }

    @Test
    void badInputFailsBeforeScoringNamingTheColumnAndType() {
        SparkSession spark = SparkTestSession.get();
        Random random = new Random(3);
        double[][] train = rows(random, 200);
        Model model = Learner.logistic(1).fit(Matrix.ofRows(FEATURES, train), labels(random, train));
        StructType intFrequency = new StructType().add("customer_id", DataTypes.StringType)
                .add("recency", DataTypes.DoubleType).add("frequency", DataTypes.IntegerType)
                .add("spend", DataTypes.DoubleType);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoringJob.score(
                spark.createDataFrame(List.of(RowFactory.create("a", 1.0, 2, 3.0)), intFrequency), model));
        assertEquals("input 'rows': column 'frequency' has type int, expected double", e.getMessage());
        StructType noSpend = new StructType().add("customer_id", DataTypes.StringType)
                .add("recency", DataTypes.DoubleType).add("frequency", DataTypes.DoubleType);
        e = assertThrows(IllegalArgumentException.class, () -> ScoringJob.score(
                spark.createDataFrame(List.of(RowFactory.create("a", 1.0, 2.0)), noSpend), model));
        assertTrue(e.getMessage().startsWith("input 'rows': column 'spend' of type double is missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScoringJob.score(spark.createDataFrame(
                Arrays.asList(RowFactory.create(null, 1.0, 2.0, 3.0)), ScoringJob.input(model).structType().asNullable()),
                model));
        assertEquals("input 'rows': non-null column 'customer_id' (string) is null in 1 of 1 rows", e.getMessage());
    }
}
