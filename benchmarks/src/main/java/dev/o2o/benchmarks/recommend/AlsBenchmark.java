package dev.o2o.benchmarks.recommend;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import dev.o2o.recommend.Availability;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import dev.o2o.recommend.Recommender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Implicit ALS on synthetic data: {@code customers} customers with 10 interactions each over
 * 50,000 items drawn with a skew (item = ⌊50,000·u³⌋), fitted with 64 factors. {@code fit} runs
 * 15 sweeps; the query benchmarks use a model of one sweep (query cost does not depend on the
 * sweeps): top-10 within 5 km with a filter (500 stores over a 20 km city, each item at 3), and
 * fold-in of a new customer with 50 interactions.
 */
@State(Scope.Benchmark)
public class AlsBenchmark {

    @Param("1000000")
    public int customers;

    Interactions data;
    Model model;
    Availability availability;
    GeoPoint position;
    Map<String, Double> history;

    @Setup(Level.Trial)
    public void setUp() {
        int items = 50_000;
        SplittableRandom r = new SplittableRandom(7);
        Interactions.Builder b = Interactions.builder();
        String[] itemIds = new String[items];
        for (int i = 0; i < items; i++) {
            itemIds[i] = "i" + i;
        }
        for (int c = 0; c < customers; c++) {
            String id = "c" + c;
            for (int k = 0; k < 10; k++) {
                double u = r.nextDouble();
                b.add(id, itemIds[(int) (items * u * u * u)], 1 + r.nextInt(3));
            }
        }
        data = b.build();
        model = Recommender.als(64, 10, 0.1, 1, 1L).fit(data);
        Availability.Builder a = Availability.builder();
        for (int s = 0; s < 500; s++) {
            a.store(new Store("s" + s, "store " + s, GeoPoint.of(31.23 + (r.nextDouble() - 0.5) * 0.18,
                    121.47 + (r.nextDouble() - 0.5) * 0.21)));
        }
        for (int i = 0; i < data.itemCount(); i++) {
            for (int k = 0; k < 3; k++) {
                a.offers("s" + r.nextInt(500), data.itemId(i));
            }
        }
        availability = a.build();
        position = GeoPoint.of(31.23, 121.47);
        history = new HashMap<>();
        while (history.size() < 50) {
            history.put(data.itemId(r.nextInt(data.itemCount())), 1.0);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Model fit15() {
        return Recommender.als(64, 10, 0.1, 15, 1L).fit(data);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Recommendation> top10NearWithFilter() {
        return model.recommend("c12345", Query.top(10).near(position, availability)
                .eligibleIf(item -> item.hashCode() % 7 != 0));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Recommendation> foldIn50() {
        return model.recommendFor(history, Query.top(10));
    }
}
