package dev.o2o.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.consent.ConsentChange;
import dev.o2o.core.consent.ConsentPurpose;
import dev.o2o.core.consent.ConsentStore;
import dev.o2o.core.customer.CustomerDataStore;
import dev.o2o.core.customer.CustomerMerges;
import dev.o2o.core.customer.MergeReport;
import dev.o2o.core.customer.UnlinkReport;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.identity.LinkResult;
import dev.o2o.core.identity.MergeEvent;
import dev.o2o.core.privacy.ErasureEverywhere;
import dev.o2o.core.privacy.FullErasureReport;
import dev.o2o.core.privacy.Pseudonymizer;
import dev.o2o.core.profile.ProfileBook;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.loyalty.coupon.CouponLimits;
import dev.o2o.loyalty.coupon.CouponMerges;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.IssuedCode;
import dev.o2o.loyalty.coupon.RedemptionRequest;
import dev.o2o.loyalty.points.LedgerEntry;
import dev.o2o.loyalty.points.LedgerMerges;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.Lot;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One merge, its undoing and an erasure across every store o2o keeps by customer: points ledger,
 * coupons, campaign state and profiles, applied through {@link CustomerMerges}.
 */
class CustomerMergesEndToEndTest {

    static final Instant T0 = Instant.parse("2026-06-01T04:00:00Z");

    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final IdentityGraph graph = IdentityGraph.create();
    final ProfileBook book = new ProfileBook(ProfileConfig.defaults());
    final LedgerStore ledgerStore = LedgerStore.inMemory();
    final PointsLedger ledger = PointsLedger.create(ledgerStore, clock);
    final CouponStore coupons = CouponStore.inMemory();
    final CampaignStore campaign = CampaignStore.inMemory();
    final ConsentStore consent = ConsentStore.inMemory();
    final CustomerMerges stores = CustomerMerges.of(List.of(LedgerMerges.of(ledgerStore, clock),
            CouponMerges.of(coupons), CampaignMerges.of(campaign), CustomerDataStore.profiles(book),
            CustomerDataStore.consents(consent)));

    final Identifier card = Identifier.memberCard("M-2001");
    final Identifier app = Identifier.appUserId("wx-5521");
    final Identifier phone = Identifier.phone("13812345678");
    CustomerKey cardKey;
    CustomerKey appKey;

    @BeforeEach
    void twoCustomersWithStateInEveryStore() {
        cardKey = graph.addIdentifier(card);
        appKey = graph.addIdentifier(app);
        graph.addLink(IdentityLink.of(card, phone, T0, "pos-member-scan"));
        ledger.post(Posting.earn(cardKey, 100, "order:1", Optional.empty()));
        ledger.post(Posting.earn(appKey, 487, "order:2", Optional.of(T0.plusSeconds(86_400 * 90))));
        coupons.register(CouponLimits.none("welcome"));
        coupons.issue("W-APP", "welcome", appKey, T0);
        coupons.issue("W-APP2", "welcome", appKey, T0);
        assertTrue(campaign.saveMission(new MissionProgress(appKey, "tour", T0,
                List.of(new MissionStep("c1", MissionStep.Kind.CHECK_IN, "s1", T0, 0)), Optional.empty(), 1)));
        book.add(Order.completed("o-app", appKey, Channel.online("app"), Optional.empty(), T0,
                List.of(new OrderLine("sku", "cat", 1, Money.of("30.00", "CNY")))));
        consent.record(ConsentChange.grant(appKey, ConsentPurpose.MARKETING_MESSAGES, T0, "app-settings"));
        book.add(Order.completed("o-card", cardKey, Channel.offline("store"), Optional.of("s1"), T0,
                List.of(new OrderLine("sku", "cat", 1, Money.of("20.00", "CNY")))));
    }

    private MergeEvent linkPhoneToApp() {
        assertEquals(LinkResult.MERGED, graph.addLink(IdentityLink.of(phone, app, T0.plusSeconds(60), "app-login")));
        List<MergeEvent> history = graph.mergeHistory();
        return history.get(history.size() - 1);
    }

    @Test
    void aMergeMovesPointsCouponsMissionsAndProfileToTheSurvivor() {
        MergeEvent event = linkPhoneToApp();
        assertEquals(cardKey, event.survivor());
        assertEquals(appKey, event.absorbed());

        MergeReport report = stores.apply(event);

        assertEquals(487, report.change("points").count("points"));
        assertEquals(2, report.change("coupons").count("codes"));
        assertEquals(1, report.change("campaign").count("missions"));
        assertEquals(1, report.change("profiles").count("profiles"));
        assertEquals(587, ledger.balance(cardKey).total());
        assertEquals(0, ledger.balance(appKey).total());
        assertEquals(List.of("W-APP", "W-APP2"), coupons.codesOf(cardKey).stream().map(IssuedCode::code).toList());
        assertEquals("tour", campaign.missions(cardKey).get(0).missionId());
        assertEquals(2, book.profile(cardKey, T0.plusSeconds(120)).orElseThrow().orders());
        assertTrue(book.profile(appKey, T0.plusSeconds(120)).isEmpty());
        assertTrue(consent.allows(cardKey, ConsentPurpose.MARKETING_MESSAGES, T0.plusSeconds(120)));
        assertEquals(List.of(), consent.history(appKey));
        // a retry of the whole merge changes nothing
        MergeReport again = stores.apply(event);
        assertTrue(again.change("points").replayed());
        assertTrue(again.change("coupons").replayed());
        assertTrue(again.change("campaign").replayed());
        assertEquals(587, ledger.balance(cardKey).total());
    }

    @Test
    void anUnlinkFollowsTheDocumentedPolicy() {
        stores.apply(linkPhoneToApp());
        // after the merge the survivor spends 87 points and uses one of the moved coupons
        ledger.post(Posting.redeem(cardKey, 87, "cart:1"));
        assertTrue(coupons.redeem(RedemptionRequest.online("k1", "W-APP", cardKey, "o9", Money.of("3.00", "CNY"), T0))
                .isSuccess());

        UnlinkReport report = stores.unlink(graph, phone, app);

        assertTrue(report.split().split());
        MergeReport undone = report.undone().orElseThrow();
        CustomerKey back = graph.resolve(app).orElseThrow();
        assertEquals(appKey, back);
        // points: what is left of the moved lot (the redemption took the earliest-expiring points first)
        assertEquals(400, undone.change("points").count("points"));
        assertEquals(87, undone.change("points").count("notReturned"));
        assertEquals(400, ledger.balance(appKey).total());
        assertEquals(100, ledger.balance(cardKey).total());
        // coupons: the unused one goes back, the redeemed one stays
        assertEquals(List.of("W-APP2"), coupons.codesOf(appKey).stream().map(IssuedCode::code).toList());
        assertEquals(List.of("W-APP"), coupons.codesOf(cardKey).stream().map(IssuedCode::code).toList());
        // campaign state and profiles stay with the survivor
        assertEquals(1, campaign.missions(cardKey).size());
        assertEquals(0, undone.change("campaign").count("missions"));
        assertEquals(2, book.profile(cardKey, T0.plusSeconds(120)).orElseThrow().orders());
    }

    @Test
    void afterAnErasureNoStoreShowsTheCustomersKeysOrIdentifiers() {
        stores.apply(linkPhoneToApp());
        assertTrue(coupons.redeem(RedemptionRequest.online("k1", "W-APP", cardKey, "o9", Money.of("3.00", "CNY"), T0))
                .isSuccess());
        ledgerStore.accounts(); // both keys have accounts: the app key's holds the pre-merge history
        Pseudonymizer secret = Pseudonymizer.hmacSha256("a host secret of 32 bytes or so".getBytes(StandardCharsets.UTF_8));

        FullErasureReport report = ErasureEverywhere.forget(cardKey, graph, book, stores, secret);

        assertEquals(2, report.formerKeys()); // the app key and the key the phone had for a moment
        assertEquals(3, report.identity().identifiersRemoved());
        assertEquals(2, report.store("points").count("accountsRenamed"));
        assertEquals(2, report.store("coupons").count("codes"));
        assertEquals(1, report.store("campaign").count("missions"));
        List<String> keys = List.of(cardKey.value(), appKey.value());
        List<String> identifiers = List.of(card.value(), app.value(), phone.value());
        List<String> keysSeen = new ArrayList<>();
        List<String> textSeen = new ArrayList<>();
        for (Identifier id : List.of(card, app, phone)) {
            assertTrue(graph.resolve(id).isEmpty());
        }
        for (CustomerKey account : ledgerStore.accounts()) {
            keysSeen.add(account.value());
            for (LedgerEntry e : ledgerStore.entries(account)) {
                keysSeen.add(e.account().value());
                textSeen.add(e.sourceRef());
                textSeen.add(e.note());
            }
            for (Lot l : ledgerStore.lots(account)) {
                keysSeen.add(l.account().value());
            }
        }
        for (String code : List.of("W-APP", "W-APP2")) {
            keysSeen.add(coupons.find(code).orElseThrow().customer().value());
        }
        keysSeen.add(coupons.redemption("k1").orElseThrow().customer().value());
        for (CustomerKey key : List.of(cardKey, appKey)) {
            assertEquals(List.of(), coupons.codesOf(key));
            assertEquals(List.of(), campaign.missions(key));
            assertEquals(List.of(), ledgerStore.entries(key));
            assertEquals(0, coupons.usage("welcome", key).redeemedByCustomer());
            assertTrue(book.profile(key, T0).isEmpty());
            assertEquals(List.of(), consent.history(key));
        }
        CustomerKey pseudonym = report.replacement();
        keysSeen.add(campaign.missions(pseudonym).get(0).customer().value());
        // the proof of consent is kept, under the pseudonym
        assertEquals(1, consent.history(pseudonym).size());
        textSeen.addAll(keysSeen);
        for (String k : keysSeen) {
            assertFalse(keys.contains(k), () -> "a store still shows the erased key " + k);
        }
        for (String t : textSeen) {
            for (String id : identifiers) {
                assertFalse(t.contains(id), () -> "'" + t + "' shows an erased identifier");
            }
        }
        // totals are kept under the pseudonym
        assertEquals(587, ledger.balance(pseudonym).total());
        assertEquals(1, coupons.usage("welcome", pseudonym).redeemed());
        assertEquals(2, ledgerStore.accounts().size());
        // an erasure run again (after a failure, say) finds nothing more and fails nowhere
        FullErasureReport again = ErasureEverywhere.forget(cardKey, graph, book, stores, secret);
        assertEquals(0, again.store("points").count("entries"));
        assertEquals(0, again.store("coupons").count("codes"));
        assertEquals(0, again.store("campaign").count("missions"));
        assertEquals(587, ledger.balance(pseudonym).total());
    }
}
