package dev.o2o.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.io.DataFormat;
import dev.o2o.core.io.ErrorPolicy;
import dev.o2o.core.io.Ingest;
import dev.o2o.core.io.IngestOptions;
import dev.o2o.core.io.IngestReport;
import dev.o2o.core.io.RecordReader;
import dev.o2o.loyalty.tianchi.TianchiData;
import dev.o2o.segmentation.clv.BgNbd;
import dev.o2o.segmentation.clv.CalibrationData;
import dev.o2o.segmentation.clv.GammaGamma;
import dev.o2o.segmentation.clv.ModelFit;
import dev.o2o.segmentation.clv.SpendData;
import dev.o2o.testkit.data.GenerationSummary;
import dev.o2o.testkit.data.SyntheticChannels;
import dev.o2o.testkit.data.SyntheticConfig;
import dev.o2o.testkit.data.SyntheticData;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataTest {

    @TempDir
    static Path tmp;

    static GenerationSummary summary;

    @BeforeAll
    static void generate() {
        summary = SyntheticData.generate(SyntheticConfig.defaults(3000, 11), tmp.resolve("a"), m -> { });
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        SyntheticData.generate(SyntheticConfig.defaults(3000, 11), tmp.resolve("b"), m -> { });
        List<String> names = fileNames(tmp.resolve("a"));
        assertEquals(names, fileNames(tmp.resolve("b")));
        assertEquals(12, names.size());
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(name)),
                    Files.readAllBytes(tmp.resolve("b").resolve(name)), name);
        }
    }

    @Test
    void concurrentRunsAreIndependent() throws Exception {
        // the generator is documented as thread-safe: two runs at once give the same bytes as one alone
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<?> f1 = pool.submit(() ->
                    SyntheticData.generate(SyntheticConfig.defaults(3000, 11), tmp.resolve("p1"), m -> { }));
            java.util.concurrent.Future<?> f2 = pool.submit(() ->
                    SyntheticData.generate(SyntheticConfig.defaults(3000, 11), tmp.resolve("p2"), m -> { }));
            f1.get();
            f2.get();
        } finally {
            pool.shutdown();
        }
        for (String name : fileNames(tmp.resolve("a"))) {
            byte[] expected = Files.readAllBytes(tmp.resolve("a").resolve(name));
            assertArrayEquals(expected, Files.readAllBytes(tmp.resolve("p1").resolve(name)), name);
            assertArrayEquals(expected, Files.readAllBytes(tmp.resolve("p2").resolve(name)), name);
        }
    }

    @Test
    void anotherSeedGivesOtherData() throws IOException {
        SyntheticData.generate(SyntheticConfig.defaults(3000, 12), tmp.resolve("c"), m -> { });
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(SyntheticData.ORDERS)),
                Files.readAllBytes(tmp.resolve("c").resolve(SyntheticData.ORDERS))));
    }

    @Test
    void ingestionAcceptsEveryGoodRecordAndRejectsEveryBadOne() {
        IngestOptions options = IngestOptions.defaults(SyntheticChannels.registry()).withPolicy(ErrorPolicy.COLLECT);
        IngestReport tp;
        long tpCount;
        try (RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.NDJSON, summary.touchpointsFile(), options)) {
            tpCount = r.stream().count();
            tp = r.report();
        }
        assertEquals(summary.touchpoints(), tpCount);
        assertEquals(summary.touchpoints(), tp.accepted());
        assertEquals(summary.badTouchpoints(), tp.rejected());
        assertTrue(summary.badTouchpoints() >= 4, "at least one bad touchpoint of each kind");
        IngestReport or;
        try (RecordReader<Order> r = Ingest.orders(DataFormat.NDJSON, summary.ordersFile(), options)) {
            r.stream().count();
            or = r.report();
        }
        assertEquals(summary.orders(), or.accepted());
        assertEquals(summary.badOrders(), or.rejected());
        assertTrue(or.errors().stream().anyMatch(e -> e.field().contains("quantity")), or.errors().toString());
    }

    @Test
    void summariesPathsAndOrdersAgree() throws IOException {
        List<String[]> rows = csv(SyntheticData.CLV_SUMMARY_TX);
        assertEquals(summary.customers(), rows.size());
        long repeat = rows.stream().mapToLong(r -> Long.parseLong(r[1])).sum();
        assertEquals(summary.orders(), repeat + summary.customers(), "every customer's first purchase plus repeats");
        for (String[] r : rows) {
            double tx = Double.parseDouble(r[2]);
            double t = Double.parseDouble(r[3]);
            assertTrue(tx >= 0 && tx <= t && t <= 52.0, String.join(",", r));
            assertEquals(r[1].equals("0"), r[4].equals("0"), "zbar is 0 exactly without repeats: " + String.join(",", r));
        }
        List<String[]> paths = csv(SyntheticData.PATHS);
        long conversions = paths.stream().mapToLong(r -> Long.parseLong(r[1])).sum();
        long nulls = paths.stream().mapToLong(r -> Long.parseLong(r[3])).sum();
        assertEquals(summary.orders(), conversions);
        assertEquals(summary.journeys(), conversions + nulls);
        BigDecimal value = paths.stream().map(r -> new BigDecimal(r[2])).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal orderTotal;
        try (RecordReader<Order> r = Ingest.orders(DataFormat.NDJSON, summary.ordersFile(),
                IngestOptions.defaults(SyntheticChannels.registry()).withPolicy(ErrorPolicy.COLLECT))) {
            orderTotal = r.stream().map(o -> o.total().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        assertEquals(0, value.compareTo(orderTotal), "conversion value is the order totals");
    }

    @Test
    void purchaseProcessFollowsTheConfiguredBgNbd() throws IOException {
        // E[purchases in the first t weeks after the first] has a closed form under BG/NBD;
        // compare the simulated mean repeat count with it for each customer's age T.
        SyntheticConfig c = SyntheticConfig.defaults(1, 1);
        List<String[]> rows = csv(SyntheticData.CLV_SUMMARY);
        double observed = 0;
        double expected = 0;
        for (String[] r : rows) {
            observed += Integer.parseInt(r[1]);
            expected += bgnbdExpected(c, Double.parseDouble(r[3]));
        }
        observed /= rows.size();
        expected /= rows.size();
        assertEquals(expected, observed, 0.03 * expected, "mean repeat purchases");
    }

    /** Fader, Hardie and Lee (2005) eq. 9 by numeric 2F1, for moderate parameters. */
    static double bgnbdExpected(SyntheticConfig c, double t) {
        double r = c.r();
        double alpha = c.alpha();
        double a = c.a();
        double b = c.b();
        double z = t / (alpha + t);
        // 2F1(r, b; a + b - 1; z) by its series (z < 1)
        double term = 1;
        double sum = 1;
        for (int k = 0; k < 10_000 && Math.abs(term) > 1e-14 * Math.abs(sum); k++) {
            term *= (r + k) * (b + k) / ((a + b - 1 + k) * (k + 1)) * z;
            sum += term;
        }
        return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * sum);
    }

    @Test
    void bgNbdAndGammaGammaFitsRecoverTheTrueParameters() throws IOException {
        Path dir = tmp.resolve("fit");
        SyntheticConfig c = SyntheticConfig.defaults(20_000, 3);
        SyntheticData.generate(c, dir, m -> { });
        List<String[]> rows;
        try (Stream<String> lines = Files.lines(dir.resolve(SyntheticData.CLV_SUMMARY_TX))) {
            rows = lines.skip(1).map(l -> l.split(",", -1)).collect(Collectors.toList());
        }
        int n = rows.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        int repeaters = 0;
        for (int i = 0; i < n; i++) {
            x[i] = Integer.parseInt(rows.get(i)[1]);
            tx[i] = Double.parseDouble(rows.get(i)[2]);
            t[i] = Double.parseDouble(rows.get(i)[3]);
            repeaters += x[i] > 0 ? 1 : 0;
        }
        ModelFit<BgNbd> bg = BgNbd.fit(CalibrationData.of(x, tx, t));
        double[] truth = {c.r(), c.alpha(), c.a(), c.b()};
        for (int k = 0; k < 4; k++) {
            double est = bg.estimates().get(k);
            double se = bg.standardErrors().get(k);
            assertEquals(truth[k], est, 4 * se, bg.parameterNames().get(k) + " = " + est + " +- " + se);
        }
        int[] xr = new int[repeaters];
        double[] z = new double[repeaters];
        int j = 0;
        for (String[] r : rows) {
            if (!r[1].equals("0")) {
                xr[j] = Integer.parseInt(r[1]);
                z[j++] = Double.parseDouble(r[4]);
            }
        }
        ModelFit<GammaGamma> gg = GammaGamma.fit(SpendData.of(xr, z));
        double[] gTruth = {c.p(), c.q(), c.v()};
        for (int k = 0; k < 3; k++) {
            double est = gg.estimates().get(k);
            double se = gg.standardErrors().get(k);
            assertEquals(gTruth[k], est, 4 * se, gg.parameterNames().get(k) + " = " + est + " +- " + se);
        }
    }

    @Test
    void tianchiFileParsesWithTheLoyaltyReader() throws IOException {
        long rows;
        try (Reader in = Files.newBufferedReader(tmp.resolve("a").resolve(SyntheticData.TIANCHI))) {
            rows = TianchiData.read(in, "coupons", t -> { });
        }
        assertEquals(summary.coupons(), rows);
        assertTrue(summary.redemptions() > 0 && summary.redemptions() < summary.coupons());
    }

    @Test
    void redemptionFallsWithDistance() {
        assertEquals(0.6, SyntheticChannels.redemptionProbability(0), 1e-12);
        assertTrue(SyntheticChannels.redemptionProbability(5000) < SyntheticChannels.redemptionProbability(500));
    }

    @Test
    void configRejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticConfig.defaults(0, 1));
        assertTrue(e.getMessage().contains("customers"));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticConfig(10, 1, 5,
                java.time.Instant.EPOCH, 52, 12, 1, 1, 1, 1, 1, 0.5, 1));
    }

    private static List<String[]> csv(String name) throws IOException {
        try (Stream<String> lines = Files.lines(tmp.resolve("a").resolve(name))) {
            return lines.skip(1).map(l -> l.split(",", -1)).collect(Collectors.toList());
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
