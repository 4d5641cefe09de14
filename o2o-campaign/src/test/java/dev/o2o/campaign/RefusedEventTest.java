package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static dev.o2o.campaign.Fixtures.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * An event the engine refuses leaves nothing behind. A spend mission refuses an order in another
 * currency; that refusal came after the event id was claimed, so the same event sent again (after
 * the host fixed nothing, or converted the amount) was a "duplicate" with no actions: its triggers
 * never fired.
 */
class RefusedEventTest {

    @Test
    void anOrderASpendMissionRefusesIsNotClaimed() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.spend("spend300", cny("300.00"), Action.issueCoupon("gift", cny("20.00"))))
                .campaign(Campaign.of("thanks"))
                .trigger(Trigger.builder("thanks-t", "thanks").when(EventPredicate.order())
                        .action(Action.notify("push", "thank-you")).build())
                .build();
        e.enrol(c("a"), "spend300");
        CampaignEvent usd = CampaignEvent.onlineOrder("o1", c("a"), T0.plusSeconds(1), Money.of("12.00", "USD"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> e.evaluate(usd));
        assertEquals("mission 'spend300': order 'o1' is in USD, the mission in CNY", refused.getMessage());
        // refused again, not taken for a duplicate
        assertEquals(refused.getMessage(), assertThrows(IllegalArgumentException.class, () -> e.evaluate(usd)).getMessage());
        // the same order id, in the mission's currency: its trigger fires
        Decisions fixed = e.evaluate(CampaignEvent.onlineOrder("o1", c("a"), T0.plusSeconds(1), cny("90.00")));
        assertFalse(fixed.replay());
        assertEquals(List.of("o1/thanks-t/0"), fixed.actions().stream().map(PlannedAction::key).toList());
    }

    /**
     * The JDBC store holds instants as epoch nanoseconds (1677-09-21..2262-04-11). An event outside
     * those years, on an engine with missions (which claim the event first), was claimed and then
     * refused by the store when it saved the mission step: sent again, it was a "duplicate". The
     * in-memory store took it. Now the event itself is refused, the same for every store.
     */
    @Test
    void anEventOutsideTheStoresYearsIsRefusedBeforeAnythingIsWritten() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:refused_event_years;DB_CLOSE_DELAY=-1");
        CampaignStore jdbc = CampaignStore.jdbc(ds, "camp_");
        jdbc.createSchema();
        for (CampaignStore store : List.of(CampaignStore.inMemory(), jdbc)) {
            CampaignEngine e = engine(store)
                    .mission(Mission.checkIns("tour", 3, Duration.ofDays(36_500), Action.awardPoints(500, cny("5.00"))))
                    .build();
            e.enrol(c("a"), "tour");
            Instant late = Instant.parse("2262-04-11T23:47:16.854775808Z");
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> e.evaluate(CampaignEvent.checkIn("late", c("a"), late, "s1")), "on " + store);
            assertEquals("at of event 'late' must be within 1677-09-21T00:12:43.145224192Z..2262-04-11T23:47:16.854775807Z"
                    + " (the instants a campaign store holds): 2262-04-11T23:47:16.854775808Z", refused.getMessage());
            assertTrue(store.claimEvent("late"), "the refused event was claimed on " + store);
            assertEquals(List.of(), store.mission(c("a"), "tour").orElseThrow().steps(), "on " + store);
        }
        assertEquals("at of event 'early' must be within 1677-09-21T00:12:43.145224192Z..2262-04-11T23:47:16.854775807Z"
                + " (the instants a campaign store holds): 1677-09-21T00:12:43.145224191Z",
                assertThrows(IllegalArgumentException.class, () -> CampaignEvent.birthday("early", c("a"),
                        Instant.parse("1677-09-21T00:12:43.145224191Z"))).getMessage());
        // the ends themselves are held
        assertEquals(Instant.parse("1677-09-21T00:12:43.145224192Z"),
                CampaignEvent.birthday("first", c("a"), Instant.parse("1677-09-21T00:12:43.145224192Z")).at());
    }

    /**
     * Event ids were only checked non-blank: the in-memory store took an id of 401 characters or
     * with NUL, the JDBC store failed on them with an SQL error (its column holds 400), and
     * PostgreSQL stores an unpaired surrogate as '?', so two different event ids became one and
     * the second event was taken for a duplicate.
     */
    @Test
    void anEventIdNoStoreCanHoldExactlyIsRefused() {
        String tooLong = "o".repeat(401);
        assertEquals("event id is longer than 400 characters: " + Ids.describe(tooLong),
                assertThrows(IllegalArgumentException.class, () -> CampaignEvent.birthday(tooLong, c("a"), T0)).getMessage());
        assertEquals("event id must not contain NUL (at index 2): " + Ids.describe("o1\0"),
                assertThrows(IllegalArgumentException.class, () -> CampaignEvent.birthday("o1\0", c("a"), T0)).getMessage());
        assertEquals("event id is not well-formed Unicode (unpaired surrogate U+D800 at index 2): " + Ids.describe("o1\uD800"),
                assertThrows(IllegalArgumentException.class, () -> CampaignEvent.birthday("o1\uD800", c("a"), T0))
                        .getMessage());
        assertEquals("o".repeat(400), CampaignEvent.birthday("o".repeat(400), c("a"), T0).id());
    }

    /**
     * Campaign, trigger, mission and referral programme ids were only checked non-blank, while the
     * JDBC store holds 200 characters. On an engine with missions (which claims the event first)
     * a trigger id of 201 characters failed the fire's insert after the claim: the event was left
     * claimed and a resend was a duplicate. The in-memory store took it.
     */
    @Test
    void idsLongerThanTheStoresHoldAreRefused() {
        String id = "t".repeat(201);
        String shown = Ids.describe(id);
        assertEquals("campaign id is longer than 200 characters: " + shown,
                assertThrows(IllegalArgumentException.class, () -> Campaign.of(id)).getMessage());
        assertEquals("trigger id is longer than 200 characters: " + shown, assertThrows(IllegalArgumentException.class,
                () -> Trigger.builder(id, "c").when(EventPredicate.order()).action(Action.notify("push", "hi")).build())
                .getMessage());
        assertEquals("mission id is longer than 200 characters: " + shown, assertThrows(IllegalArgumentException.class,
                () -> Mission.spend(id, cny("10.00"), Action.awardPoints(1, cny("0.01")))).getMessage());
        assertEquals("referral programme id is longer than 200 characters: " + shown,
                assertThrows(IllegalArgumentException.class, () -> ReferralProgram.of(id, Duration.ofDays(1),
                        Action.awardPoints(1, cny("0.01")), Action.awardPoints(1, cny("0.01")))).getMessage());
    }

    /**
     * The texts an action or an event's store id puts into a saved decision or mission step were
     * only checked non-blank: PostgreSQL cannot store NUL and turns a lone surrogate into '?', so
     * the save failed (after the claim, on an engine with missions) or changed the text; the
     * in-memory store took them.
     */
    @Test
    void textsADecisionOrStepStoresAreRefusedUnlessEveryStoreHoldsThem() {
        assertEquals("messageTemplate must not contain NUL (at index 2): " + Ids.describe("hi\0"),
                assertThrows(IllegalArgumentException.class, () -> Action.notify("push", "hi\0")).getMessage());
        // tabs and line breaks are stored (escaped) by every store
        assertEquals("tab\there,\nfeed", Action.notify("push", "tab\there,\nfeed").messageTemplate());
        assertEquals("templateId is not well-formed Unicode (unpaired surrogate U+D800 at index 4): "
                + Ids.describe("gift\uD800"), assertThrows(IllegalArgumentException.class,
                () -> Action.issueCoupon("gift\uD800", cny("1.00"))).getMessage());
        assertEquals("missionId is longer than 200 characters: " + Ids.describe("m".repeat(201)),
                assertThrows(IllegalArgumentException.class, () -> Action.enrol("m".repeat(201))).getMessage());
        assertEquals("storeId of event 'c1' must not contain control characters (U+0000 at index 2): "
                + Ids.describe("s1\0"), assertThrows(IllegalArgumentException.class,
                () -> CampaignEvent.checkIn("c1", c("a"), T0, "s1\0")).getMessage());
    }
}
