package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.Store;
import dev.o2o.core.geo.StoreLocator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class Fixtures {
    static final Instant T0 = Instant.parse("2026-06-01T04:00:00Z"); // 12:00 in Shanghai
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final Store PEOPLE_SQUARE = new Store("s1", "People's Square", GeoPoint.of(31.2304, 121.4737));
    static final Store PUDONG = new Store("s2", "Pudong", GeoPoint.of(31.2215, 121.5440));
    static final Store HANGZHOU = new Store("s3", "West Lake", GeoPoint.of(30.2741, 120.1551));
    static final StoreLocator LOCATOR = StoreLocator.of(List.of(PEOPLE_SQUARE, PUDONG, HANGZHOU));
    static final Set<String> TEMPLATES = Set.of("tpl-s1", "tpl-s2", "tpl-s3", "welcome", "gift");

    private Fixtures() {
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    static CustomerKey c(String k) {
        return CustomerKey.of(k);
    }

    /** Every customer known, in Shanghai, tagged "member". */
    static CustomerDirectory everyoneInShanghai() {
        return key -> Optional.of(CustomerView.of(key, "Asia/Shanghai", Set.of("member"), Set.of("vip")));
    }

    static Trigger.Builder pingOffer(String id, String campaign) {
        return Trigger.builder(id, campaign).when(EventPredicate.ping())
                .action(Action.storeOffer(Map.of("s1", "tpl-s1", "s2", "tpl-s2", "s3", "tpl-s3"),
                        Action.StoreOffer.DEFAULT_RADIUS_METRES, cny("5.00")));
    }

    static CampaignEngine.Builder engine(CampaignStore store) {
        return CampaignEngine.builder(store, CLOCK).directory(everyoneInShanghai()).couponTemplates(TEMPLATES)
                .stores(LOCATOR);
    }
}
