package dev.o2o.spark;

import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import dev.o2o.recommend.Recommender;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommendJobTest {

    /** Seeded interactions: 1,200 customers, 300 items with skewed popularity, 2 to 20 items each. */
    private static Interactions interactions() {
        Random random = new Random(11);
        Interactions.Builder b = Interactions.builder();
        for (int c = 0; c < 1200; c++) {
            int n = 2 + random.nextInt(19);
            for (int k = 0; k < n; k++) {
                int item = (int) (300 * Math.pow(random.nextDouble(), 2));
                b.add("c" + c, "i" + item, 1 + random.nextInt(3));
            }
        }
        return b.build();
    }

    /** The single-machine lists, as rows of {@link RecommendJob#OUTPUT}, customer by customer. */
    private static List<Row> expected(Model model, int k) {
        List<Row> rows = new ArrayList<>();
        Interactions data = model.interactions();
        for (int c = 0; c < data.customerCount(); c++) {
            List<Recommendation> list = model.recommend(data.customerId(c), Query.top(k));
            for (int r = 0; r < list.size(); r++) {
                rows.add(RowFactory.create(data.customerId(c), r + 1, list.get(r).item(), list.get(r).score()));
            }
        }
        return rows;
    }

    @Test
    void listsEqualTheSingleMachineModelsInAnyPartitioning() {
        SparkSession spark = SparkTestSession.get();
        Interactions data = interactions();
        for (Recommender recommender : List.of(Recommender.ease(50), Recommender.als(8, 5, 0.1, 4, 3),
                Recommender.itemKnn(20, 5), Recommender.popularity(),
                Recommender.blend(Map.of(Recommender.ease(50), 1.0, Recommender.popularity(), 0.01)))) {
            Model model = recommender.fit(data);
            List<Row> expected = expected(model, 10);
            // what an executor of a cluster scores with: the model after Java serialization
            assertEquals(expected, expected(Serialization.roundTrip(model), 10), recommender.name());
            for (int partitions : new int[] {1, 3, 17}) {
                Dataset<Row> customers = RecommendJob.customersOf(spark, model, partitions);
                assertEquals(partitions, customers.rdd().getNumPartitions());
                List<Row> actual = RecommendJob.topK(customers, model, 10).sort("customer_id", "rank").collectAsList();
                List<Row> sorted = new ArrayList<>(expected);
                sorted.sort((a, b) -> {
                    int c = a.getString(0).compareTo(b.getString(0));
                    return c != 0 ? c : Integer.compare(a.getInt(1), b.getInt(1));
                });
                assertEquals(sorted, actual, recommender.name() + " in " + partitions + " partitions");
            }
        }
    }

    @Test
    void aSubsetOfCustomersGetsTheirListsOnly() {
        SparkSession spark = SparkTestSession.get();
        Model model = Recommender.itemKnn(20, 5).fit(interactions());
        List<Row> ids = List.of(RowFactory.create("c7", "x"), RowFactory.create("c1100", "y"));
        StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("extra", DataTypes.StringType);
        List<Row> out = RecommendJob.topK(spark.createDataFrame(ids, schema), model, 3).sort("customer_id", "rank")
                .collectAsList();
        assertEquals(6, out.size());
        assertEquals(List.of("c1100", "c1100", "c1100", "c7", "c7", "c7"), out.stream().map(r -> r.getString(0)).toList());
        List<Recommendation> c7 = model.recommend("c7", Query.top(3));
        assertEquals(c7.get(0).item(), out.get(3).getString(2));
        assertEquals(c7.get(2).score(), out.get(5).getDouble(3));
    }

    @Test
    void badInputFailsBeforeTheListsNamingTheColumn() {
        SparkSession spark = SparkTestSession.get();
        Model model = Recommender.popularity().fit(interactions());
        StructType wrong = new StructType().add("customer_id", DataTypes.IntegerType);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecommendJob.topK(
                spark.createDataFrame(List.of(RowFactory.create(1)), wrong), model, 5));
        assertEquals("input 'customers': column 'customer_id' has type int, expected string", e.getMessage());
        StructType other = new StructType().add("customer", DataTypes.StringType);
        e = assertThrows(IllegalArgumentException.class, () -> RecommendJob.topK(
                spark.createDataFrame(List.of(RowFactory.create("c1")), other), model, 5));
        assertTrue(e.getMessage().startsWith("input 'customers': column 'customer_id' of type string is missing"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecommendJob.topK(spark.createDataFrame(
                Arrays.asList(RowFactory.create("c1"), RowFactory.create((Object) null)),
                RecommendJob.CUSTOMERS.structType().asNullable()), model, 5));
        assertEquals("input 'customers': non-null column 'customer_id' (string) is null in 1 of 2 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecommendJob.topK(spark.createDataFrame(
                List.of(RowFactory.create("c1"), RowFactory.create("nobody")), RecommendJob.CUSTOMERS.structType()),
                model, 5));
        assertEquals("input 'customers': column 'customer_id' (string) holds 'nobody', a customer not in the model's"
                + " training data", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecommendJob.topK(spark.createDataFrame(
                List.of(RowFactory.create("c1")), RecommendJob.CUSTOMERS.structType()), model, 0));
    }

    @Test
    void aModelHoldingACallersFunctionThatDoesNotSerializeIsRefusedByName() {
        SparkSession spark = SparkTestSession.get();
        Interactions data = interactions();
        Model model = Recommender.content(Map.of("i1", Set.of("category:a")), customer -> Set.of(), 0.5).fit(data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecommendJob.topK(
                RecommendJob.customersOf(spark, model, 2), model, 5));
        assertTrue(e.getMessage().startsWith("recommendation model dev.o2o.recommend.ContentModel cannot be broadcast:"),
                e.getMessage());
    }
}
