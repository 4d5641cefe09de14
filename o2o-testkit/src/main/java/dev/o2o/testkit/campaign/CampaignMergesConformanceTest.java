package dev.o2o.testkit.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.campaign.Action;
import dev.o2o.campaign.CampaignMerges;
import dev.o2o.campaign.CampaignMove;
import dev.o2o.campaign.CampaignStore;
import dev.o2o.campaign.Invite;
import dev.o2o.campaign.MissionProgress;
import dev.o2o.campaign.MissionStep;
import dev.o2o.campaign.PlannedAction;
import dev.o2o.campaign.ReferralLink;
import dev.o2o.campaign.Reservation;
import dev.o2o.campaign.Reservation.Outcome;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.CustomerMerge;
import dev.o2o.core.customer.StoreChange;
import dev.o2o.testkit.customer.SameMoment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of a {@link CampaignStore} under customer merges and erasure: fires, contact
 * counts, missions, invites and referral claims follow the surviving key once per merge id (caps
 * then count the merged customer once), an unmerge moves nothing back (the documented policy of
 * {@link CampaignMerges}), and an erasure leaves the erased key nowhere in the store's API. Extend
 * it and return a fresh, empty store from {@link #newStore()}; JUnit makes one instance per test.
 */
public abstract class CampaignMergesConformanceTest {

    /** The instant the kit starts at. */
    protected static final Instant T0 = Instant.parse("2026-06-01T04:00:00Z");
    private static final CustomerKey CARD = CustomerKey.of("c-card");
    private static final CustomerKey APP = CustomerKey.of("c-app");

    /** The store under test. */
    protected CampaignStore store;
    private CustomerDataStore merges;

    /** Subclasses say how to make a store. */
    protected CampaignMergesConformanceTest() {
    }

    /** A fresh, empty store. */
    protected abstract CampaignStore newStore();

    /** Makes the store. */
    @BeforeEach
    public void setUp() {
        store = newStore();
        merges = CampaignMerges.of(store);
    }

    /** A fire of trigger {@code t} with a frequency cap of 2 a day and a daily contact limit of 3. */
    private static Reservation fire(CustomerKey who, String trigger, Instant at) {
        return new Reservation(who, "camp", trigger, at, 2, Duration.ofDays(1), Duration.ZERO, "2026-06-01", 3, 0, -1, -1);
    }

    private static MissionStep step(String ref) {
        return new MissionStep(ref, MissionStep.Kind.CHECK_IN, "s1", T0.plusSeconds(5), 0);
    }

    private void seed() {
        assertEquals(Outcome.RESERVED, store.reserve(fire(APP, "t1", T0)));
        assertEquals(Outcome.RESERVED, store.reserve(fire(APP, "t2", T0.plusSeconds(1))));
        assertEquals(Outcome.RESERVED, store.reserve(fire(CARD, "t1", T0.plusSeconds(2))));
        assertTrue(store.saveMission(new MissionProgress(APP, "m1", T0, List.of(step("a1"), step("a2")), Optional.empty(), 1)));
        assertTrue(store.saveMission(new MissionProgress(CARD, "m1", T0, List.of(step("c1")), Optional.empty(), 1)));
        assertTrue(store.saveMission(new MissionProgress(APP, "m2", T0, List.of(step("a3")), Optional.empty(), 1)));
        assertTrue(store.saveInvite(new Invite("INV-A", "p1", APP, T0)));
        assertTrue(store.saveInvite(new Invite("INV-A2", "p2", APP, T0)));
        assertTrue(store.saveInvite(new Invite("INV-C2", "p2", CARD, T0)));
        assertTrue(store.saveReferral(new ReferralLink("p1", "INV-A", APP, CustomerKey.of("friend"), T0,
                Optional.empty(), Optional.empty())));
        assertTrue(store.saveReferral(new ReferralLink("p3", "INV-X", CustomerKey.of("x"), APP, T0,
                Optional.empty(), Optional.empty())));
    }

    @Test
    public void mergeMovesFiresContactsMissionsInvitesAndReferrals() {
        seed();

        StoreChange c = merges.merge(new CustomerMerge("m-1", APP, CARD));

        assertFalse(c.replayed());
        assertEquals(2, c.count("fires"));
        assertEquals(2, c.count("missions"));
        assertEquals(1, c.count("invites"));
        assertEquals(2, c.count("referrals"));
        assertEquals(1, c.count("kept"));
        // t1 fired for both keys: the merged customer reached the cap of 2
        assertEquals(Outcome.FREQUENCY_CAP, store.reserve(fire(CARD, "t1", T0.plusSeconds(3))));
        // three contacts today already: the daily limit holds for the merged customer
        assertEquals(Outcome.DAILY_CONTACT_LIMIT, store.reserve(fire(CARD, "t3", T0.plusSeconds(4))));
        List<MissionProgress> missions = store.missions(CARD);
        assertEquals(List.of("m1", "m2"), missions.stream().map(MissionProgress::missionId).toList());
        assertEquals(List.of("a1", "a2"), missions.get(0).steps().stream().map(MissionStep::ref).toList());
        assertEquals(2, missions.get(0).version());
        assertEquals(List.of(), store.missions(APP));
        assertEquals("INV-A", store.inviteOf("p1", CARD).orElseThrow().code());
        assertEquals(CARD, store.invite("INV-A").orElseThrow().inviter());
        assertEquals("INV-C2", store.inviteOf("p2", CARD).orElseThrow().code());
        assertEquals(APP, store.invite("INV-A2").orElseThrow().inviter(), "kept: one invite per programme");
        assertEquals(CARD, store.referral("p1", CustomerKey.of("friend")).orElseThrow().inviter());
        assertEquals("INV-X", store.referral("p3", CARD).orElseThrow().code());
        assertTrue(store.referral("p3", APP).isEmpty());
        assertEquals(3, store.fires("camp"));
    }

    /**
     * A merge id is an id of at most 200 characters on every store ({@link CampaignStore#mergeCustomer}):
     * a longer one, or one with a control character, is refused before anything moves. The in-memory
     * store took them; the JDBC store failed on its 200-character column or on NUL.
     */
    @Test
    public void aMergeIdNoStoreCanHoldIsRefusedAndMovesNothing() {
        seed();
        assertEquals("mergeId is longer than 200 characters: 'mm****mm' (201 chars)",
                assertThrows(IllegalArgumentException.class,
                        () -> store.mergeCustomer("m".repeat(201), APP, CARD)).getMessage());
        assertEquals("mergeId must not contain control characters (U+0000 at index 1): '****' (3 chars)",
                assertThrows(IllegalArgumentException.class, () -> store.mergeCustomer("m\0" + "1", APP, CARD)).getMessage());
        assertEquals(2, store.missions(APP).size(), "nothing moved");
        CampaignMove m = store.mergeCustomer("m".repeat(200), APP, CARD);
        assertFalse(m.replayed());
        assertEquals(2, m.fires());
    }

    @Test
    public void theSameMergeIdChangesNothingTwiceAndAnUnmergeMovesNothingBack() throws Exception {
        seed();
        CustomerMerge m = new CustomerMerge("m-1", APP, CARD);
        int fresh = 0;
        for (StoreChange c : SameMoment.run(4, () -> merges.merge(m))) {
            assertEquals(2, c.count("fires"));
            fresh += c.replayed() ? 0 : 1;
        }
        assertEquals(1, fresh);
        assertEquals(Outcome.RESERVED, store.reserve(fire(APP, "t9", T0.plusSeconds(9)))); // a stale client
        assertTrue(merges.merge(m).replayed());
        assertEquals(4, store.fires("camp"));
        assertEquals(List.of(), store.missions(APP), "the replay moved nothing");
        assertEquals(Outcome.RESERVED, store.reserve(fire(APP, "t9", T0.plusSeconds(10))));
        assertEquals(Outcome.FREQUENCY_CAP, store.reserve(fire(APP, "t9", T0.plusSeconds(11))));

        StoreChange back = merges.unmerge(m, APP);

        assertFalse(back.replayed());
        assertEquals(0, back.count("fires") + back.count("missions") + back.count("invites") + back.count("referrals"));
        assertEquals(2, store.missions(CARD).size());
    }

    @Test
    public void erasureLeavesTheKeyNowhereAndKeepsTheTotals() {
        CustomerKey raw = CustomerKey.of("c_erase%me");
        CustomerKey pseudonym = CustomerKey.of("erased-9d1e");
        assertEquals(Outcome.RESERVED, store.reserve(fire(raw, "t1", T0)));
        assertEquals(Outcome.RESERVED, store.reserve(fire(CARD, "t1", T0)));
        assertTrue(store.saveMission(new MissionProgress(raw, "m1", T0, List.of(step("r1")), Optional.empty(), 1)));
        assertTrue(store.saveInvite(new Invite("INV-R", "p1", raw, T0)));
        assertTrue(store.saveReferral(new ReferralLink("p1", "INV-C", CARD, raw, T0, Optional.empty(), Optional.empty())));
        assertTrue(store.claimEvent("e1"));
        String actionKey = "mission:m1:" + raw.value();
        store.saveDecision("e1", List.of(new PlannedAction(actionKey, raw, "m1", "m1", Action.awardPoints(10,
                Money.of("0.10", "CNY"))), new PlannedAction("e1/t/0", CARD, "camp", "t1",
                Action.notify("push", "hello"))));
        assertTrue(store.recordResult(actionKey, "done"));

        CampaignMove m = store.eraseCustomer(raw, pseudonym);

        assertEquals(1, m.fires());
        assertEquals(1, m.missions());
        assertEquals(List.of(), store.missions(raw));
        assertEquals(1, store.missions(pseudonym).size());
        assertTrue(store.inviteOf("p1", raw).isEmpty());
        assertEquals(pseudonym, store.invite("INV-R").orElseThrow().inviter());
        assertTrue(store.referral("p1", raw).isEmpty());
        assertEquals(pseudonym, store.referral("p1", pseudonym).orElseThrow().invitee());
        List<PlannedAction> decision = store.decision("e1").orElseThrow();
        assertEquals(pseudonym, decision.get(0).customer());
        assertEquals("mission:m1:" + pseudonym.value(), decision.get(0).key());
        assertEquals(CARD, decision.get(1).customer());
        assertTrue(store.result(actionKey).isEmpty());
        assertEquals(Optional.of("done"), store.result("mission:m1:" + pseudonym.value()));
        assertEquals(2, store.fires("camp"));
        // the cap still counts the erased customer's fire, under the pseudonym
        assertEquals(Outcome.RESERVED, store.reserve(fire(pseudonym, "t1", T0.plusSeconds(1))));
        assertEquals(Outcome.FREQUENCY_CAP, store.reserve(fire(pseudonym, "t1", T0.plusSeconds(2))));
        assertThrows(IllegalStateException.class, () -> store.eraseCustomer(CARD, pseudonym));
        // an erasure run again finds nothing
        assertEquals(new CampaignMove(false, 0, 0, 0, 0, 0), store.eraseCustomer(raw, pseudonym));
    }
}
