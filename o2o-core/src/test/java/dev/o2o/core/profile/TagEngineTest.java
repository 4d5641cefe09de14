package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.TouchpointType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static dev.o2o.core.profile.ProfileFixtures.ALICE;
import static dev.o2o.core.profile.ProfileFixtures.APP;
import static dev.o2o.core.profile.ProfileFixtures.day;
import static dev.o2o.core.profile.ProfileFixtures.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TagEngineTest {

    static TagEngine standard() {
        return TagEngine.of(TagRule.highValue(Money.of("150.00", "CNY")), TagRule.churnRisk(30), TagRule.loyal(3),
                TagRule.newCustomer(Duration.ofDays(60)), TagRule.onlineToOffline(), TagRule.offlineToOnline(),
                TagRule.omnichannel(), TagRule.couponSensitive(0.3), TagRule.frequentRefunder(2), TagRule.prospect());
    }

    @Test
    void builtInsOnTheHandComputedProfile() {
        CustomerProfile p = ProfileStateTest.alice().profile(Instant.parse("2026-04-04T08:00:00Z"));
        List<Tag> tags = standard().tags(p);
        assertEquals(List.of("high_value", "loyal", "new_customer", "o2o_shopper", "offline_to_online", "omnichannel",
                "coupon_sensitive", "frequent_refunder"), tags.stream().map(Tag::name).collect(Collectors.toList()));
        assertEquals(new Tag("high_value", 90, "spent 200.00 CNY, at least 150.00 CNY"), tags.get(0));
        assertEquals("3 purchases, at least 3", tags.get(1).explanation());
        assertEquals("2 offline purchases followed an online touchpoint", tags.get(3).explanation());
        assertEquals("1 coupons redeemed over 3 purchases, share at least 0.3", tags.get(6).explanation());
        assertEquals("2 refunded orders (50.00 CNY), at least 2", tags.get(7).explanation());
        assertEquals(Optional.of(tags.get(0)), standard().primary(p));

        // 60 days later: churn risk, no longer new
        CustomerProfile later = ProfileStateTest.alice().profile(Instant.parse("2026-05-24T08:00:00Z"));
        List<String> names = standard().tags(later).stream().map(Tag::name).collect(Collectors.toList());
        assertEquals("churn_risk", names.get(1));
        assertEquals(false, names.contains("new_customer"));
        assertEquals("last purchase 60 days ago, at least 30",
                standard().tags(later).get(1).explanation());
    }

    @Test
    void prospectAndCustomRule() {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults());
        s.add(touch(ALICE, APP, day(1, 10), TouchpointType.VISIT));
        CustomerProfile p = s.profile(day(2, 10));
        TagRule appFan = TagRule.of("app_fan", 100, x -> x.touchpointsByChannel().getOrDefault("app", 0L) >= 1,
                x -> x.touchpointsByChannel().get("app") + " app touchpoints");
        TagEngine engine = TagEngine.of(appFan, TagRule.prospect(), TagRule.loyal(1));
        assertEquals(List.of(new Tag("app_fan", 100, "1 app touchpoints"), new Tag("prospect", 10, "1 touchpoints and no purchase")),
                engine.tags(p));
        assertEquals(Optional.empty(), TagEngine.of(TagRule.loyal(1)).primary(p));
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> TagEngine.of(TagRule.loyal(2), TagRule.loyal(3)));
        assertThrows(IllegalArgumentException.class, () -> TagRule.loyal(0));
        assertThrows(IllegalArgumentException.class, () -> TagRule.couponSensitive(0));
        assertThrows(IllegalArgumentException.class, () -> TagRule.of(" ", 1, p -> true, p -> "x"));
    }

    @Test
    void engineIsSafeToShareBetweenThreads() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<CustomerProfile> profiles = new ArrayList<>();
        Instant asOf = ProfileFixtures.D1.plusSeconds(100L * 86_400);
        for (int i = 0; i < 400; i++) {
            List<Object> events = ProfileStateTest.randomEvents(rnd, 1 + rnd.nextInt(30));
            profiles.add(ProfileStateTest.build(events).profile(asOf));
        }
        TagEngine engine = standard();
        List<List<Tag>> sequential = profiles.stream().map(engine::tags).collect(Collectors.toList());
        for (int run = 0; run < 5; run++) {
            List<List<Tag>> parallel = profiles.parallelStream().map(engine::tags).collect(Collectors.toList());
            assertEquals(sequential, parallel);
        }
        Map<CustomerKey, List<Tag>> all = engine.tagAll(profiles.subList(0, 1));
        assertEquals(sequential.get(0), all.get(ALICE));
    }

    @Test
    void profileBookMergesAndRemovesCustomers() {
        ProfileBook book = new ProfileBook(ProfileConfig.defaults());
        CustomerKey old = CustomerKey.of("cust-0");
        CustomerKey young = CustomerKey.of("cust-7");
        book.add(ProfileFixtures.order("a", old, ProfileFixtures.STORE, "S1", day(1, 10), "10.00", OrderStatus.COMPLETED, "0"));
        book.add(ProfileFixtures.order("b", young, APP, null, day(2, 10), "5.00", OrderStatus.COMPLETED, "0"));
        book.add(touch(young, APP, day(1, 9), TouchpointType.CLICK));
        book.mergeCustomers(young, old);
        CustomerProfile p = book.profile(old, day(3, 10)).orElseThrow();
        assertEquals(2, p.orders());
        assertEquals(Money.of("15.00", "CNY"), p.spend());
        assertEquals(1, p.onlineToOfflineConversions());
        assertEquals(Optional.empty(), book.profile(young, day(3, 10)));
        assertEquals(java.util.Set.of(old), book.customers());
        assertEquals(true, book.remove(old));
        assertEquals(false, book.remove(old));
        assertEquals(0, book.size());
        assertThrows(IllegalArgumentException.class, () -> book.mergeCustomers(old, old));
    }
}
