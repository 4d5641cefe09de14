package dev.o2o.benchmarks.recommend;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import dev.o2o.recommend.Availability;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.InteractionsCsv;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import dev.o2o.recommend.Recommender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * EASE on MovieLens latest-small (ratings ≥ 4, all kept rows): the closed-form fit (compare with
 * numpy's {@code G = XᵀX; P = inv(G + λI)} timed on the same machine), and one customer's top-10
 * with distance re-ranking and a filter, and fold-in of a new customer with 50 interactions.
 * The data path comes from {@code -Do2o.mlSmall=...} (default ../shared/data/recommend/...).
 */
@State(Scope.Benchmark)
public class EaseBenchmark {

    Interactions data;
    Model model;
    Availability availability;
    GeoPoint position;
    Map<String, Double> history;
    String customer;

    @Setup(Level.Trial)
    public void setUp() {
        Path file = Path.of(System.getProperty("o2o.mlSmall", "../shared/data/recommend/ml-latest-small-ratings.csv"));
        if (!Files.exists(file)) {
            throw new IllegalStateException("MovieLens latest-small not found at " + file.toAbsolutePath()
                    + "; pass -Do2o.mlSmall=PATH");
        }
        data = Interactions.of(InteractionsCsv.read(file, OptionalDouble.of(4.0)).events());
        model = Recommender.ease(500.0).fit(data);
        // 200 stores over a 20 km city; each item offered by 3 random stores
        SplittableRandom r = new SplittableRandom(1);
        Availability.Builder b = Availability.builder();
        for (int s = 0; s < 200; s++) {
            b.store(new Store("s" + s, "store " + s, GeoPoint.of(31.23 + (r.nextDouble() - 0.5) * 0.18,
                    121.47 + (r.nextDouble() - 0.5) * 0.21)));
        }
        for (int i = 0; i < data.itemCount(); i++) {
            for (int k = 0; k < 3; k++) {
                b.offers("s" + r.nextInt(200), data.itemId(i));
            }
        }
        availability = b.build();
        position = GeoPoint.of(31.23, 121.47);
        customer = data.customerId(0);
        history = new HashMap<>();
        for (int k = 0; k < 50; k++) {
            history.put(data.itemId(r.nextInt(data.itemCount())), 1.0);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Model fit() {
        return Recommender.ease(500.0).fit(data);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Recommendation> top10NearWithFilter() {
        return model.recommend(customer, Query.top(10).near(position, availability)
                .eligibleIf(item -> item.hashCode() % 7 != 0));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Recommendation> foldIn50() {
        return model.recommendFor(history, Query.top(10));
    }
}
