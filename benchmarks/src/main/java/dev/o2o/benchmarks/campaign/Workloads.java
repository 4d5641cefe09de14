package dev.o2o.benchmarks.campaign;

import dev.o2o.campaign.Action;
import dev.o2o.campaign.Audience;
import dev.o2o.campaign.Campaign;
import dev.o2o.campaign.CampaignEngine;
import dev.o2o.campaign.CampaignEvent;
import dev.o2o.campaign.CampaignStore;
import dev.o2o.campaign.CustomerView;
import dev.o2o.campaign.EventPredicate;
import dev.o2o.campaign.Trigger;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.Store;
import dev.o2o.core.geo.StoreLocator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/** Seeded inputs shared by the campaign benchmarks. */
final class Workloads {

    static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z"); // 10:00 in Shanghai
    static final GeoPoint SHANGHAI = GeoPoint.of(31.2304, 121.4737);

    private Workloads() {
    }

    static List<Store> stores(int n, GeoPoint centre, double spreadDegrees, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Store> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Store("S" + i, "Store " + i, GeoPoint.of(centre.latitude() + rnd.nextDouble(-spreadDegrees, spreadDegrees),
                    centre.longitude() + rnd.nextDouble(-spreadDegrees, spreadDegrees))));
        }
        return out;
    }

    /**
     * An engine with 100 active triggers over 10 campaigns, every one capped (frequency cap,
     * cool-down or quiet hours, campaign budgets): 10 location offers over 200 stores, and 90
     * triggers on other event kinds (check-ins, orders, tags, custom events) that a ping must skip.
     */
    static CampaignEngine hundredTriggers(CampaignStore store) {
        List<Store> stores = stores(200, SHANGHAI, 0.3, 1);
        Map<String, String> offers = new HashMap<>();
        Set<String> templates = new HashSet<>();
        for (Store s : stores) {
            offers.put(s.id(), "offer-" + s.id());
            templates.add("offer-" + s.id());
        }
        templates.add("generic");
        Money cost = Money.of("1.00", "CNY");
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        CampaignEngine.Builder b = CampaignEngine.builder(store, Clock.fixed(T0, ZoneOffset.UTC))
                .directory(k -> Optional.of(new CustomerView(k, zone, Set.of("member"), Set.of("vip"))))
                .couponTemplates(templates)
                .stores(StoreLocator.of(stores))
                .maxContactsPerDay(3);
        for (int c = 0; c < 10; c++) {
            b.campaign(Campaign.of("camp" + c).withBudget(Money.of("100000000.00", "CNY")).withHoldout(0.05));
        }
        for (int t = 0; t < 100; t++) {
            Trigger.Builder tb = Trigger.builder("t" + t, "camp" + (t % 10)).priority(t % 7)
                    .audience(Audience.hasTag("member")).frequencyCap(1, Duration.ofDays(7)).coolDown(Duration.ofHours(1))
                    .quietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));
            if (t % 10 == 0) {
                tb.when(EventPredicate.ping()).action(Action.storeOffer(offers, 5_000, cost));
            } else {
                EventPredicate[] others = {EventPredicate.checkIn(), EventPredicate.order(), EventPredicate.tagGained("vip"),
                        EventPredicate.custom("app_review"), EventPredicate.birthday()};
                tb.when(others[t % others.length]).action(Action.issueCoupon("generic", cost));
            }
            b.trigger(tb.build());
        }
        return b.build();
    }

    /** Pings of {@code customers} customers around Shanghai, events ids unique per call of next. */
    static final class Pings {
        private final GeoPoint[] points;
        private final CustomerKey[] customers;
        private long seq;
        private final String prefix;

        Pings(int customers, int points, long seed, String prefix) {
            SplittableRandom rnd = new SplittableRandom(seed);
            this.points = new GeoPoint[points];
            for (int i = 0; i < points; i++) {
                this.points[i] = GeoPoint.of(SHANGHAI.latitude() + rnd.nextDouble(-0.3, 0.3),
                        SHANGHAI.longitude() + rnd.nextDouble(-0.3, 0.3));
            }
            this.customers = new CustomerKey[customers];
            for (int i = 0; i < customers; i++) {
                this.customers[i] = CustomerKey.of("C" + i);
            }
            this.prefix = prefix;
        }

        CampaignEvent next() {
            long n = seq++;
            // events an hour apart per customer's turn, so caps and cool-downs see a moving clock
            Instant at = T0.plusSeconds((n / customers.length) * 3_600 % (12 * 3_600));
            return CampaignEvent.ping(prefix + n, customers[(int) (n % customers.length)], at,
                    points[(int) (n % points.length)]);
        }
    }
}
