package dev.o2o.risk.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.risk.CustomerResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphSignalsTest {
    static final Instant T0 = Instant.parse("2026-07-15T10:00:00Z");

    @Test
    void sharedDevicesAreFlaggedWithoutMergingIdentities() {
        IdentityGraph graph = IdentityGraph.create();
        for (String p : List.of("p1", "p2", "p3", "p4")) {
            graph.addIdentifier(Identifier.phone(p));
        }
        int customers = graph.customerCount();
        GraphSignals s = GraphSignals.over(CustomerResolver.of(graph, IdentifierType.PHONE))
                .deviceUse("p1", "tablet").deviceUse("p2", "tablet").deviceUse("p3", "tablet")
                .deviceUse("p4", "own-phone").deviceUse("p1", "laptop");
        List<Signal> farms = s.accountsPerDevice(3);
        assertEquals(1, farms.size());
        assertEquals(List.of("tablet", "p1", "p2", "p3"), farms.get(0).keys());
        assertEquals(3, farms.get(0).value());
        assertEquals(List.of("p1", "laptop", "tablet"), s.devicesPerAccount(2).get(0).keys());
        assertEquals(customers, graph.customerCount(), "no identities merged");
        // p1 and p2 share the tablet: a referral between them is self-referral evidence, still nothing merged
        assertEquals(1, s.referral("p1", "p2").selfReferrals().size());
        assertEquals(customers, graph.customerCount());
    }

    @Test
    void selfReferralsByClusterOrSharedDeviceAndCouponsHeldAcrossAccounts() {
        IdentityGraph graph = IdentityGraph.create();
        graph.addLink(IdentityLink.of(Identifier.phone("p1"), Identifier.phone("p2"), T0, "same member card"));
        GraphSignals s = GraphSignals.over(CustomerResolver.of(graph, IdentifierType.PHONE))
                .referral("p1", "p2")          // one customer
                .referral("p3", "p4")          // share a device
                .referral("p5", "p6")          // strangers
                .deviceUse("p3", "d").deviceUse("p4", "d").deviceUse("p5", "x").deviceUse("p6", "y")
                .holds("p1", "NEW10").holds("p2", "NEW10").holds("p3", "NEW10").holds("p1", "OTHER");
        List<Signal> self = s.selfReferrals();
        assertEquals(2, self.size());
        assertEquals(List.of("p1", "p2"), self.get(0).keys());
        assertEquals("inviter and invitee: one customer in the identity graph", self.get(0).detail());
        assertEquals("inviter and invitee: 1 shared device(s)", self.get(1).detail());
        List<Signal> held = s.couponsAcrossAccounts(2);
        assertEquals(1, held.size());
        assertEquals("NEW10", held.get(0).keys().get(0));
        assertEquals(List.of("p1", "p2"), held.get(0).keys().subList(2, 4));
    }

    @Test
    void newAccountsRedeemingHighValueCoupons() {
        GraphSignals s = GraphSignals.over(CustomerResolver.none())
                .signUp("new", T0).signUp("old", T0.minus(Duration.ofDays(90)))
                .redemption("new", "BIG", 5000, T0.plusSeconds(600))
                .redemption("new", "SMALL", 100, T0.plusSeconds(700))
                .redemption("old", "BIG", 5000, T0.plusSeconds(600))
                .redemption("unknown", "BIG", 5000, T0);
        List<Signal> out = s.newAccountsRedeemingHighValue(Duration.ofDays(1), 3000);
        assertEquals(1, out.size());
        assertEquals(List.of("new", "BIG"), out.get(0).keys());
        assertEquals("a 10-minute-old account redeemed 5000 minor units (threshold 3000, age under PT24H)", out.get(0).detail());
        assertThrows(IllegalArgumentException.class, () -> s.newAccountsRedeemingHighValue(Duration.ZERO, 1));
    }

    @Test
    void transferCyclesAreTheStronglyConnectedGroups() {
        GraphSignals s = GraphSignals.over(CustomerResolver.none())
                .transfer("a", "b").transfer("b", "c").transfer("c", "a")   // ring
                .transfer("c", "d").transfer("d", "e")                     // a tail, no cycle
                .transfer("x", "x")                                        // to itself
                .transfer("m", "n").transfer("n", "m");                    // pair
        List<List<String>> cycles = s.transferCycles().stream().map(Signal::keys).sorted((p, q) -> p.get(0).compareTo(q.get(0))).toList();
        assertEquals(List.of(List.of("a", "b", "c"), List.of("m", "n"), List.of("x")), cycles);
        // a long chain does not overflow the stack
        GraphSignals chain = GraphSignals.over(CustomerResolver.none());
        for (int i = 0; i < 100_000; i++) {
            chain.transfer("c" + i, "c" + (i + 1));
        }
        chain.transfer("c100000", "c0");
        assertEquals(100_001, chain.transferCycles().get(0).value());
    }

    /**
     * An account that sent points to itself was reported with value 1 against threshold 2, a
     * figure below the threshold a signal says it reached (so a filter on value >= threshold
     * dropped it), and as "1 accounts pass points around in a cycle".
     */
    @Test
    void aSelfTransferReachesItsThresholdAndSaysWhatHappened() {
        List<Signal> out = GraphSignals.over(CustomerResolver.none()).transfer("x", "x")
                .transfer("a", "b").transfer("b", "a").transferCycles();
        Signal self = out.stream().filter(g -> g.keys().equals(List.of("x"))).findFirst().orElseThrow();
        assertEquals(1, self.value());
        assertEquals(1, self.threshold());
        assertEquals("an account sent points to itself", self.detail());
        Signal pair = out.stream().filter(g -> g.keys().equals(List.of("a", "b"))).findFirst().orElseThrow();
        assertEquals(2, pair.value());
        assertEquals(2, pair.threshold());
        assertEquals("2 accounts pass points around in a cycle", pair.detail());
    }

    @Test
    void aSecondSignUpAtAnotherInstantIsRefusedNamingTheAccountAndBothInstants() {
        GraphSignals s = GraphSignals.over(CustomerResolver.none()).signUp("acct-0001", T0);
        // the same sign-up observed again changes nothing
        s.signUp("acct-0001", T0);
        // once: the second replaced the first, and the account looked younger than it is
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.signUp("acct-0001", T0.plus(Duration.ofDays(30))));
        assertEquals("account 'ac****01' (9 chars) signed up at 2026-07-15T10:00:00Z and again at 2026-08-14T10:00:00Z",
                e.getMessage());
        s.redemption("acct-0001", "BIG", 5000, T0.plusSeconds(60));
        assertEquals(1, s.newAccountsRedeemingHighValue(Duration.ofDays(1), 3000).size());
    }

    @Test
    void aRedemptionBeforeItsAccountsSignUpIsRefusedInEitherOrder() {
        // once: silently skipped by newAccountsRedeemingHighValue
        GraphSignals signedUp = GraphSignals.over(CustomerResolver.none()).signUp("acct-0001", T0);
        IllegalArgumentException before = assertThrows(IllegalArgumentException.class,
                () -> signedUp.redemption("acct-0001", "BIG", 5000, T0.minusSeconds(1)));
        assertEquals("account 'ac****01' (9 chars) redeemed at 2026-07-15T09:59:59Z, before its sign-up at"
                + " 2026-07-15T10:00:00Z", before.getMessage());
        GraphSignals redeemed = GraphSignals.over(CustomerResolver.none())
                .redemption("acct-0001", "BIG", 5000, T0.plusSeconds(5))
                .redemption("acct-0001", "BIG", 5000, T0.minusSeconds(1));
        IllegalArgumentException after = assertThrows(IllegalArgumentException.class,
                () -> redeemed.signUp("acct-0001", T0));
        assertEquals("account 'ac****01' (9 chars) redeemed at 2026-07-15T09:59:59Z, before its sign-up at"
                + " 2026-07-15T10:00:00Z", after.getMessage());
        // at the very instant of its sign-up is not before it
        signedUp.redemption("acct-0001", "BIG", 5000, T0);
        assertEquals(1, signedUp.newAccountsRedeemingHighValue(Duration.ofDays(1), 3000).size());
    }
}
