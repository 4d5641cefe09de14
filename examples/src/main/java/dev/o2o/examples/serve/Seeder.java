package dev.o2o.examples.serve;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;
import dev.o2o.loyalty.coupon.Cart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Synthetic members and history for a new database, through the service's own operations (so the
 * seeded data is what the API would have written): members with a phone and a home near a store,
 * orders over the last 80 days that earned points, coupons claimed and some redeemed at a counter.
 * Every step is keyed (member card, claim key, order id, redemption key), so a seeding interrupted
 * by a crash completes on the next start without doubling anything; a database seeded once is
 * never seeded again. Seeded with an explicit seed; not thread-safe (runs before the server starts).
 */
final class Seeder {

    static final String SEEDED = "seeded";

    private static final String[][] MENU = {
            {"latte", "coffee", "32.00"}, {"americano", "coffee", "26.00"}, {"croissant", "bakery", "18.00"},
            {"cheesecake", "bakery", "28.00"}, {"beans-250g", "retail", "88.00"}, {"tumbler", "gift", "120.00"}};

    private Seeder() {
    }

    /** Seeds unless the database says it was seeded; returns whether it seeded now. */
    static boolean seedIfNew(O2oService service, ServeDb db, Clock clock, long seed, int customers) {
        if (db.meta(SEEDED).isPresent()) {
            return false;
        }
        SplittableRandom random = new SplittableRandom(seed);
        Instant now = clock.instant();
        List<String> cards = new ArrayList<>();
        for (int i = 1; i <= customers; i++) {
            String card = String.format(Locale.ROOT, "M%05d", i);
            Store near = Catalog.STORES.get(random.nextInt(Catalog.STORES.size()));
            // a home up to about 8 km from a store: north-south and east-west offsets in degrees
            GeoPoint home = GeoPoint.of(near.location().latitude() + (random.nextDouble() - 0.5) * 0.14,
                    near.location().longitude() + (random.nextDouble() - 0.5) * 0.16);
            String phone = "13" + (5 + random.nextInt(5)) + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
            if (db.home(card).isEmpty()) {
                service.enrol(card, phone, home, now.minus(Duration.ofDays(90)));
            }
            cards.add(card);
        }
        for (String card : cards) {
            int orders = random.nextInt(6);
            for (int o = 0; o < orders; o++) {
                Store store = Catalog.STORES.get(random.nextInt(Catalog.STORES.size()));
                boolean inStore = random.nextInt(3) > 0;
                Instant at = now.minus(Duration.ofMinutes(60 + random.nextInt(80 * 24 * 60)));
                String orderId = "seed-" + card + "-" + o;
                service.postOrder("seed-order-" + card + "-" + o, new O2oService.OrderRequest(orderId, card,
                        inStore ? "store" : "online", inStore ? Optional.of(store.id()) : Optional.empty(),
                        lines(random), Catalog.money("0")), at);
            }
            int claims = random.nextInt(3);
            for (int c = 0; c < claims; c++) {
                Store store = Catalog.STORES.get(random.nextInt(Catalog.STORES.size()));
                String couponId = random.nextInt(3) == 0 ? "coffee-20off" : Catalog.storeCouponId(store.id());
                double[] h = db.home(card).orElseThrow();
                // members redeem codes of nearby stores more often: the dashboard's distance bands show it
                double redeemChance = 0.8 * Math.exp(-store.distanceMetres(GeoPoint.of(h[0], h[1])) / 4_000.0);
                try {
                    Map<String, Object> claimed = service.claim(card, "seed-claim-" + card + "-" + c, couponId);
                    if (random.nextDouble() < redeemChance) {
                        String code = (String) claimed.get("code");
                        service.redeem(store.id(), "seed-redeem-" + card + "-" + c, code, "seed-till-" + card + "-" + c,
                                Cart.of(new OrderLine("latte", "coffee", 4, Money.of("32.00", Catalog.CURRENCY))),
                                "seed-cashier");
                    }
                } catch (ApiError refused) {
                    // a second claim of a coupon the member holds: refused as the API would; the seed moves on
                }
            }
        }
        db.putMeta(SEEDED, "seed=" + seed + ",customers=" + customers);
        return true;
    }

    private static List<OrderLine> lines(SplittableRandom random) {
        List<OrderLine> lines = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String[] item = MENU[(i * 2 + random.nextInt(MENU.length)) % MENU.length];
            if (lines.stream().noneMatch(l -> l.sku().equals(item[0]))) {
                lines.add(new OrderLine(item[0], item[1], 1 + random.nextInt(3), Money.of(item[2], Catalog.CURRENCY)));
            }
        }
        return lines;
    }
}
