package dev.o2o.testkit.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Store;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.io.CsvFormat;
import dev.o2o.core.io.DataFormat;
import dev.o2o.core.io.Ingest;
import dev.o2o.core.io.RecordWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A seeded generator of a synthetic online-to-offline retailer, the embedded default data of
 * the examples and a ground truth for tests.
 *
 * <p>It writes into one directory:
 * <ul>
 *   <li>{@value #STORES}: {@code id,name,latitude,longitude}</li>
 *   <li>{@value #TOUCHPOINTS} and {@value #ORDERS}: NDJSON in the format of
 *       {@link dev.o2o.core.io.Ingest}, keyed by scattered identifiers
 *       ({@code phone:...}, {@code member_card:...}, {@code device_id:...},
 *       {@code app_user_id:...}), with a few deliberately malformed lines</li>
 *   <li>{@value #LINKS}: {@code first_type,first_value,second_type,second_value,at,evidence}</li>
 *   <li>{@value #PATHS}: {@code path,total_conversions,total_conversion_value,total_null}</li>
 *   <li>{@value #CLV_SUMMARY} ({@code ID,frequency,recency,T}) and {@value #CLV_SUMMARY_TX}
 *       ({@code ID,x,t_x,T,zbar}), times in weeks, over the whole window</li>
 *   <li>{@value #TIANCHI}: coupon receipts in the Tianchi O2O format and
 *       {@value #REDEMPTIONS}: which of them were used, and when</li>
 *   <li>{@value #TRUTH_CUSTOMERS}, {@value #TRUTH_IDENTIFIERS} and {@value #MANIFEST}: the
 *       hidden truth (rates, dropout, spend, owners of identifiers, parameters and counts)</li>
 * </ul>
 *
 * <p>The same configuration gives byte-identical files on every JVM: all variates come from
 * one {@link java.util.SplittableRandom} per customer and {@link StrictMath}, and every output is
 * written in a fixed order. Memory is bounded by one customer plus the path aggregate.
 *
 * <p>Stateless and thread-safe.
 */
public final class SyntheticData {

    public static final String STORES = "stores.csv";
    public static final String TOUCHPOINTS = "touchpoints.ndjson";
    public static final String ORDERS = "orders.ndjson";
    public static final String LINKS = "identity_links.csv";
    public static final String PATHS = "paths.csv";
    public static final String CLV_SUMMARY = "clv_summary.csv";
    public static final String CLV_SUMMARY_TX = "clv_summary_with_transactions.csv";
    public static final String TIANCHI = "coupons_tianchi.csv";
    public static final String REDEMPTIONS = "coupon_redemptions.csv";
    public static final String TRUTH_CUSTOMERS = "truth_customers.csv";
    public static final String TRUTH_IDENTIFIERS = "truth_identifiers.csv";
    public static final String MANIFEST = "manifest.json";

    /** Currency of all amounts. */
    public static final Currency CNY = Currency.getInstance("CNY");
    /** The zone of calendar dates (Tianchi dates). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final double WEEK_SECONDS = 7 * 86_400.0;
    private static final GeoPoint CENTRE = GeoPoint.of(31.2304, 121.4737);
    private static final String[] CATEGORIES = {"apparel", "beauty", "food", "home", "electronics"};
    private static final String[] DISCOUNTS = {"30:5", "50:10", "100:20", "0.9", "0.8"};
    private static final int[] DISCOUNT_THRESHOLD = {30, 50, 100, 0, 0};
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZONE);
    private static final int KIOSKS = 3;

    private SyntheticData() {
    }

    /**
     * Writes the synthetic data set into {@code directory} (created if needed; existing files of
     * the same names are replaced).
     *
     * @param progress receives a line of progress now and then (for stderr); may ignore it
     */
    public static GenerationSummary generate(SyntheticConfig config, Path directory, Consumer<String> progress) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(progress, "progress");
        try {
            Files.createDirectories(directory);
            return new Run(config, directory, progress).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic data to " + directory, e);
        }
    }

    /** The stores of a configuration (the same as {@value #STORES} holds). */
    public static List<Store> stores(SyntheticConfig config) {
        Rng rng = new Rng(config.seed() ^ 0x5EED5702E5L);
        List<Store> stores = new ArrayList<>();
        for (int s = 0; s < config.stores(); s++) {
            double radius = 15_000 * StrictMath.sqrt(rng.uniform());
            double bearing = 2 * StrictMath.PI * rng.uniform();
            stores.add(new Store(storeId(s), "Store " + (s + 1), offset(CENTRE, radius, bearing)));
        }
        return List.copyOf(stores);
    }

    static String storeId(int s) {
        return String.format(Locale.ROOT, "S%03d", s + 1);
    }

    private static GeoPoint offset(GeoPoint from, double metres, double bearing) {
        double dLat = metres * StrictMath.cos(bearing) / 111_320.0;
        double dLon = metres * StrictMath.sin(bearing) / (111_320.0 * StrictMath.cos(StrictMath.toRadians(from.latitude())));
        return GeoPoint.of(from.latitude() + dLat, from.longitude() + dLon);
    }

    /** One purchase of a customer while it is being built. */
    private static final class Purchase {
        double week;
        Instant instant;
        long cents;
        boolean offline;
        int store = -1;
        boolean couponUsed;
    }

    /** One touch of a journey. */
    private record Touch(int channel, Instant instant, String key) {
    }

    private static final class Run {
        final SyntheticConfig cfg;
        final Path dir;
        final Consumer<String> progress;
        final List<Store> stores;
        final Instant end;
        final Map<String, long[]> paths = new TreeMap<>();
        final double[] priorCumulative;
        final double maxConversion;
        long orderSeq;
        long orders;
        long touchpoints;
        long links;
        long journeys;
        long conversions;
        long coupons;
        long redemptions;
        long badTouchpoints;
        long badOrders;

        Run(SyntheticConfig cfg, Path dir, Consumer<String> progress) {
            this.cfg = cfg;
            this.dir = dir;
            this.progress = progress;
            this.stores = stores(cfg);
            this.end = cfg.start().plusSeconds((long) cfg.weeks() * 7 * 86_400);
            int n = SyntheticChannels.MARKETING.size();
            priorCumulative = new double[n];
            double c = 0;
            boolean[] all = new boolean[n];
            for (int i = 0; i < n; i++) {
                c += SyntheticChannels.MARKETING.get(i).prior();
                priorCumulative[i] = c;
                all[i] = true;
            }
            maxConversion = SyntheticChannels.conversionProbability(all);
        }

        GenerationSummary run() throws IOException {
            writeStores();
            Rng root = new Rng(cfg.seed());
            int badEvery = Math.max(1, cfg.customers() / Math.max(4, cfg.customers() / 2000));
            try (BufferedWriter tpOut = writer(TOUCHPOINTS);
                 BufferedWriter orderOut = writer(ORDERS);
                 BufferedWriter linkOut = writer(LINKS);
                 BufferedWriter summary = writer(CLV_SUMMARY);
                 BufferedWriter summaryTx = writer(CLV_SUMMARY_TX);
                 BufferedWriter tianchi = writer(TIANCHI);
                 BufferedWriter redeemed = writer(REDEMPTIONS);
                 BufferedWriter truth = writer(TRUTH_CUSTOMERS);
                 BufferedWriter truthIds = writer(TRUTH_IDENTIFIERS)) {
                RecordWriter<Touchpoint> tpWriter = Ingest.touchpointWriter(DataFormat.NDJSON, tpOut,
                        CsvFormat.defaults(), List.of());
                RecordWriter<Order> orderWriter = Ingest.orderWriter(DataFormat.NDJSON, orderOut, CsvFormat.defaults());
                linkOut.write("first_type,first_value,second_type,second_value,at,evidence\n");
                summary.write("ID,frequency,recency,T\n");
                summaryTx.write("ID,x,t_x,T,zbar\n");
                tianchi.write("User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received\n");
                redeemed.write("User_id,Coupon_id,Date_received,Date_used,Store\n");
                truth.write("ID,lambda,p,nu,home_latitude,home_longitude,home_known,nearest_store,"
                        + "nearest_distance_m,purchases,dropped\n");
                truthIds.write("identifier_type,identifier_value,ID\n");
                for (int i = 0; i < cfg.customers(); i++) {
                    customer(i, root.split(), tpWriter, orderWriter, linkOut, summary, summaryTx, tianchi, redeemed,
                            truth, truthIds);
                    if (i % badEvery == badEvery - 1) {
                        badTouchpoint(tpOut, (int) badTouchpoints);
                        badOrder(orderOut, (int) badOrders);
                    }
                    if ((i + 1) % 20_000 == 0) {
                        progress.accept("generated " + (i + 1) + " of " + cfg.customers() + " customers");
                    }
                }
                kioskLinks(root.split(), linkOut);
                tpOut.flush();
                orderOut.flush();
            }
            writePaths();
            GenerationSummary s = new GenerationSummary(dir, cfg.customers(), stores.size(), orders, touchpoints,
                    links, journeys, conversions, coupons, redemptions, badTouchpoints, badOrders);
            writeManifest(s);
            return s;
        }

        BufferedWriter writer(String name) throws IOException {
            return new BufferedWriter(Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8), 1 << 16);
        }

        void writeStores() throws IOException {
            try (Writer w = writer(STORES)) {
                w.write("id,name,latitude,longitude\n");
                for (Store s : stores) {
                    w.write(s.id() + "," + s.name() + "," + fmt6(s.location().latitude()) + ","
                            + fmt6(s.location().longitude()) + "\n");
                }
            }
        }

        void customer(int id, Rng rng, RecordWriter<Touchpoint> tpWriter, RecordWriter<Order> orderWriter,
                      Writer linkOut, Writer summary, Writer summaryTx, Writer tianchi, Writer redeemed,
                      Writer truth, Writer truthIds) throws IOException {
            // latent traits
            double lambda = rng.gamma(cfg.r(), cfg.alpha());
            double dropout = rng.beta(cfg.a(), cfg.b());
            double nu = rng.gamma(cfg.q(), cfg.v());
            int homeStore = rng.nextInt(stores.size());
            GeoPoint home = offset(stores.get(homeStore).location(), rng.exponential(1.0 / 2500.0),
                    2 * StrictMath.PI * rng.uniform());
            boolean homeKnown = rng.bernoulli(0.9);
            int nearest = 0;
            double nearestDistance = Double.MAX_VALUE;
            for (int s = 0; s < stores.size(); s++) {
                double d = stores.get(s).distanceMetres(home);
                if (d < nearestDistance) {
                    nearestDistance = d;
                    nearest = s;
                }
            }

            // identifiers scattered over channels
            String phone = rng.bernoulli(0.9) ? "phone:" + phone(id) : null;
            String card = rng.bernoulli(0.6) ? "member_card:M" + (10_000_000 + id) : null;
            double du = rng.uniform();
            int deviceCount = du < 0.2 ? 0 : du < 0.75 ? 1 : 2;
            String[] devices = new String[deviceCount];
            for (int k = 0; k < deviceCount; k++) {
                devices[k] = "device_id:dev-" + Long.toHexString(mix(cfg.seed(), id * 4L + k));
            }
            String app = rng.bernoulli(0.5) ? "app_user_id:u" + (100_000 + id) : null;
            if (phone == null && card == null && deviceCount == 0 && app == null) {
                phone = "phone:" + phone(id);
            }

            // BG/NBD purchases and Gamma-Gamma spend
            List<Purchase> purchases = new ArrayList<>();
            double t = rng.uniform() * cfg.acquisitionWeeks();
            boolean dropped = false;
            while (true) {
                Purchase p = new Purchase();
                p.week = t;
                p.instant = cfg.start().plusSeconds((long) (t * WEEK_SECONDS));
                p.cents = Math.max(1, StrictMath.round(rng.gamma(cfg.p(), nu) * 100));
                p.offline = rng.bernoulli(0.6);
                if (p.offline) {
                    p.store = rng.bernoulli(0.7) ? nearest : rng.nextInt(stores.size());
                }
                purchases.add(p);
                // BG/NBD: a customer may drop out after each repeat purchase, never right after the first
                if (purchases.size() > 1 && rng.bernoulli(dropout)) {
                    dropped = true;
                    break;
                }
                t += rng.exponential(lambda);
                if (t >= cfg.weeks()) {
                    break;
                }
            }

            // identity links: the evidence that lets resolution stitch the identifiers together
            Instant linkAt = purchases.get(0).instant.minusSeconds(3600);
            if (card != null && phone != null && rng.bernoulli(0.95)) {
                link(linkOut, card, phone, linkAt, "card_registration");
            }
            if (app != null && phone != null && rng.bernoulli(0.9)) {
                link(linkOut, app, phone, linkAt, "app_signup_phone");
            }
            for (String d : devices) {
                if (app != null && rng.bernoulli(0.9)) {
                    link(linkOut, d, app, linkAt, "app_login");
                } else if (app == null && phone != null && rng.bernoulli(0.8)) {
                    link(linkOut, d, phone, linkAt, "sms_verification");
                }
            }
            for (String key : new String[] {phone, card, app}) {
                if (key != null) {
                    truthIds.write(key.replaceFirst(":", ",") + "," + id + "\n");
                }
            }
            for (String d : devices) {
                truthIds.write(d.replaceFirst(":", ",") + "," + id + "\n");
            }

            List<Touchpoint> tps = new ArrayList<>();
            Ids ids = new Ids(phone, card, devices, app);

            // coupons: receipt, and redemption on a purchase within 15 days, less likely far away
            int couponCount = rng.poisson(1.2);
            double firstWeek = purchases.get(0).week;
            for (int c = 0; c < couponCount; c++) {
                double week = firstWeek + rng.uniform() * (cfg.weeks() - firstWeek);
                Instant received = cfg.start().plusSeconds((long) (week * WEEK_SECONDS));
                int store = rng.bernoulli(0.5) ? nearest : rng.nextInt(stores.size());
                int type = rng.nextInt(DISCOUNTS.length);
                long couponId = 1000 + store * DISCOUNTS.length + type;
                double distance = stores.get(store).distanceMetres(home);
                String band = homeKnown ? Integer.toString((int) Math.min(10, StrictMath.floor(distance / 500))) : "null";
                tianchi.write(id + "," + (store + 1) + "," + couponId + "," + DISCOUNTS[type] + "," + band + ","
                        + YYYYMMDD.format(received) + "\n");
                coupons++;
                String receiver = ids.app != null ? ids.app : ids.any();
                tps.add(new Touchpoint(CustomerKey.of(receiver), SyntheticChannels.MARKETING.get(5).channel(), received,
                        TouchpointType.COUPON_RECEIVED, Optional.of("cpn-" + couponId),
                        Optional.of(stores.get(store).id()), Map.of()));
                double u = rng.uniform();
                for (Purchase p : purchases) {
                    if (p.couponUsed || p.week < week || p.week > week + 15.0 / 7) {
                        continue;
                    }
                    if (p.cents >= DISCOUNT_THRESHOLD[type] * 100L
                            && u < SyntheticChannels.redemptionProbability(distance)) {
                        p.couponUsed = true;
                        p.offline = true;
                        p.store = store;
                        redemptions++;
                        redeemed.write(id + "," + couponId + "," + YYYYMMDD.format(received) + ","
                                + YYYYMMDD.format(p.instant) + "," + stores.get(store).id() + "\n");
                        tps.add(new Touchpoint(CustomerKey.of(ids.offline()), SyntheticChannels.STORE, p.instant,
                                TouchpointType.COUPON_REDEEMED, Optional.of("cpn-" + couponId),
                                Optional.of(stores.get(store).id()), Map.of()));
                    }
                    break;
                }
            }

            // journeys: one converting journey before each purchase, and some that do not convert
            List<Order> customerOrders = new ArrayList<>();
            for (Purchase p : purchases) {
                List<Integer> channels = journey(rng, true);
                Instant at = p.instant.minusSeconds(60 + (long) rng.exponential(1.0 / 21_600));
                List<Touch> touches = new ArrayList<>();
                for (int k = channels.size() - 1; k >= 0; k--) {
                    touches.add(0, new Touch(channels.get(k), at, ids.forChannel(channels.get(k), rng)));
                    at = at.minusSeconds(60 + (long) rng.exponential(1.0 / 86_400));
                }
                addJourney(tps, touches, true, p.cents);
                customerOrders.add(order(rng, ids, p));
            }
            int nulls = rng.poisson(1.0);
            for (int j = 0; j < nulls; j++) {
                List<Integer> channels = journey(rng, false);
                double week = firstWeek + rng.uniform() * (cfg.weeks() - firstWeek);
                Instant at = cfg.start().plusSeconds((long) (week * WEEK_SECONDS));
                List<Touch> touches = new ArrayList<>();
                for (int ch : channels) {
                    touches.add(new Touch(ch, at, ids.forChannel(ch, rng)));
                    at = at.plusSeconds(60 + (long) rng.exponential(1.0 / 86_400));
                }
                addJourney(tps, touches, false, 0);
            }
            tps.removeIf(tp -> !tp.instant().isBefore(end));
            tps.sort((x, y) -> x.instant().compareTo(y.instant()));
            for (Touchpoint tp : tps) {
                tpWriter.write(tp);
                touchpoints++;
            }
            for (Order o : customerOrders) {
                orderWriter.write(o);
                orders++;
            }

            // CLV summaries over the whole window, from the instants as written
            Instant first = purchases.get(0).instant;
            Instant last = purchases.get(purchases.size() - 1).instant;
            int x = purchases.size() - 1;
            double tx = (last.getEpochSecond() - first.getEpochSecond()) / WEEK_SECONDS;
            double age = (end.getEpochSecond() - first.getEpochSecond()) / WEEK_SECONDS;
            long repeatCents = 0;
            for (int k = 1; k < purchases.size(); k++) {
                repeatCents += purchases.get(k).cents;
            }
            String zbar = x == 0 ? "0" : BigDecimal.valueOf(repeatCents).divide(BigDecimal.valueOf(x * 100L), 2,
                    Money.DEFAULT_ROUNDING).toPlainString();
            summary.write(id + "," + x + "," + fmt6(tx) + "," + fmt6(age) + "\n");
            summaryTx.write(id + "," + x + "," + fmt6(tx) + "," + fmt6(age) + "," + zbar + "\n");
            truth.write(id + "," + fmt6(lambda) + "," + fmt6(dropout) + "," + fmt6(nu) + "," + fmt6(home.latitude())
                    + "," + fmt6(home.longitude()) + "," + homeKnown + "," + stores.get(nearest).id() + ","
                    + StrictMath.round(nearestDistance) + "," + purchases.size() + "," + dropped + "\n");
        }

        /** Marketing channel indexes of one journey, drawn given whether it converts. */
        List<Integer> journey(Rng rng, boolean converts) {
            int n = SyntheticChannels.MARKETING.size();
            while (true) {
                int length = 1;
                while (length < 6 && rng.bernoulli(0.45)) {
                    length++;
                }
                List<Integer> channels = new ArrayList<>(length);
                boolean[] present = new boolean[n];
                for (int k = 0; k < length; k++) {
                    int c = rng.categorical(priorCumulative);
                    channels.add(c);
                    present[c] = true;
                }
                double pc = SyntheticChannels.conversionProbability(present);
                double accept = converts ? pc / maxConversion
                        : (1 - pc) / (1 - SyntheticChannels.BASE_CONVERSION);
                if (rng.uniform() < accept) {
                    return channels;
                }
            }
        }

        void addJourney(List<Touchpoint> tps, List<Touch> touches, boolean converted, long cents) {
            StringBuilder path = new StringBuilder();
            for (Touch t : touches) {
                SyntheticChannels.Spec spec = SyntheticChannels.MARKETING.get(t.channel());
                tps.add(new Touchpoint(CustomerKey.of(t.key()), spec.channel(), t.instant(), spec.type(),
                        Optional.empty(), Optional.empty(), Map.of()));
                if (path.length() > 0) {
                    path.append(" > ");
                }
                path.append(spec.channel().id());
            }
            long[] agg = paths.computeIfAbsent(path.toString(), k -> new long[3]);
            if (converted) {
                agg[0]++;
                agg[1] += cents;
                conversions++;
            } else {
                agg[2]++;
            }
            journeys++;
        }

        Order order(Rng rng, Ids ids, Purchase p) {
            Channel channel = p.offline ? SyntheticChannels.STORE : SyntheticChannels.ONLINE_SHOP;
            String key = p.offline ? ids.offline() : ids.online();
            List<OrderLine> lines = new ArrayList<>(2);
            String category = CATEGORIES[rng.nextInt(CATEGORIES.length)];
            if (p.cents >= 2000 && rng.bernoulli(0.4)) {
                long first = (long) (p.cents * (0.3 + 0.4 * rng.uniform()));
                lines.add(new OrderLine("sku-" + rng.nextInt(500), category, 1, Money.ofMinor(first, CNY)));
                lines.add(new OrderLine("sku-" + rng.nextInt(500), CATEGORIES[rng.nextInt(CATEGORIES.length)], 1,
                        Money.ofMinor(p.cents - first, CNY)));
            } else {
                lines.add(new OrderLine("sku-" + rng.nextInt(500), category, 1, Money.ofMinor(p.cents, CNY)));
            }
            OrderStatus status = OrderStatus.COMPLETED;
            Money refunded = Money.zero(CNY);
            if (p.cents >= 10 && rng.bernoulli(0.02)) {
                status = OrderStatus.PARTIALLY_REFUNDED;
                refunded = Money.ofMinor(Math.max(1, (long) (p.cents * (0.1 + 0.4 * rng.uniform()))), CNY);
            }
            String id = String.format(Locale.ROOT, "o%09d", ++orderSeq);
            return new Order(id, CustomerKey.of(key), channel,
                    p.offline ? Optional.of(stores.get(p.store).id()) : Optional.empty(), p.instant, lines, status,
                    refunded);
        }

        void link(Writer out, String first, String second, Instant at, String evidence) throws IOException {
            out.write(first.replaceFirst(":", ",") + "," + second.replaceFirst(":", ",") + "," + at + "," + evidence
                    + "\n");
            links++;
        }

        /**
         * Shared in-store kiosks that many app users log in on: a device that would wrongly merge
         * unrelated customers unless identity resolution guards against super-nodes.
         */
        void kioskLinks(Rng rng, Writer out) throws IOException {
            int perKiosk = Math.max(60, cfg.customers() / 500);
            for (int k = 0; k < KIOSKS; k++) {
                String kiosk = "device_id:kiosk-" + storeId(k % stores.size());
                for (int j = 0; j < perKiosk; j++) {
                    int id = rng.nextInt(cfg.customers());
                    Instant at = cfg.start().plusSeconds((long) (rng.uniform() * cfg.weeks() * WEEK_SECONDS));
                    link(out, kiosk, "app_user_id:u" + (100_000 + id), at, "kiosk_login");
                }
            }
        }

        void badTouchpoint(Writer out, int k) throws IOException {
            String line = switch (k % 4) {
                case 0 -> "{\"customer\":\"phone:10000000000\",\"channel\":\"tiktok_ads\",\"instant\":\"2026-03-01T10:00:00Z\",\"type\":\"CLICK\"}";
                case 1 -> "{\"customer\":\"phone:10000000000\",\"channel\":\"search\",\"instant\":\"2026-02-30T25:00:00Z\",\"type\":\"CLICK\"}";
                case 2 -> "{\"customer\":\"\",\"channel\":\"search\",\"instant\":\"2026-03-01T10:00:00Z\",\"type\":\"CLICK\"}";
                default -> "{\"customer\":\"phone:10000000000\",\"channel\":\"search\",\"instant\":";
            };
            out.write(line);
            out.write('\n');
            badTouchpoints++;
        }

        void badOrder(Writer out, int k) throws IOException {
            String id = "bad-" + (k + 1);
            String line = switch (k % 3) {
                case 0 -> "{\"id\":\"" + id + "\",\"customer\":\"phone:10000000000\",\"channel\":\"store\",\"store\":\"S001\","
                        + "\"instant\":\"2026-03-01T10:00:00Z\",\"status\":\"COMPLETED\",\"refunded\":\"0.00\",\"currency\":\"CNY\","
                        + "\"lines\":[{\"sku\":\"sku-1\",\"category\":\"food\",\"quantity\":-2,\"unit_price\":\"10.00\"}]}";
                case 1 -> "{\"id\":\"" + id + "\",\"customer\":\"phone:10000000000\",\"channel\":\"online_shop\","
                        + "\"instant\":\"2026-03-01T10:00:00Z\",\"status\":\"COMPLETED\",\"refunded\":\"0.00\",\"currency\":\"CNY\","
                        + "\"lines\":[{\"sku\":\"sku-1\",\"category\":\"food\",\"quantity\":1,\"unit_price\":\"12.3.4\"}]}";
                default -> "{\"id\":\"" + id + "\",\"customer\":\"phone:10000000000\",\"channel\":\"online_shop\","
                        + "\"instant\":\"2026-03-01T10:00:00Z\",\"status\":\"COMPLETED\",\"refunded\":\"5.00\",\"currency\":\"CNY\","
                        + "\"lines\":[{\"sku\":\"sku-1\",\"category\":\"food\",\"quantity\":1,\"unit_price\":\"10.00\"}]}";
            };
            out.write(line);
            out.write('\n');
            badOrders++;
        }

        void writePaths() throws IOException {
            try (Writer w = writer(PATHS)) {
                w.write("path,total_conversions,total_conversion_value,total_null\n");
                for (Map.Entry<String, long[]> e : paths.entrySet()) {
                    long[] a = e.getValue();
                    w.write(e.getKey() + "," + a[0] + "," + BigDecimal.valueOf(a[1], 2).toPlainString() + "," + a[2]
                            + "\n");
                }
            }
        }

        void writeManifest(GenerationSummary s) throws IOException {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("generator", "dev.o2o.testkit.data.SyntheticData");
            root.put("seed", cfg.seed());
            root.put("customers", cfg.customers());
            root.put("stores", cfg.stores());
            root.put("start", cfg.start().toString());
            root.put("end", end.toString());
            root.put("weeks", cfg.weeks());
            root.put("acquisitionWeeks", cfg.acquisitionWeeks());
            ObjectNode bg = root.putObject("bgnbd");
            bg.put("r", cfg.r());
            bg.put("alpha", cfg.alpha());
            bg.put("a", cfg.a());
            bg.put("b", cfg.b());
            ObjectNode gg = root.putObject("gammaGamma");
            gg.put("p", cfg.p());
            gg.put("q", cfg.q());
            gg.put("v", cfg.v());
            root.put("baseConversion", SyntheticChannels.BASE_CONVERSION);
            ArrayNode channels = root.putArray("channelEffects");
            for (SyntheticChannels.Spec spec : SyntheticChannels.MARKETING) {
                ObjectNode c = channels.addObject();
                c.put("channel", spec.channel().id());
                c.put("prior", spec.prior());
                c.put("effect", spec.effect());
            }
            root.put("couponRedemption", "0.6 * exp(-distance_km / 2), given a purchase within 15 days");
            ObjectNode counts = root.putObject("counts");
            counts.put("orders", s.orders());
            counts.put("touchpoints", s.touchpoints());
            counts.put("identityLinks", s.identityLinks());
            counts.put("journeys", s.journeys());
            counts.put("conversions", s.conversions());
            counts.put("coupons", s.coupons());
            counts.put("redemptions", s.redemptions());
            counts.put("badTouchpoints", s.badTouchpoints());
            counts.put("badOrders", s.badOrders());
            Files.writeString(dir.resolve(MANIFEST), json.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        }
    }

    /** The identifiers of one customer and which of them each kind of event carries. */
    private static final class Ids {
        final String phone;
        final String card;
        final String[] devices;
        final String app;

        Ids(String phone, String card, String[] devices, String app) {
            this.phone = phone;
            this.card = card;
            this.devices = devices;
            this.app = app;
        }

        String any() {
            return phone != null ? phone : card != null ? card : app != null ? app : devices[0];
        }

        String offline() {
            return card != null ? card : any();
        }

        String online() {
            return app != null ? app : phone != null ? phone : any();
        }

        String forChannel(int channel, Rng rng) {
            String id = SyntheticChannels.MARKETING.get(channel).channel().id();
            switch (id) {
                case "email":
                    return phone != null ? phone : any();
                case "app_push":
                case "mini_program":
                case "qr_code":
                    if (app != null) {
                        return app;
                    }
                    break;
                default:
                    break;
            }
            if (devices.length > 0) {
                return devices[rng.nextInt(devices.length)];
            }
            return app != null ? app : any();
        }
    }

    private static String phone(int id) {
        long n = (id * 7919L + 3_000_000_001L) % 10_000_000_000L;
        return "1" + String.format(Locale.ROOT, "%010d", n);
    }

    private static long mix(long seed, long x) {
        long z = seed + x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String fmt6(double v) {
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

}
