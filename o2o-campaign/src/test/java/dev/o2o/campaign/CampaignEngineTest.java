package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static dev.o2o.campaign.Fixtures.engine;
import static dev.o2o.campaign.Fixtures.pingOffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CampaignEngineTest {

    private static final GeoPoint NEAR_S1 = GeoPoint.of(31.2500, 121.4737); // about 2.2 km north of s1
    private int seq;

    private CampaignEvent ping(CustomerKey who, Instant at, GeoPoint where) {
        return CampaignEvent.ping("e" + (seq++), who, at, where);
    }

    private static List<SuppressionReason> reasons(Decisions d) {
        return d.suppressed().stream().map(Suppression::reason).toList();
    }

    @Test
    void aPingWithinFiveKilometresOfAStoreYieldsThatStoresCoupon() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo")).trigger(pingOffer("t", "geo").build()).build();
        Decisions d = e.evaluate(ping(c("a"), T0, NEAR_S1));
        assertEquals(1, d.actions().size());
        Action.IssueCoupon coupon = (Action.IssueCoupon) d.actions().get(0).action();
        assertEquals("tpl-s1", coupon.templateId());
        assertEquals(Optional.of("s1"), coupon.storeId());
        assertEquals("e0/t/0", d.actions().get(0).key());
        // nearer Pudong than People's Square: Pudong's offer
        Decisions pudong = e.evaluate(ping(c("b"), T0, GeoPoint.of(31.2215, 121.5300)));
        assertEquals("tpl-s2", ((Action.IssueCoupon) pudong.actions().get(0).action()).templateId());
        // 6.7 km from any store: the trigger does not fire at all
        Decisions far = e.evaluate(ping(c("c"), T0, GeoPoint.of(31.2904, 121.4737)));
        assertTrue(far.actions().isEmpty());
        assertTrue(far.suppressed().isEmpty());
    }

    @Test
    void frequencyCapCountsFiresWithinTheWindow() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo"))
                .trigger(pingOffer("t", "geo").frequencyCap(2, Duration.ofDays(7)).build()).build();
        assertEquals(1, e.evaluate(ping(c("a"), T0, NEAR_S1)).actions().size());
        assertEquals(1, e.evaluate(ping(c("a"), T0.plus(Duration.ofDays(1)), NEAR_S1)).actions().size());
        Decisions third = e.evaluate(ping(c("a"), T0.plus(Duration.ofDays(2)), NEAR_S1));
        assertEquals(List.of(SuppressionReason.FREQUENCY_CAP), reasons(third));
        assertEquals(List.of(new Suppression("geo", "t", SuppressionReason.FREQUENCY_CAP)), third.suppressed());
        // another customer is not capped
        assertEquals(1, e.evaluate(ping(c("b"), T0.plus(Duration.ofDays(2)), NEAR_S1)).actions().size());
        // seven days after the first fire the window holds one fire again
        assertEquals(1, e.evaluate(ping(c("a"), T0.plus(Duration.ofDays(8)), NEAR_S1)).actions().size());
    }

    @Test
    void lateEventsAreEvaluatedAtTheirOwnInstantAndNeverBreakACap() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo"))
                .trigger(pingOffer("t", "geo").frequencyCap(1, Duration.ofDays(7)).build()).build();
        Instant day10 = T0.plus(Duration.ofDays(10));
        assertEquals(1, e.evaluate(ping(c("a"), day10, NEAR_S1)).actions().size());
        // arrives late, 5 days before the fire: a 7-day window would hold both
        assertEquals(List.of(SuppressionReason.FREQUENCY_CAP), reasons(e.evaluate(ping(c("a"), T0.plus(Duration.ofDays(5)), NEAR_S1))));
        // arrives late, 9 days before: no 7-day window holds both
        assertEquals(1, e.evaluate(ping(c("a"), T0.plus(Duration.ofDays(1)), NEAR_S1)).actions().size());
    }

    @Test
    void coolDownSeparatesFires() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo"))
                .trigger(pingOffer("t", "geo").coolDown(Duration.ofHours(6)).build()).build();
        assertEquals(1, e.evaluate(ping(c("a"), T0, NEAR_S1)).actions().size());
        assertEquals(List.of(SuppressionReason.COOL_DOWN), reasons(e.evaluate(ping(c("a"), T0.plus(Duration.ofHours(5)), NEAR_S1))));
        assertEquals(1, e.evaluate(ping(c("a"), T0.plus(Duration.ofHours(6)), NEAR_S1)).actions().size());
    }

    @Test
    void quietHoursApplyInTheCustomersZone() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo"))
                .trigger(pingOffer("t", "geo").quietHours(LocalTime.of(22, 0), LocalTime.of(8, 0)).build()).build();
        // 15:30 UTC is 23:30 in Shanghai
        Decisions night = e.evaluate(ping(c("a"), Instant.parse("2026-06-01T15:30:00Z"), NEAR_S1));
        assertEquals(List.of(SuppressionReason.QUIET_HOURS), reasons(night));
        // 00:00 UTC is 08:00 in Shanghai: the end is exclusive
        assertEquals(1, e.evaluate(ping(c("a"), Instant.parse("2026-06-02T00:00:00Z"), NEAR_S1)).actions().size());
    }

    @Test
    void holdoutIsDeterministicPerCustomerAndCampaign() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo").withHoldout(0.10))
                .trigger(pingOffer("t", "geo").build()).build();
        int held = 0;
        for (int i = 0; i < 4_000; i++) {
            CustomerKey k = c("cust-" + i);
            Decisions d = e.evaluate(ping(k, T0, NEAR_S1));
            boolean expected = Holdout.isHeldOut(k, "geo", 0.10);
            assertEquals(expected, reasons(d).equals(List.of(SuppressionReason.HOLDOUT)), k.value());
            assertEquals(!expected, d.actions().size() == 1, k.value());
            held += expected ? 1 : 0;
        }
        // 10% of 4,000 with a binomial standard deviation of 19
        assertTrue(held > 330 && held < 470, "held out: " + held);
        assertEquals(Holdout.bucket(c("cust-1"), "geo"), Holdout.bucket(c("cust-1"), "geo"));
    }

    @Test
    void budgetAndGlobalCapStopTheCampaign() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo").withBudget(cny("12.00")))
                .campaign(Campaign.of("cap").withGlobalCap(2))
                .trigger(pingOffer("t", "geo").build())
                .trigger(Trigger.builder("birthday", "cap").when(EventPredicate.birthday()).action(Action.notify("push", "hb")).build())
                .build();
        List<SuppressionReason> seen = new ArrayList<>();
        int fired = 0;
        for (int i = 0; i < 4; i++) {
            Decisions d = e.evaluate(ping(c("x" + i), T0, NEAR_S1));
            fired += d.actions().size();
            seen.addAll(reasons(d));
        }
        assertEquals(2, fired); // 5.00 each: a third would make 15.00 > 12.00
        assertEquals(List.of(SuppressionReason.BUDGET, SuppressionReason.BUDGET), seen);
        assertEquals(1000, e.store().spentMinor("geo"));
        for (int i = 0; i < 3; i++) {
            Decisions d = e.evaluate(CampaignEvent.birthday("b" + i, c("y" + i), T0));
            assertEquals(i < 2 ? List.of() : List.of(SuppressionReason.GLOBAL_CAP), reasons(d));
        }
        assertEquals(2, e.store().fires("cap"));
    }

    @Test
    void arbitrationByPriorityUnderTheDailyContactLimit() {
        CampaignEngine e = engine(CampaignStore.inMemory()).maxContactsPerDay(1)
                .campaign(Campaign.of("low")).campaign(Campaign.of("high"))
                .trigger(Trigger.builder("low-t", "low").priority(1).when(EventPredicate.checkIn()).action(Action.issueCoupon("welcome", cny("1.00"))).build())
                .trigger(Trigger.builder("high-t", "high").priority(9).when(EventPredicate.checkIn()).action(Action.issueCoupon("gift", cny("1.00"))).build())
                .build();
        Decisions d = e.evaluate(CampaignEvent.checkIn("k1", c("a"), T0, "s1"));
        assertEquals(List.of("high-t"), d.actions().stream().map(PlannedAction::ruleId).toList());
        assertEquals(List.of(new Suppression("low", "low-t", SuppressionReason.DAILY_CONTACT_LIMIT)), d.suppressed());
        // the next local day (Shanghai) allows one contact again
        Decisions tomorrow = e.evaluate(CampaignEvent.checkIn("k2", c("a"), T0.plus(Duration.ofHours(13)), "s1"));
        assertEquals(List.of("high-t"), tomorrow.actions().stream().map(PlannedAction::ruleId).toList());
    }

    @Test
    void audienceAndUnknownCustomers() {
        CustomerDirectory dir = key -> key.value().equals("ghost") ? Optional.empty()
                : Optional.of(CustomerView.of(key, "Europe/Paris", Set.of(key.value().startsWith("m") ? "member" : "guest"), Set.of()));
        CampaignEngine e = CampaignEngine.builder(CampaignStore.inMemory(), Fixtures.CLOCK).directory(dir)
                .couponTemplates(Fixtures.TEMPLATES).campaign(Campaign.of("c"))
                .trigger(Trigger.builder("t", "c").when(EventPredicate.tagGained("vip")).audience(Audience.hasTag("member"))
                        .action(Action.issueCoupon("gift", cny("0"))).build()).build();
        assertEquals(1, e.evaluate(CampaignEvent.tagGained("1", c("m1"), T0, "vip")).actions().size());
        assertEquals(List.of(SuppressionReason.NOT_IN_AUDIENCE), reasons(e.evaluate(CampaignEvent.tagGained("2", c("g1"), T0, "vip"))));
        assertEquals(List.of(SuppressionReason.UNKNOWN_CUSTOMER), reasons(e.evaluate(CampaignEvent.tagGained("3", c("ghost"), T0, "vip"))));
        // another tag does not match the predicate at all
        Decisions other = e.evaluate(CampaignEvent.tagGained("4", c("m1"), T0, "new"));
        assertTrue(other.actions().isEmpty() && other.suppressed().isEmpty());
    }

    @Test
    void everyEventKindMatchesItsPredicate() {
        CustomerKey a = c("a");
        assertTrue(EventPredicate.orderAtLeast(cny("100")).test(CampaignEvent.onlineOrder("o", a, T0, cny("100.00"))));
        assertFalse(EventPredicate.orderAtLeast(cny("100")).test(CampaignEvent.onlineOrder("o", a, T0, cny("99.99"))));
        assertTrue(EventPredicate.touchpoint("wechat").test(CampaignEvent.touchpoint("t", a, T0, "wechat", dev.o2o.core.ChannelKind.ONLINE)));
        assertTrue(EventPredicate.tagLost("vip").test(CampaignEvent.tagLost("t", a, T0, "vip")));
        assertTrue(EventPredicate.lifecycleChangedTo("at_risk").test(CampaignEvent.lifecycleChanged("l", a, T0, "at_risk")));
        assertTrue(EventPredicate.pointsReached(1000).test(CampaignEvent.pointsReached("p", a, T0, 1000)));
        assertFalse(EventPredicate.pointsReached(1000).test(CampaignEvent.pointsReached("p", a, T0, 999)));
        assertTrue(EventPredicate.custom("app_review").test(CampaignEvent.custom("x", a, T0, "app_review")));
        assertFalse(EventPredicate.custom("app_review").test(CampaignEvent.custom("x", a, T0, "other")));
        assertTrue(EventPredicate.birthday().test(CampaignEvent.birthday("b", a, T0)));
    }

    @Test
    void aReplayedEventRepeatsNoActionAndARetriedRunSkipsDoneActions() {
        CampaignEngine e = engine(CampaignStore.inMemory()).campaign(Campaign.of("geo")).trigger(pingOffer("t", "geo").build()).build();
        CampaignEvent ev = ping(c("a"), T0, NEAR_S1);
        Decisions first = e.evaluate(ev);
        Decisions again = e.evaluate(ev);
        assertFalse(first.replay());
        assertTrue(again.replay());
        assertEquals(first.actions(), again.actions());
        assertEquals(List.of(SuppressionReason.DUPLICATE_EVENT), reasons(again));
        assertEquals(1, e.store().fires("geo"));
        AtomicInteger issued = new AtomicInteger();
        ActionRunner runner = ActionRunner.create(e.store(), (p, cp) -> "code-" + issued.incrementAndGet(),
                (p, pts) -> "never", (p, n) -> "never");
        List<ActionRunner.Outcome> run1 = runner.run(first.actions());
        List<ActionRunner.Outcome> run2 = runner.run(again.actions());
        assertEquals(1, issued.get());
        assertEquals(List.of(new ActionRunner.Outcome("e0/t/0", "code-1", false)), run1);
        assertEquals(List.of(new ActionRunner.Outcome("e0/t/0", "code-1", true)), run2);
    }

    @Test
    void badInputNamesTheFieldAndValue() {
        IllegalArgumentException noAction = assertThrows(IllegalArgumentException.class,
                () -> Trigger.builder("t1", "c").when(EventPredicate.ping()).build());
        assertEquals("trigger 't1': actions must not be empty", noAction.getMessage());
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> pingOffer("t2", "c").quietHours(LocalTime.of(22, 0), LocalTime.of(8, 0))
                        .quietHours(LocalTime.of(7, 0), LocalTime.of(9, 0)).build());
        assertEquals("quietHours: windows 22:00-08:00 and 07:00-09:00 overlap", overlap.getMessage());
        IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
                () -> CustomerView.of(c("a"), "Mars/Olympus", Set.of(), Set.of()));
        assertEquals("zone: unknown time zone 'Mars/Olympus'", zone.getMessage());
        IllegalArgumentException template = assertThrows(IllegalArgumentException.class,
                () -> engine(CampaignStore.inMemory()).campaign(Campaign.of("c"))
                        .trigger(Trigger.builder("t3", "c").when(EventPredicate.birthday()).action(Action.issueCoupon("nope", cny("1"))).build())
                        .build());
        assertEquals("trigger 't3' action 0: templateId: unknown coupon template 'nope'", template.getMessage());
        IllegalArgumentException campaign = assertThrows(IllegalArgumentException.class,
                () -> engine(CampaignStore.inMemory()).trigger(pingOffer("t4", "missing").build()).build());
        assertEquals("trigger 't4': unknown campaign 'missing'", campaign.getMessage());
        IllegalArgumentException radius = assertThrows(IllegalArgumentException.class,
                () -> Action.storeOffer(java.util.Map.of("s1", "tpl-s1"), 0, cny("1")));
        assertEquals("radiusMetres must be a positive finite number of metres: 0.0", radius.getMessage());
        IllegalArgumentException store = assertThrows(IllegalArgumentException.class,
                () -> engine(CampaignStore.inMemory()).campaign(Campaign.of("c")).trigger(Trigger.builder("t5", "c").when(EventPredicate.ping())
                        .action(Action.storeOffer(java.util.Map.of("s9", "tpl-s1"), 5_000, cny("1"))).build()).build());
        assertEquals("trigger 't5' action 0: templateByStore names unknown store 's9'", store.getMessage());
        IllegalArgumentException currency = assertThrows(IllegalArgumentException.class,
                () -> engine(CampaignStore.inMemory()).campaign(Campaign.of("c").withBudget(dev.o2o.core.Money.of("10", "USD")))
                        .trigger(pingOffer("t6", "c").build()).build());
        assertEquals("trigger 't6' action 0: cost 5.00 CNY is not in the currency of campaign 'c' budget 10.00 USD", currency.getMessage());
        IllegalArgumentException mission = assertThrows(IllegalArgumentException.class,
                () -> engine(CampaignStore.inMemory()).campaign(Campaign.of("c"))
                        .trigger(Trigger.builder("t7", "c").when(EventPredicate.checkIn()).action(Action.enrol("m-x")).build()).build());
        assertEquals("trigger 't7' action 0: missionId: unknown mission 'm-x'", mission.getMessage());
        IllegalArgumentException holdout = assertThrows(IllegalArgumentException.class, () -> Campaign.of("c").withHoldout(1.0));
        assertEquals("campaign 'c': holdoutShare must be in [0, 1): 1.0", holdout.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> Trigger.builder("t8", "c").coolDown(Duration.ofHours(1)).coolDown(Duration.ofHours(2)));
        assertEquals("coolDown already set", twice.getMessage());
        IllegalArgumentException ping = assertThrows(IllegalArgumentException.class,
                () -> new CampaignEvent("p", c("a"), T0, CampaignEvent.Kind.LOCATION_PING, "", Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), 0));
        assertEquals("location ping 'p' needs a location", ping.getMessage());
    }
}
