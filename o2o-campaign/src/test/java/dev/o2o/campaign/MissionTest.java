package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.CLOCK;
import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static dev.o2o.campaign.Fixtures.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissionTest {

    private static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    private static List<String> keys(Decisions d) {
        return d.actions().stream().map(PlannedAction::key).toList();
    }

    @Test
    void threeDistinctStoresWithinSevenDaysAwardOnceAndReplaysChangeNothing() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.checkIns("tour", 3, Duration.ofDays(7), Action.awardPoints(500, cny("5.00")))).build();
        CustomerKey a = c("a");
        assertEquals(CLOCK.instant(), e.enrol(a, "tour").enrolledAt(), "a direct enrolment reads the clock");
        assertTrue(keys(e.evaluate(CampaignEvent.checkIn("c1", a, day(0), "s1"))).isEmpty());
        assertTrue(keys(e.evaluate(CampaignEvent.checkIn("c2", a, day(1), "s1"))).isEmpty()); // same store again
        assertTrue(keys(e.evaluate(CampaignEvent.checkIn("c3", a, day(2), "s2"))).isEmpty());
        // replay of c3 under its id: nothing new
        assertTrue(e.evaluate(CampaignEvent.checkIn("c3", a, day(2), "s2")).replay());
        assertEquals(List.of("mission:tour:a"), keys(e.evaluate(CampaignEvent.checkIn("c4", a, day(6), "s3"))));
        MissionProgress p = e.store().mission(a, "tour").orElseThrow();
        assertEquals(List.of("c1", "c2", "c3", "c4"), p.steps().stream().map(MissionStep::ref).toList());
        assertEquals(day(6), p.completedAt().orElseThrow());
        // completed: further check-ins award nothing
        assertTrue(keys(e.evaluate(CampaignEvent.checkIn("c5", a, day(7), "s1"))).isEmpty());
    }

    @Test
    void checkInsSpreadOverMoreThanTheWindowDoNotComplete() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.checkIns("tour", 3, Duration.ofDays(7), Action.awardPoints(500, cny("5.00")))).build();
        CustomerKey a = c("a");
        e.enrol(a, "tour");
        e.evaluate(CampaignEvent.checkIn("c1", a, day(0), "s1"));
        e.evaluate(CampaignEvent.checkIn("c2", a, day(5), "s2"));
        assertTrue(keys(e.evaluate(CampaignEvent.checkIn("c3", a, day(9), "s3"))).isEmpty());
        // s1 again on day 10: s2, s3, s1 within days 5..10
        assertEquals(List.of("mission:tour:a"), keys(e.evaluate(CampaignEvent.checkIn("c4", a, day(10), "s1"))));
    }

    @Test
    void spendAcrossChannelsCountsEachOrderOnce() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.spend("spend300", cny("300.00"), Action.issueCoupon("gift", cny("20.00")))).build();
        CustomerKey a = c("a");
        e.enrol(a, "spend300");
        e.evaluate(CampaignEvent.onlineOrder("o1", a, day(0), cny("120.00")));
        e.evaluate(CampaignEvent.onlineOrder("o1", a, day(0), cny("120.00"))); // replay
        assertTrue(keys(e.evaluate(CampaignEvent.storeOrder("o2", a, day(1), cny("179.99"), "s1"))).isEmpty());
        assertEquals(List.of("mission:spend300:a"), keys(e.evaluate(CampaignEvent.storeOrder("o3", a, day(2), cny("0.01"), "s2"))));
    }

    @Test
    void scanInStoreThenBuyOnlineWithinTheWindow() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.scanThenBuyOnline("o2o", Duration.ofDays(3), Action.issueCoupon("gift", cny("10.00")))).build();
        CustomerKey a = c("a");
        CustomerKey b = c("b");
        e.enrol(a, "o2o");
        e.enrol(b, "o2o");
        // online before the scan does not count
        e.evaluate(CampaignEvent.onlineOrder("a1", a, day(0), cny("10.00")));
        e.evaluate(CampaignEvent.scan("a2", a, day(1), "s1"));
        assertEquals(List.of("mission:o2o:a"), keys(e.evaluate(CampaignEvent.onlineOrder("a3", a, day(4), cny("10.00")))));
        e.evaluate(CampaignEvent.scan("b1", b, day(0), "s1"));
        assertTrue(keys(e.evaluate(CampaignEvent.onlineOrder("b2", b, day(3).plusSeconds(1), cny("10.00")))).isEmpty());
        // a store order is not an online order
        assertTrue(keys(e.evaluate(CampaignEvent.storeOrder("b3", b, day(1), cny("10.00"), "s1"))).isEmpty());
    }

    @Test
    void onlyEnrolledCustomersProgressAndEventsBeforeEnrolmentDoNotCount() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.checkIns("tour", 1, Duration.ofDays(7), Action.awardPoints(10, cny("0.10"))))
                .campaign(Campaign.of("join"))
                .trigger(Trigger.builder("join-t", "join").when(EventPredicate.custom("joined")).action(Action.enrol("tour")).build())
                .build();
        CustomerKey a = c("a");
        assertTrue(keys(e.evaluate(CampaignEvent.checkIn("x0", a, day(0), "s1"))).isEmpty());
        Decisions joined = e.evaluate(CampaignEvent.custom("x1", a, day(1), "joined"));
        assertEquals(List.of("x1/join-t/0"), keys(joined));
        // the trigger enrols at the event's instant, not the clock's (which reads day 0)
        assertEquals(day(1), e.store().mission(a, "tour").orElseThrow().enrolledAt());
        assertEquals("enrolled", e.store().result("x1/join-t/0").orElseThrow());
        // late check-in from before the enrolment: ignored
        assertTrue(keys(e.evaluate(CampaignEvent.checkIn("x2", a, day(0).plusSeconds(5), "s1"))).isEmpty());
        assertEquals(List.of("mission:tour:a"), keys(e.evaluate(CampaignEvent.checkIn("x3", a, day(2), "s1"))));
    }

    @Test
    void badMissionsAreRefused() {
        IllegalArgumentException stores = assertThrows(IllegalArgumentException.class,
                () -> Mission.checkIns("m", 0, Duration.ofDays(1), Action.awardPoints(1, cny("0"))));
        assertEquals("mission 'm': stores must be >= 1: 0", stores.getMessage());
        IllegalArgumentException reward = assertThrows(IllegalArgumentException.class,
                () -> Mission.spend("m", cny("10"), Action.notify("push", "x")));
        assertEquals("mission 'm': reward must be a coupon or points, got Notify", reward.getMessage());
        IllegalArgumentException template = assertThrows(IllegalArgumentException.class,
                () -> engine(CampaignStore.inMemory()).mission(Mission.spend("m", cny("10"), Action.issueCoupon("zzz", cny("1")))).build());
        assertEquals("mission 'm' reward: templateId: unknown coupon template 'zzz'", template.getMessage());
        CampaignEngine e = engine(CampaignStore.inMemory()).build();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> e.enrol(c("a"), "nope"));
        assertEquals("missionId: unknown mission 'nope'", unknown.getMessage());
    }
}
