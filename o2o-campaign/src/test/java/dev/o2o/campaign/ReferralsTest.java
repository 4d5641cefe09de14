package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.test.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferralsTest {

    private static final ReferralProgram PROGRAM = ReferralProgram.of("friends", Duration.ofDays(14),
            Action.awardPoints(200, cny("2.00")), Action.issueCoupon("welcome", cny("10.00")));

    @Test
    void twoSidedRewardOnTheInviteesFirstOrderWithinTheWindow() {
        CampaignStore store = CampaignStore.inMemory();
        TestClock clock = new TestClock(T0);
        Referrals r = Referrals.create(PROGRAM, store, clock, SelfReferralCheck.sameKey());
        CampaignEngine engine = CampaignEngine.builder(store, clock).directory(Fixtures.everyoneInShanghai())
                .couponTemplates(Fixtures.TEMPLATES).referrals(r).build();
        Invite invite = r.inviteCode(c("alice"));
        assertEquals(invite, r.inviteCode(c("alice")));
        assertEquals(10, invite.code().length());
        assertNotEquals(invite.code(), r.inviteCode(c("bob")).code());
        assertEquals(ClaimResult.Status.CLAIMED, r.claim(invite.code(), c("carol"), Optional.empty()).status());
        assertEquals(ClaimResult.Status.ALREADY_CLAIMED, r.claim(invite.code(), c("carol"), Optional.empty()).status());
        assertEquals(ClaimResult.Status.UNKNOWN_CODE, r.claim("NOPE", c("dave"), Optional.empty()).status());
        Decisions first = engine.evaluate(CampaignEvent.onlineOrder("o1", c("carol"), T0.plus(Duration.ofDays(3)), cny("50.00")));
        assertEquals(List.of("referral:friends:carol:inviter", "referral:friends:carol:invitee"),
                first.actions().stream().map(PlannedAction::key).toList());
        assertEquals(c("alice"), first.actions().get(0).customer());
        assertEquals(c("carol"), first.actions().get(1).customer());
        // the second order is not the first
        assertTrue(engine.evaluate(CampaignEvent.onlineOrder("o2", c("carol"), T0.plus(Duration.ofDays(4)), cny("50.00"))).actions().isEmpty());
        // an invitee whose first order comes after the window converts nothing
        clock.set(T0);
        r.claim(invite.code(), c("erin"), Optional.empty());
        assertTrue(engine.evaluate(CampaignEvent.onlineOrder("o3", c("erin"), T0.plus(Duration.ofDays(15)), cny("9.00"))).actions().isEmpty());
        List<ReferralStats> stats = r.stats(k -> "all");
        assertEquals(1, stats.size());
        ReferralStats s = stats.get(0);
        assertEquals(2, s.inviters()); // alice and bob have codes
        assertEquals(2, s.claims());
        assertEquals(1, s.converted());
        assertEquals(0.5, s.kFactor());
        assertEquals(0.5, s.conversion().rate());
    }

    @Test
    void selfReferralIsRefusedThroughTheIdentityGraphAndSharedDevices() {
        IdentityGraph graph = IdentityGraph.create();
        Identifier phone = Identifier.of(IdentifierType.PHONE, "13800000000");
        Identifier card = Identifier.of(IdentifierType.MEMBER_CARD, "M-1");
        Identifier device = Identifier.of(IdentifierType.DEVICE_ID, "dev-42");
        CustomerKey inviter = graph.addIdentifier(phone);
        graph.addLink(dev.o2o.core.identity.IdentityLink.of(phone, card, T0, "same member"));
        graph.addLink(dev.o2o.core.identity.IdentityLink.of(phone, device, T0, "app login"));
        CustomerKey inviterAgain = graph.resolve(card).orElseThrow();
        CustomerKey stranger = graph.addIdentifier(Identifier.of(IdentifierType.PHONE, "13900000000"));
        CampaignStore store = CampaignStore.inMemory();
        Referrals r = Referrals.create(PROGRAM, store, Fixtures.CLOCK, SelfReferralCheck.identityGraph(graph));
        String code = r.inviteCode(inviterAgain).code();
        assertEquals(ClaimResult.Status.SELF_REFERRAL, r.claim(code, inviterAgain, Optional.empty()).status());
        // a new account claiming from the inviter's phone
        assertEquals(ClaimResult.Status.SELF_REFERRAL, r.claim(code, c("fresh-account"), Optional.of(device)).status());
        assertEquals(ClaimResult.Status.CLAIMED, r.claim(code, stranger, Optional.of(Identifier.of(IdentifierType.DEVICE_ID, "dev-7"))).status());
        assertTrue(store.referral("friends", c("fresh-account")).isEmpty());
    }

    @Test
    void shareToUnlockPaysTheInviterOnceAtTheThreshold() {
        CampaignStore store = CampaignStore.inMemory();
        Referrals r = Referrals.create(PROGRAM.withShareToUnlock(3, Action.issueCoupon("gift", cny("30.00"))), store,
                Fixtures.CLOCK, SelfReferralCheck.sameKey());
        String code = r.inviteCode(c("alice")).code();
        assertTrue(r.claim(code, c("f1"), Optional.empty()).actions().isEmpty());
        assertTrue(r.claim(code, c("f2"), Optional.empty()).actions().isEmpty());
        List<PlannedAction> unlock = r.claim(code, c("f3"), Optional.empty()).actions();
        assertEquals(List.of("referral:friends:unlock:alice"), unlock.stream().map(PlannedAction::key).toList());
        assertEquals(c("alice"), unlock.get(0).customer());
        assertTrue(r.claim(code, c("f4"), Optional.empty()).actions().isEmpty());
    }

    @Test
    void statsPerInviterSegment() {
        CampaignStore store = CampaignStore.inMemory();
        Referrals r = Referrals.create(PROGRAM, store, Fixtures.CLOCK, SelfReferralCheck.sameKey());
        String vip = r.inviteCode(c("vip-1")).code();
        r.inviteCode(c("new-1"));
        r.inviteCode(c("new-2"));
        for (int i = 0; i < 4; i++) {
            r.claim(vip, c("friend-" + i), Optional.empty());
        }
        for (int i = 0; i < 3; i++) {
            r.onOrder(CampaignEvent.onlineOrder("o" + i, c("friend-" + i), T0.plus(Duration.ofDays(1)), cny("5.00")));
        }
        List<ReferralStats> stats = r.stats(k -> k.value().startsWith("vip") ? "vip" : "new");
        assertEquals(List.of("new", "vip"), stats.stream().map(ReferralStats::segment).toList());
        assertEquals(0.0, stats.get(0).kFactor());
        assertEquals(0, stats.get(0).claims());
        assertEquals(3.0, stats.get(1).kFactor());
        assertEquals(0.75, stats.get(1).conversion().rate());
        // Wilson 95% for 3 of 4
        assertEquals(0.3006, stats.get(1).conversion().lower(), 1e-4);
        assertEquals(0.9544, stats.get(1).conversion().upper(), 1e-4);
    }

    @Test
    void badProgrammesAreRefused() {
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
                () -> ReferralProgram.of("p", Duration.ZERO, Action.awardPoints(1, cny("0")), Action.awardPoints(1, cny("0"))));
        assertEquals("referral programme 'p': window must be positive: PT0S", window.getMessage());
        IllegalArgumentException reward = assertThrows(IllegalArgumentException.class,
                () -> ReferralProgram.of("p", Duration.ofDays(1), Action.notify("sms", "x"), Action.awardPoints(1, cny("0"))));
        assertEquals("referral programme 'p': inviterReward must be a coupon or points, got Notify", reward.getMessage());
    }
}
