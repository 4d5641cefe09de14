package dev.o2o.benchmarks.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import dev.o2o.core.geo.GeoHit;
import dev.o2o.core.geo.KnownPositions;
import dev.o2o.core.geo.StoreLocator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store locator and the reverse query. {@code nearestOf10k}: the nearest of 10,000 stores
 * spread over eastern China (about 1,100 km square) to a query point in that area (target under
 * 1 µs). {@code customersWithin5kmOf10M}: all customers within 5 km of a store among 10 million
 * known positions over about 330 km square around Shanghai (about 8,000 hits; target under 50 ms).
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class LocatorBenchmark {

    /** 10,000 stores and 4,096 query points. */
    @State(Scope.Benchmark)
    public static class Stores {
        StoreLocator locator;
        GeoPoint[] queries;

        @Setup
        public void setUp() {
            locator = StoreLocator.of(Workloads.stores(10_000, GeoPoint.of(30, 117), 5, 3));
            SplittableRandom rnd = new SplittableRandom(4);
            queries = new GeoPoint[4_096];
            for (int i = 0; i < queries.length; i++) {
                queries[i] = GeoPoint.of(30 + rnd.nextDouble(-5, 5), 117 + rnd.nextDouble(-5, 5));
            }
        }
    }

    /** 10 million known positions and 64 stores to query around. */
    @State(Scope.Benchmark)
    public static class Positions {
        KnownPositions positions;
        List<Store> stores;

        @Setup
        public void setUp() {
            int n = 10_000_000;
            SplittableRandom rnd = new SplittableRandom(5);
            Map<CustomerKey, GeoPoint> map = new HashMap<>(n * 4 / 3 + 1);
            for (int i = 0; i < n; i++) {
                map.put(CustomerKey.of("C" + i), GeoPoint.of(31.23 + rnd.nextDouble(-1.5, 1.5), 121.47 + rnd.nextDouble(-1.5, 1.5)));
            }
            positions = KnownPositions.of(map);
            stores = Workloads.stores(64, Workloads.SHANGHAI, 1.0, 6);
        }
    }

    /** Which query comes next, per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Optional<GeoHit<Store>> nearestOf10k(Stores s, Cursor c) {
        return s.locator.nearest(s.queries[c.i++ & 4_095]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<GeoHit<CustomerKey>> customersWithin5kmOf10M(Positions p, Cursor c) {
        return p.positions.near(p.stores.get(c.i++ & 63), 5_000);
    }
}
