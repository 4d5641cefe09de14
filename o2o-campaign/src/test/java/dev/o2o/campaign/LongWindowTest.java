package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static dev.o2o.campaign.Fixtures.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.test.TestClock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Windows as long as a {@link Duration} goes ("no time limit") are compared without adding them
 * to an instant; {@code start.plus(within)} failed inside {@link CampaignEngine#evaluate} with
 * {@code ArithmeticException: long overflow} or {@code DateTimeException}.
 */
class LongWindowTest {

    private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    private static List<String> keys(Decisions d) {
        return d.actions().stream().map(PlannedAction::key).toList();
    }

    @Test
    void checkInMissionWithTheLongestWindowCompletes() {
        for (Duration within : List.of(LONGEST, ChronoUnit.FOREVER.getDuration())) {
            CampaignEngine e = engine(CampaignStore.inMemory())
                    .mission(Mission.checkIns("tour", 2, within, Action.awardPoints(100, cny("1.00")))).build();
            e.enrol(c("a"), "tour");
            assertTrue(keys(e.evaluate(CampaignEvent.checkIn("c1", c("a"), T0.plusSeconds(1), "s1"))).isEmpty());
            assertEquals(List.of("mission:tour:a"),
                    keys(e.evaluate(CampaignEvent.checkIn("c2", c("a"), T0.plus(Duration.ofDays(3650)), "s2"))));
        }
    }

    @Test
    void scanThenBuyOnlineWithTheLongestWindowCompletes() {
        CampaignEngine e = engine(CampaignStore.inMemory())
                .mission(Mission.scanThenBuyOnline("o2o", LONGEST, Action.issueCoupon("gift", cny("1.00")))).build();
        e.enrol(c("a"), "o2o");
        assertTrue(keys(e.evaluate(CampaignEvent.scan("s", c("a"), T0.plusSeconds(1), "s1"))).isEmpty());
        assertEquals(List.of("mission:o2o:a"),
                keys(e.evaluate(CampaignEvent.onlineOrder("o", c("a"), T0.plus(Duration.ofDays(400)), cny("9.00")))));
    }

    @Test
    void referralProgrammeWithTheLongestWindowConverts() {
        CampaignStore store = CampaignStore.inMemory();
        TestClock clock = new TestClock(T0);
        ReferralProgram program = ReferralProgram.of("friends", LONGEST, Action.awardPoints(200, cny("2.00")),
                Action.issueCoupon("welcome", cny("10.00")));
        Referrals r = Referrals.create(program, store, clock, SelfReferralCheck.sameKey());
        CampaignEngine engine = CampaignEngine.builder(store, clock).directory(Fixtures.everyoneInShanghai())
                .couponTemplates(Fixtures.TEMPLATES).referrals(r).build();
        r.claim(r.inviteCode(c("alice")).code(), c("carol"), Optional.empty());
        assertEquals(List.of("referral:friends:carol:inviter", "referral:friends:carol:invitee"),
                keys(engine.evaluate(CampaignEvent.onlineOrder("o1", c("carol"), T0.plus(Duration.ofDays(900)), cny("50.00")))));
    }
}
