package dev.o2o.examples.demo;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.journey.Journey;
import dev.o2o.attribution.journey.JourneyBuilder;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.markov.MarkovChain;
import dev.o2o.attribution.markov.MarkovOptions;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.io.DataFormat;
import dev.o2o.core.io.ErrorPolicy;
import dev.o2o.core.io.Ingest;
import dev.o2o.core.io.IngestOptions;
import dev.o2o.core.io.IngestReport;
import dev.o2o.core.io.RecordError;
import dev.o2o.core.io.RecordReader;
import dev.o2o.core.kpi.CohortMatrix;
import dev.o2o.core.kpi.CohortRetention;
import dev.o2o.core.kpi.CohortRow;
import dev.o2o.core.profile.CustomerProfile;
import dev.o2o.core.profile.ProfileBook;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.Tag;
import dev.o2o.core.profile.TagEngine;
import dev.o2o.core.profile.TagRule;
import dev.o2o.testkit.data.GenerationSummary;
import dev.o2o.testkit.data.SyntheticChannels;
import dev.o2o.testkit.data.SyntheticConfig;
import dev.o2o.testkit.data.SyntheticData;
import dev.o2o.loyalty.points.EarningEvent;
import dev.o2o.loyalty.points.EarningHistory;
import dev.o2o.loyalty.points.EarningRule;
import dev.o2o.loyalty.points.Evaluation;
import dev.o2o.loyalty.points.Member;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsAward;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import dev.o2o.loyalty.points.RuleSet;
import dev.o2o.loyalty.tianchi.DistanceBand;
import dev.o2o.loyalty.tianchi.TianchiData;
import dev.o2o.segmentation.clv.BgNbd;
import dev.o2o.segmentation.clv.CalibrationData;
import dev.o2o.segmentation.clv.Clv;
import dev.o2o.segmentation.clv.CustomerSummary;
import dev.o2o.segmentation.clv.GammaGamma;
import dev.o2o.segmentation.clv.ModelFit;
import dev.o2o.segmentation.clv.SpendData;
import dev.o2o.segmentation.lifecycle.LifecyclePolicy;
import dev.o2o.segmentation.lifecycle.LifecycleStage;
import dev.o2o.segmentation.rfm.CustomerRfm;
import dev.o2o.segmentation.rfm.RfmOptions;
import dev.o2o.segmentation.rfm.RfmScores;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.RfmSummarizer;
import dev.o2o.segmentation.rfm.RfmTable;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.SegmentSummary;
import dev.o2o.segmentation.rfm.Segmentation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The end-to-end demo: synthetic data, ingestion with its error report, identity resolution,
 * profiles and tags, RFM and lifecycle segments, BG/NBD and Gamma-Gamma CLV, attribution
 * with several models side by side, a points and coupon simulation, and a self-contained
 * HTML report with the tables also written as CSV.
 *
 * <p>Not thread-safe: one run per instance.
 */
public final class Demo {

    private static final ZoneId ZONE = SyntheticData.ZONE;

    private final SyntheticConfig config;
    private final Path out;
    private final Consumer<String> progress;
    private final Report report = new Report();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private long stepStart;

    /** A demo writing into {@code out} (created if needed). */
    public Demo(SyntheticConfig config, Path out, Consumer<String> progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.out = Objects.requireNonNull(out, "out");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    private void step(String name) {
        long now = System.nanoTime();
        if (stepStart != 0) {
            timings.put(lastStep, (now - stepStart) / 1_000_000);
        }
        lastStep = name;
        stepStart = now;
        if (name != null) {
            progress.accept("demo: " + name + " ...");
        }
    }

    private String lastStep;

    private void timed(Map<String, Long> times, String name, Runnable task) {
        progress.accept("demo: " + name + " ...");
        long t = System.nanoTime();
        task.run();
        times.put(name, (System.nanoTime() - t) / 1_000_000);
    }

    /** Runs every step and returns the report file. */
    public Path run() {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        Path data = out.resolve("data");
        step("generate synthetic data");
        GenerationSummary gen = SyntheticData.generate(config, data, progress);
        Instant start = config.start();
        Instant end = start.plusSeconds((long) config.weeks() * 7 * 86_400);

        step("ingest touchpoints and orders");
        IngestOptions options = IngestOptions.defaults(SyntheticChannels.registry()).withPolicy(ErrorPolicy.COLLECT)
                .withMaxErrorsKept(200);
        CompletableFuture<Object[]> tpFuture = CompletableFuture.supplyAsync(() -> {
            List<Touchpoint> list = new ArrayList<>((int) gen.touchpoints());
            try (RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.NDJSON, gen.touchpointsFile(), options)) {
                r.forEachRemaining(list::add);
                return new Object[] {list, r.report()};
            }
        });
        List<Order> rawOrders = new ArrayList<>((int) gen.orders());
        IngestReport orderReport;
        try (RecordReader<Order> r = Ingest.orders(DataFormat.NDJSON, gen.ordersFile(), options)) {
            r.forEachRemaining(rawOrders::add);
            orderReport = r.report();
        }
        Object[] tp = tpFuture.join();
        @SuppressWarnings("unchecked")
        List<Touchpoint> rawTouchpoints = (List<Touchpoint>) tp[0];
        IngestReport tpReport = (IngestReport) tp[1];
        ingestionSection(report, tpReport, orderReport, gen);

        step("resolve identities");
        IdentityGraph graph = IdentityGraph.create(IdentityConfig.defaults()
                .withSuperNodeLimit(IdentifierType.DEVICE_ID, 20)
                .withExpectedSize((int) Math.min(Integer.MAX_VALUE / 2, 5L * config.customers()),
                        (int) Math.max(1, gen.identityLinks())));
        long links = readLinks(data.resolve(SyntheticData.LINKS), graph);
        Map<String, CustomerKey> resolved = new HashMap<>();
        List<Touchpoint> touchpoints = new ArrayList<>(rawTouchpoints.size());
        for (Touchpoint t : rawTouchpoints) {
            touchpoints.add(new Touchpoint(resolve(graph, resolved, t.customer()), t.channel(), t.instant(), t.type(),
                    t.campaign(), t.storeId(), t.attributes()));
        }
        rawTouchpoints.clear();
        List<Order> orders = new ArrayList<>(rawOrders.size());
        for (Order o : rawOrders) {
            orders.add(new Order(o.id(), resolve(graph, resolved, o.customer()), o.channel(), o.storeId(), o.instant(),
                    o.lines(), o.status(), o.refunded()));
        }
        rawOrders.clear();
        identitySection(report, graph, links, resolved, data.resolve(SyntheticData.TRUTH_IDENTIFIERS), gen);

        step(null);

        // the analyses are independent of one another: run them on two threads, keep the report order
        Report profiles = new Report();
        Report rfm = new Report();
        Report clv = new Report();
        Report attribution = new Report();
        Report points = new Report();
        Report coupons = new Report();
        Report cohorts = new Report();
        Report uplift = new Report();
        Map<CustomerKey, List<Order>> byCustomer = new HashMap<>();
        for (Order o : orders) {
            byCustomer.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(o);
        }
        Map<String, Long> taskTimes = new ConcurrentHashMap<>();
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            timed(taskTimes, "attribution", () -> attributionSection(attribution, touchpoints, orders));
            timed(taskTimes, "BG/NBD and Gamma-Gamma CLV", () -> clvSection(clv, byCustomer, end));
            timed(taskTimes, "cohort retention", () -> cohortSection(cohorts, orders, end));
            timed(taskTimes, "coupon uplift", () -> UpliftSection.add(uplift, config.customers(), config.seed()));
            timed(taskTimes, "next best offer", () -> RecommendSection.add(uplift, config.seed()));
        });
        timed(taskTimes, "profiles and tags", () -> profilesSection(profiles, touchpoints, orders, end));
        timed(taskTimes, "RFM and lifecycle segments", () -> rfmSection(rfm, orders, byCustomer, start, end));
        timed(taskTimes, "points ledger", () -> pointsSection(points, orders, end));
        timed(taskTimes, "coupons", () -> couponSection(coupons, data));
        other.join();
        for (String task : List.of("profiles and tags", "RFM and lifecycle segments", "BG/NBD and Gamma-Gamma CLV",
                "attribution", "points ledger", "coupons", "cohort retention", "coupon uplift")) {
            timings.put(task + " (parallel)", taskTimes.get(task));
        }
        for (Report r : List.of(profiles, rfm, clv, attribution, points, coupons, cohorts, uplift)) {
            report.addAll(r);
        }
        timed(timings, "campaign simulation", () -> CampaignSection.add(report, config.customers(), config.seed()));

        timed(timings, "abuse caught by pattern", () -> RiskSection.add(report, config.customers(), config.seed()));

        long total = (System.nanoTime() - t0) / 1_000_000;
        Table steps = new Table("timings", "step", "milliseconds");
        timings.forEach((k, v) -> steps.row(k, v));
        steps.row("total (before writing the report)", total);
        report.section("Run", "<p>" + String.format(Locale.ROOT, "%,d", config.customers()) + " customers, seed "
                + config.seed() + ", " + Runtime.getRuntime().availableProcessors() + " processors, Java "
                + System.getProperty("java.version") + ".</p>" + steps.html(50), steps);
        Path html = out.resolve("report.html");
        report.write(out, html, "o2o demo: " + String.format(Locale.ROOT, "%,d", config.customers())
                + " synthetic customers");
        return html;
    }

    // ---------------------------------------------------------------- ingestion

    private void ingestionSection(Report report, IngestReport tp, IngestReport or, GenerationSummary gen) {
        Table counts = new Table("ingestion", "source", "records", "accepted", "rejected", "planted_bad_records");
        counts.row(tp.source(), tp.total(), tp.accepted(), tp.rejected(), gen.badTouchpoints());
        counts.row(or.source(), or.total(), or.accepted(), or.rejected(), gen.badOrders());
        Table errors = new Table("ingestion_errors", "source", "line", "field", "reason");
        for (IngestReport r : List.of(tp, or)) {
            for (RecordError e : r.errors()) {
                errors.row(e.source(), e.line(), e.field(), e.reason());
            }
        }
        Map<String, Long> byField = new TreeMap<>();
        for (List<String> r : errors.rows) {
            byField.merge(r.get(0) + " / " + r.get(2), 1L, Long::sum);
        }
        boolean allCaught = tp.rejected() == gen.badTouchpoints() && or.rejected() == gen.badOrders();
        report.section("Ingestion",
                "<p>Every record is accepted or rejected with its line and field. The generator planted "
                        + (gen.badTouchpoints() + gen.badOrders()) + " bad records; ingestion rejected "
                        + (tp.rejected() + or.rejected()) + (allCaught ? " (all of them, and nothing else)." : ".")
                        + "</p>" + counts.html(10) + "<h3>Rejected records</h3>" + errors.html(12),
                counts, errors);
    }

    // ---------------------------------------------------------------- identity

    private static long readLinks(Path file, IdentityGraph graph) {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                graph.addLink(IdentityLink.of(Identifier.of(IdentifierType.of(f[0]), f[1]),
                        Identifier.of(IdentifierType.of(f[2]), f[3]), Instant.parse(f[4]), f[5]));
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return n;
    }

    private static Identifier identifier(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return Identifier.of(IdentifierType.of("raw"), key);
        }
        return Identifier.of(IdentifierType.of(key.substring(0, colon)), key.substring(colon + 1));
    }

    private static CustomerKey resolve(IdentityGraph graph, Map<String, CustomerKey> cache, CustomerKey raw) {
        return cache.computeIfAbsent(raw.value(), k -> {
            Identifier id = identifier(k);
            return graph.resolve(id).orElseGet(() -> graph.addIdentifier(id));
        });
    }

    private void identitySection(Report report, IdentityGraph graph, long links, Map<String, CustomerKey> resolved, Path truthFile,
                                 GenerationSummary gen) {
        Map<CustomerKey, Integer> ownerOf = new HashMap<>();
        Set<CustomerKey> impure = new HashSet<>();
        Map<Integer, Set<CustomerKey>> keysOfTrue = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(truthFile, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                CustomerKey key = resolved.get(f[0] + ":" + f[1]);
                if (key == null) {
                    continue; // an identifier that no event carried
                }
                int owner = Integer.parseInt(f[2]);
                Integer prev = ownerOf.putIfAbsent(key, owner);
                if (prev != null && prev != owner) {
                    impure.add(key);
                }
                keysOfTrue.computeIfAbsent(owner, k -> new HashSet<>()).add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + truthFile, e);
        }
        Set<CustomerKey> customers = new HashSet<>(resolved.values());
        long split = keysOfTrue.values().stream().filter(s -> s.size() > 1).count();
        Table t = new Table("identity", "measure", "value");
        t.row("identity links read", links);
        t.row("distinct identifiers seen in events", resolved.size());
        t.row("resolved customers", customers.size());
        t.row("true customers (generator)", gen.customers());
        t.row("resolved customers mixing two true customers", impure.size());
        t.row("true customers split over several resolved customers", split);
        t.row("super-nodes suppressed (shared kiosk devices)", graph.superNodes().size());
        t.row("merges", graph.mergeHistory().size());
        report.section("Identity resolution",
                "<p>Events carry a phone number, a member card, a device id or an app account. Links between them "
                        + "(card registration, app sign-up, log-ins) stitch them into customers; shared in-store kiosks "
                        + "that many accounts log in on are detected as super-nodes and not used for merging. Some "
                        + "devices were never linked, so a few true customers stay split.</p>" + t.html(20), t);
    }

    // ---------------------------------------------------------------- profiles

    private void profilesSection(Report report, List<Touchpoint> touchpoints, List<Order> orders, Instant end) {
        ProfileBook book = new ProfileBook(ProfileConfig.defaults().withCurrency(SyntheticData.CNY).withZone(ZONE));
        for (Touchpoint t : touchpoints) {
            book.add(t);
        }
        for (Order o : orders) {
            book.add(o);
        }
        TagEngine tags = TagEngine.of(TagRule.highValue(Money.of("500.00", "CNY")), TagRule.churnRisk(90),
                TagRule.loyal(5), TagRule.newCustomer(Duration.ofDays(60)), TagRule.onlineToOffline(),
                TagRule.omnichannel(), TagRule.couponSensitive(0.2), TagRule.prospect());
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> primary = new TreeMap<>();
        long profiles = 0;
        long o2o = 0;
        for (CustomerKey key : book.customers()) {
            CustomerProfile p = book.profile(key, end).orElseThrow();
            profiles++;
            if (p.onlineToOfflineConversions() > 0) {
                o2o++;
            }
            List<Tag> ts = tags.tags(p);
            for (Tag tag : ts) {
                counts.merge(tag.name(), 1L, Long::sum);
            }
            tags.primary(p).ifPresent(tag -> primary.merge(tag.name(), 1L, Long::sum));
        }
        Table t = new Table("tags", "tag", "customers", "share", "as_primary_tag");
        List<String> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        double[] values = new double[counts.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            t.row(e.getKey(), e.getValue(), pct(e.getValue(), profiles), primary.getOrDefault(e.getKey(), 0L));
            labels.add(e.getKey());
            values[i++] = e.getValue();
            texts.add(String.format(Locale.ROOT, "%,d", e.getValue()));
        }
        report.section("Profiles and tags", "<p>" + String.format(Locale.ROOT, "%,d", profiles)
                + " customer profiles; " + String.format(Locale.ROOT, "%,d", o2o)
                + " customers converted in a store after an online touch (online-to-offline).</p>"
                + Svg.hbars(labels, values, texts, Svg.PALETTE[3], 760) + t.html(20), t);
    }

    // ---------------------------------------------------------------- RFM

    private void rfmSection(Report report, List<Order> orders, Map<CustomerKey, List<Order>> byCustomer, Instant start,
                            Instant end) {
        List<CustomerRfm> rfm = RfmSummarizer.summarize(orders, RfmOptions.window(start.minus(Duration.ofDays(30)),
                end, ZONE));
        RfmTable table = RfmTable.of(rfm);
        RfmScores scores = RfmScoring.defaults().score(table);
        Segmentation seg = SegmentMap.standard().segment(scores);
        List<SegmentSummary> summary = seg.summary(table);
        Table t = new Table("rfm_segments", "segment", "customers", "share", "mean_recency_days", "mean_frequency",
                "mean_monetary_cny", "revenue_share");
        List<String> cats = new ArrayList<>();
        double[][] shares = new double[summary.size()][2];
        int i = 0;
        for (SegmentSummary s : summary) {
            t.row(s.segment(), s.customers(), pct(s.share()), fmt1(s.meanRecencyDays()), fmt2(s.meanFrequency()),
                    fmt2(s.meanMonetary()), pct(s.revenueShare()));
            cats.add(s.segment());
            shares[i][0] = s.share();
            shares[i][1] = s.revenueShare();
            i++;
        }
        Table customers = new Table("rfm_customers", "customer", "recency_days", "frequency", "monetary", "r", "f",
                "m", "segment");
        for (int k = 0; k < rfm.size(); k++) {
            CustomerRfm c = rfm.get(k);
            customers.row(c.customer().value(), c.recencyDays(), c.frequency(), c.monetary().amount().toPlainString(),
                    scores.recency(k), scores.frequency(k), scores.monetary(k), seg.segment(k));
        }
        LifecyclePolicy policy = LifecyclePolicy.fixed(30, 90, 180);
        LocalDate asOf = end.atZone(ZONE).toLocalDate();
        Map<LifecycleStage, Long> stages = new TreeMap<>();
        for (List<Order> list : byCustomer.values()) {
            List<LocalDate> days = new ArrayList<>();
            for (Order o : list) {
                if (o.status().isPurchase()) {
                    days.add(o.instant().atZone(ZONE).toLocalDate());
                }
            }
            if (!days.isEmpty()) {
                stages.merge(policy.stageOf(days, asOf), 1L, Long::sum);
            }
        }
        Table life = new Table("lifecycle", "stage", "customers", "share");
        long all = stages.values().stream().mapToLong(Long::longValue).sum();
        List<String> lifeLabels = new ArrayList<>();
        List<String> lifeTexts = new ArrayList<>();
        double[] lifeValues = new double[stages.size()];
        int li = 0;
        for (Map.Entry<LifecycleStage, Long> e : stages.entrySet()) {
            life.row(e.getKey(), e.getValue(), pct(e.getValue(), all));
            lifeLabels.add(e.getKey().toString().toLowerCase(Locale.ROOT));
            lifeValues[li++] = e.getValue();
            lifeTexts.add(String.format(Locale.ROOT, "%,d (%s)", e.getValue(), pct(e.getValue(), all)));
        }
        report.section("RFM segments and lifecycle",
                "<p>Quintile scores (5 = best) and the standard 11 segments; bars show each segment's share of "
                        + "customers and of revenue.</p>"
                        + Svg.groupedShares(cats, List.of("share of customers", "share of revenue"), shares, 760)
                        + t.html(20) + "<h3>Lifecycle stages</h3><p>New: first purchase within 30 days; sleeping: "
                        + "none for 90 days; churned: none for 180 days.</p>"
                        + Svg.hbars(lifeLabels, lifeValues, lifeTexts, Svg.PALETTE[4], 760) + life.html(10),
                t, customers, life);
    }

    // ---------------------------------------------------------------- CLV

    private void clvSection(Report report, Map<CustomerKey, List<Order>> byCustomer, Instant end) {
        int n = byCustomer.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] zbar = new double[n];
        CustomerKey[] keys = new CustomerKey[n];
        int k = 0;
        for (Map.Entry<CustomerKey, List<Order>> e : byCustomer.entrySet()) {
            List<Order> list = new ArrayList<>();
            for (Order o : e.getValue()) {
                if (o.status().isPurchase()) {
                    list.add(o);
                }
            }
            if (list.isEmpty()) {
                continue;
            }
            list.sort((a, b) -> a.instant().compareTo(b.instant()));
            long first = list.get(0).instant().getEpochSecond();
            keys[k] = e.getKey();
            x[k] = list.size() - 1;
            // whole days, as in the CDNOW summaries: identical rows then share one likelihood term
            tx[k] = Math.rint((list.get(list.size() - 1).instant().getEpochSecond() - first) / 86_400.0) / 7.0;
            age[k] = Math.max(1, Math.rint((end.getEpochSecond() - first) / 86_400.0)) / 7.0;
            double sum = 0;
            for (int j = 1; j < list.size(); j++) {
                sum += list.get(j).total().amount().doubleValue();
            }
            zbar[k] = x[k] == 0 ? 0 : sum / x[k];
            k++;
        }
        n = k;
        ModelFit<BgNbd> bg = BgNbd.fit(CalibrationData.of(Arrays.copyOf(x, n), Arrays.copyOf(tx, n),
                Arrays.copyOf(age, n)));
        int repeaters = 0;
        for (int i = 0; i < n; i++) {
            repeaters += x[i] > 0 ? 1 : 0;
        }
        int[] xr = new int[repeaters];
        double[] zr = new double[repeaters];
        for (int i = 0, j = 0; i < n; i++) {
            if (x[i] > 0) {
                xr[j] = x[i];
                zr[j++] = zbar[i];
            }
        }
        ModelFit<GammaGamma> gg = GammaGamma.fit(SpendData.of(xr, zr));
        Table params = new Table("clv_parameters", "model", "parameter", "true_value", "estimate", "standard_error");
        double[] bgTrue = {config.r(), config.alpha(), config.a(), config.b()};
        for (int i = 0; i < 4; i++) {
            params.row("BG/NBD", bg.parameterNames().get(i), bgTrue[i], fmt4(bg.estimates().get(i)),
                    fmt4(bg.standardErrors().get(i)));
        }
        double[] ggTrue = {config.p(), config.q(), config.v()};
        for (int i = 0; i < 3; i++) {
            params.row("Gamma-Gamma", gg.parameterNames().get(i), ggTrue[i], fmt4(gg.estimates().get(i)),
                    fmt4(gg.standardErrors().get(i)));
        }
        // one year ahead in 12 steps of a month (52/12 weeks), 1% discount per month
        double[] clv = new double[n];
        Table values = new Table("clv_customers", "customer", "x", "t_x_weeks", "T_weeks", "p_alive",
                "expected_purchases_52w", "expected_spend", "clv_1y");
        // CLV is linear in the expected spend: compute the purchase side once per distinct (x, t_x, T)
        Map<CustomerSummary, double[]> perSummary = new HashMap<>();
        for (int i = 0; i < n; i++) {
            CustomerSummary c = new CustomerSummary(x[i], tx[i], age[i]);
            double[] m = perSummary.computeIfAbsent(c, cs -> new double[] {
                    Clv.discounted(bg.model(), cs, 1.0, 52.0 / 12, 12, 0.01),
                    bg.model().probabilityAlive(cs), bg.model().expectedPurchases(52, cs)});
            double spend = gg.model().expectedAverageSpend(x[i], zbar[i]);
            clv[i] = m[0] * spend;
            values.row(keys[i].value(), x[i], fmt4(tx[i]), fmt4(age[i]), fmt4(m[1]), fmt4(m[2]), fmt2(spend),
                    fmt2(clv[i]));
        }
        double[] sorted = clv.clone();
        Arrays.sort(sorted);
        double cap = sorted[(int) Math.min(n - 1, Math.floor(0.99 * n))];
        int bins = 20;
        double width = Math.max(1, Math.ceil(cap / bins));
        double[] hist = new double[bins];
        List<String> labels = new ArrayList<>();
        for (double v : clv) {
            hist[(int) Math.min(bins - 1, Math.floor(v / width))]++;
        }
        for (int b = 0; b < bins; b++) {
            labels.add(String.format(Locale.ROOT, "%.0f", b * width));
        }
        double total = 0;
        for (double v : clv) {
            total += v;
        }
        Table dist = new Table("clv_distribution", "measure", "value");
        dist.row("customers", n);
        dist.row("mean CLV (CNY, 1 year)", fmt2(total / n));
        dist.row("median", fmt2(sorted[n / 2]));
        dist.row("90th percentile", fmt2(sorted[(int) (0.9 * (n - 1))]));
        dist.row("99th percentile", fmt2(cap));
        dist.row("top 10% share of total CLV", pct(topShare(sorted, 0.1)));
        report.section("Customer lifetime value",
                "<p>BG/NBD for the number of purchases and Gamma-Gamma for their value, fitted to the resolved "
                        + "customers' orders (times in whole days, expressed in weeks), against the parameters the generator used. CLV: expected spend "
                        + "over the next 52 weeks, discounted 1% a month.</p>" + params.html(10)
                        + "<h3>CLV distribution (CNY, last bin holds everything above the 99th percentile)</h3>"
                        + Svg.columns(labels, hist, Svg.PALETTE[0], 760, 260, "customers") + dist.html(10),
                params, dist, values);
    }

    private static double topShare(double[] sorted, double top) {
        double all = 0;
        double part = 0;
        int cut = (int) Math.floor(sorted.length * (1 - top));
        for (int i = 0; i < sorted.length; i++) {
            all += sorted[i];
            if (i >= cut) {
                part += sorted[i];
            }
        }
        return all == 0 ? 0 : part / all;
    }

    // ---------------------------------------------------------------- attribution

    private void attributionSection(Report report, List<Touchpoint> touchpoints, List<Order> orders) {
        List<Touchpoint> marketing = new ArrayList<>(touchpoints.size());
        for (Touchpoint t : touchpoints) {
            // coupon events are not part of the generator's journey model; keep them out of the paths
            if (t.type() != TouchpointType.COUPON_REDEEMED && t.type() != TouchpointType.COUPON_RECEIVED) {
                marketing.add(t);
            }
        }
        List<Journey> journeys = JourneyBuilder.withDefaults().build(marketing, orders);
        long o2o = journeys.stream().filter(Journey::onlineToOffline).count();
        long converted = journeys.stream().filter(Journey::converted).count();
        JourneySet set = JourneySet.of(SyntheticChannels.registry(), journeys);
        Map<String, AttributionModel> models = new LinkedHashMap<>();
        models.put("first touch", AttributionModel.firstTouch());
        models.put("last touch", AttributionModel.lastTouch());
        models.put("last non-direct", AttributionModel.lastNonDirectTouch());
        models.put("linear", AttributionModel.linear());
        models.put("time decay 7d", AttributionModel.timeDecay());
        models.put("position 40/20/40", AttributionModel.positionBased());
        models.put("markov order 1", AttributionModel.markov());
        models.put("shapley", AttributionModel.shapleyConversions());
        Map<String, AttributionResult> results = new LinkedHashMap<>();
        models.forEach((name, m) -> results.put(name, m.attribute(set)));
        MarkovChain chain = MarkovChain.fit(set, MarkovOptions.defaults());
        List<String> channels = new ArrayList<>();
        List<Double> effects = new ArrayList<>();
        for (SyntheticChannels.Spec s : SyntheticChannels.MARKETING) {
            channels.add(s.channel().id());
            effects.add(s.effect());
        }
        // conversion rate of the journeys a channel appears in: the plain evidence of its effect
        double[] withConv = new double[set.channelCount()];
        double[] withAll = new double[set.channelCount()];
        for (int i = 0; i < set.size(); i++) {
            boolean[] seen = new boolean[set.channelCount()];
            for (int j = 0; j < set.length(i); j++) {
                int ch = set.channel(i, j);
                if (!seen[ch]) {
                    seen[ch] = true;
                    withConv[ch] += set.conversions(i);
                    withAll[ch] += set.conversions(i) + set.nulls(i);
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("channel", "true_effect", "journey_conversion_rate",
                "markov_removal_effect"));
        header.addAll(models.keySet());
        Table t = new Table("attribution", header.toArray(new String[0]));
        double[][] shares = new double[channels.size()][models.size()];
        for (int c = 0; c < channels.size(); c++) {
            int idx = set.registry().indexOf(channels.get(c)).orElse(-1);
            String rate = idx < 0 || idx >= set.channelCount() || withAll[idx] == 0 ? ""
                    : pct(withConv[idx] / withAll[idx]);
            List<Object> row = new ArrayList<>(List.of(channels.get(c), effects.get(c), rate,
                    fmt4(chain.removalEffect(channels.get(c)))));
            int m = 0;
            for (AttributionResult r : results.values()) {
                double conv = r.conversions(channels.get(c));
                row.add(fmt1(conv));
                shares[c][m++] = r.totalConversions() == 0 ? 0 : conv / r.totalConversions();
            }
            t.row(row.toArray());
        }
        report.section("Attribution",
                "<p>" + String.format(Locale.ROOT, "%,d", journeys.size()) + " journeys built from the resolved "
                        + "touchpoints and orders (30-day lookback; coupon events left out), " + String.format(Locale.ROOT, "%,d", converted)
                        + " converting, " + String.format(Locale.ROOT, "%,d", o2o) + " of them online-to-offline. "
                        + "Bars: each model's share of conversions per channel. <i>true_effect</i> is the lift the "
                        + "generator gave the channel; <i>journey_conversion_rate</i> (journeys with the channel that "
                        + "converted) shows it in the data, while position-based models mostly follow how often a "
                        + "channel appears.</p>" + Svg.groupedShares(channels, new ArrayList<>(models.keySet()), shares, 760)
                        + t.html(20), t);
    }

    // ---------------------------------------------------------------- points and coupons

    private void pointsSection(Report report, List<Order> orders, Instant end) {
        RuleSet rules = RuleSet.builder()
                .add(EarningRule.pointsPerAmount("base", 1, Money.of("1.00", "CNY")))
                .add(EarningRule.channelMultiplier("store_double", SyntheticChannels.STORE.id(), new BigDecimal("2")))
                .build();
        PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), Clock.fixed(end, ZONE));
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, long[]> byChannel = new TreeMap<>();
        Set<CustomerKey> accounts = new TreeSet<>();
        long earned = 0;
        long replayed = 0;
        int k = 0;
        for (Order o : orders) {
            if (!o.status().isPurchase()) {
                continue;
            }
            Evaluation ev = rules.evaluate(Member.of(o.customer(), ZONE), new EarningEvent.Purchase(o),
                    EarningHistory.empty());
            for (PointsAward a : ev.awards()) {
                byRule.merge(a.ruleId(), a.points(), Long::sum);
            }
            long[] c = byChannel.computeIfAbsent(o.channel().id(), x -> new long[2]);
            c[0]++;
            c[1] += ev.total();
            if (ev.total() > 0) {
                CustomerKey account = o.customer();
                accounts.add(account);
                Posting.Earn earn = Posting.earn(account, ev.total(), o.id(),
                        Optional.of(o.instant().plus(Duration.ofDays(365))));
                if (ledger.post(earn).isSuccess()) {
                    earned += ev.total();
                }
                // a retried delivery of every 50th order: the idempotency key must make it a no-op
                if (++k % 50 == 0 && ledger.post(earn).status() == PostingResult.Status.REPLAYED) {
                    replayed++;
                }
            }
        }
        // members with 1,000 points or more trade 1,000 for a voucher
        long redeemed = 0;
        long vouchers = 0;
        for (CustomerKey account : accounts) {
            if (ledger.balance(account).available() >= 1000
                    && ledger.post(Posting.redeem(account, 1000, "voucher-" + account)).isSuccess()) {
                redeemed += 1000;
                vouchers++;
            }
        }
        long balances = 0;
        long broken = 0;
        for (CustomerKey account : accounts) {
            balances += ledger.balance(account).total();
            if (!ledger.check(account).holds()) {
                broken++;
            }
        }
        Table t = new Table("points", "item", "orders", "points");
        for (Map.Entry<String, Long> e : byRule.entrySet()) {
            t.row("rule " + e.getKey(), "", e.getValue());
        }
        for (Map.Entry<String, long[]> e : byChannel.entrySet()) {
            t.row("channel " + e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        t.row("earned (ledger)", "", earned);
        t.row("retried postings replayed, not added", replayed, 0);
        t.row("redeemed for " + vouchers + " vouchers", "", redeemed);
        t.row("balances (ledger)", "", balances);
        t.row("accounts whose invariants fail", accounts.size() + " checked", broken);
        report.section("Points simulation", "<p>One point per yuan spent, doubled in stores to pull online "
                + "customers offline, evaluated by the loyalty rule engine on every purchase and posted to an "
                + "in-memory points ledger (with every 50th posting delivered twice); members with 1,000 points "
                + "redeem them for a voucher. Earned " + String.format(Locale.ROOT, "%,d", earned) + " = redeemed "
                + String.format(Locale.ROOT, "%,d", redeemed) + " + balances " + String.format(Locale.ROOT, "%,d", balances)
                + (earned == redeemed + balances && broken == 0 ? ": no point lost or created." : ": MISMATCH.")
                + "</p>" + t.html(20), t);
    }

    private void couponSection(Report report, Path data) {
        Map<String, DistanceBand> bandOf = new HashMap<>();
        long[] received = new long[DistanceBand.values().length];
        try (Reader in = Files.newBufferedReader(data.resolve(SyntheticData.TIANCHI), StandardCharsets.UTF_8)) {
            TianchiData.read(in, SyntheticData.TIANCHI, r -> {
                DistanceBand band = DistanceBand.of(r.distance());
                received[band.ordinal()]++;
                bandOf.put(r.userId() + "," + r.couponId() + "," + r.dateReceived().toString().replace("-", ""), band);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read coupons", e);
        }
        long[] used = new long[received.length];
        try (BufferedReader in = Files.newBufferedReader(data.resolve(SyntheticData.REDEMPTIONS))) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                DistanceBand band = bandOf.get(f[0] + "," + f[1] + "," + f[2]);
                if (band != null) {
                    used[band.ordinal()]++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read redemptions", e);
        }
        Table t = new Table("coupon_redemption", "distance_band", "received", "redeemed", "redemption_rate");
        List<String> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        double[] rates = new double[received.length];
        for (DistanceBand b : DistanceBand.values()) {
            int i = b.ordinal();
            rates[i] = received[i] == 0 ? 0 : (double) used[i] / received[i];
            t.row(b, received[i], used[i], pct(rates[i]));
            labels.add(b.toString().toLowerCase(Locale.ROOT).replace('_', ' '));
            texts.add(String.format(Locale.ROOT, "%.2f%% of %,d", 100 * rates[i], received[i]));
        }
        report.section("Coupon redemption by distance",
                "<p>Coupons of a store are redeemed less the farther the customer lives from it (Tianchi distance "
                        + "bands, 500 m units; unknown where the customer's location is unknown).</p>"
                        + Svg.hbars(labels, rates, texts, Svg.PALETTE[1], 760) + t.html(10), t);
    }

    // ---------------------------------------------------------------- cohorts

    private void cohortSection(Report report, List<Order> orders, Instant end) {
        // the last complete month: the window ends a few days into the next one
        CohortMatrix m = CohortRetention.create(ZONE).addAll(orders)
                .matrix(YearMonth.from(end.minusSeconds(1).atZone(ZONE)).minusMonths(
                        end.atZone(ZONE).getDayOfMonth() < 28 ? 1 : 0));
        int cols = 0;
        for (CohortRow r : m.rows()) {
            cols = Math.max(cols, r.active().size());
        }
        cols = Math.min(cols, 13);
        List<String> rowLabels = new ArrayList<>();
        List<String> colLabels = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            colLabels.add("M" + c);
        }
        double[][] rate = new double[m.rows().size()][cols];
        List<String> header = new ArrayList<>(List.of("cohort", "customers"));
        header.addAll(colLabels);
        Table t = new Table("cohort_retention", header.toArray(new String[0]));
        for (int r = 0; r < m.rows().size(); r++) {
            CohortRow row = m.rows().get(r);
            rowLabels.add(row.cohort() + " (" + row.size() + ")");
            List<Object> cells = new ArrayList<>(List.of(row.cohort(), row.size()));
            for (int c = 0; c < cols; c++) {
                if (c < row.active().size()) {
                    rate[r][c] = row.retention(c).rate();
                    cells.add(pct(rate[r][c]));
                } else {
                    rate[r][c] = Double.NaN;
                    cells.add("");
                }
            }
            t.row(cells.toArray());
        }
        report.section("Cohort retention",
                "<p>Customers by month of first purchase, and the share of them buying again in each later "
                        + "month.</p>" + Svg.heatmap(rowLabels, colLabels, rate, 46) + t.html(20), t);
    }

    // ---------------------------------------------------------------- formatting

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    static String pct(long part, long all) {
        return pct(all == 0 ? 0 : (double) part / all);
    }

    static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmt4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
