package dev.o2o.core.privacy;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.core.identity.MergeEvent;
import dev.o2o.core.identity.SuperNodeReport;
import dev.o2o.core.profile.ProfileBook;
import dev.o2o.core.profile.ProfileConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErasureTest {

    static final Instant T = Instant.parse("2026-02-01T10:00:00Z");

    @Test
    void nothingOfTheCustomerRemains() {
        IdentityGraph graph = IdentityGraph.create(IdentityConfig.defaults().withSuperNodeLimit(IdentifierType.DEVICE_ID, 1));
        ProfileBook book = new ProfileBook(ProfileConfig.defaults());
        Identifier phone = Identifier.phone("13812345678");
        Identifier card = Identifier.memberCard("M-77");
        Identifier email = Identifier.email("zhangsan@example.com");
        Identifier otherPhone = Identifier.phone("13900000000");
        Identifier otherApp = Identifier.appUserId("u-9");
        Identifier tablet = Identifier.deviceId("store-tablet");
        graph.addLink(IdentityLink.of(phone, card, T, "pos-member-scan"));
        graph.addLink(IdentityLink.of(otherPhone, otherApp, T, "signup"));
        graph.addLink(IdentityLink.of(card, email, T, "newsletter"));
        graph.addLink(IdentityLink.of(tablet, email, T, "login"));
        graph.addLink(IdentityLink.of(tablet, otherApp, T, "login")); // the tablet is a super-node now
        CustomerKey zhang = graph.resolve(phone).orElseThrow();
        CustomerKey other = graph.resolve(otherPhone).orElseThrow();

        Channel app = Channel.online("app");
        book.add(Touchpoint.of(zhang, app, T, TouchpointType.CLICK));
        book.add(Order.completed("o1", zhang, Channel.offline("store"), Optional.of("S1"), T.plusSeconds(60),
                List.of(new OrderLine("sku", "cat", 1, Money.of("10.00", "CNY")))));
        book.add(Touchpoint.of(other, app, T, TouchpointType.VISIT));

        ErasureReport report = Erasure.forget(zhang, graph, book);
        assertEquals(new ErasureReport(zhang, 3, 3, 3, true), report);
        assertTrue(report.erasedAnything());

        Set<Identifier> gone = Set.of(phone, card, email);
        for (Identifier id : gone) {
            assertEquals(Optional.empty(), graph.resolve(id));
            assertEquals(Optional.empty(), graph.explain(id, phone));
        }
        assertEquals(List.of(otherPhone, otherApp, tablet), graph.identifiers());
        for (IdentityLink l : graph.links()) {
            assertFalse(gone.contains(l.first()) || gone.contains(l.second()));
        }
        for (MergeEvent e : graph.mergeHistory()) {
            assertFalse(gone.contains(e.link().first()) || gone.contains(e.link().second()));
            assertFalse(e.survivor().equals(zhang) || e.absorbed().equals(zhang));
        }
        for (SuperNodeReport s : graph.superNodes()) {
            assertFalse(gone.contains(s.identifier()));
        }
        assertEquals(List.of(), graph.identifiersOf(zhang));
        assertFalse(graph.contains(zhang));
        assertEquals(Optional.empty(), book.profile(zhang, T));
        assertEquals(Set.of(other), book.customers());

        // the others are intact
        assertEquals(Optional.of(other), graph.resolve(otherApp));
        assertEquals(1, book.profile(other, T).orElseThrow().touchpoints());

        // erasing again finds nothing
        assertFalse(Erasure.forget(zhang, graph, book).erasedAnything());
    }

    /**
     * A key that a merge absorbed names no customer any more, but the person is still there under the
     * survivor's key. Erasing by the old key (the one a CRM kept from before the merge) used to report
     * nothing erased, leaving every identifier and the profile in place; it is refused, naming the key
     * to erase instead.
     */
    @Test
    void erasingAKeyThatWasMergedAwayIsRefusedNotReportedAsNothingToErase() {
        IdentityGraph graph = IdentityGraph.create();
        ProfileBook book = new ProfileBook(ProfileConfig.defaults());
        Identifier phone = Identifier.phone("13812345678");
        Identifier card = Identifier.memberCard("M-77");
        CustomerKey phoneKey = graph.addIdentifier(phone);
        CustomerKey cardKey = graph.addIdentifier(card);
        graph.addLink(IdentityLink.of(phone, card, T, "pos-member-scan"));
        MergeEvent merge = graph.mergeHistory().get(0);
        CustomerKey absorbed = merge.absorbed();
        CustomerKey survivor = merge.survivor();
        assertEquals(Set.of(phoneKey, cardKey), Set.of(absorbed, survivor));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Erasure.forget(absorbed, graph, book));
        assertEquals("customer " + dev.o2o.core.Ids.describe(absorbed.value()) + " was merged into "
                + dev.o2o.core.Ids.describe(survivor.value()) + ", which holds its identifiers now: erase that customer",
                e.getMessage());
        assertEquals(Optional.of(survivor), graph.resolve(phone));
        assertEquals(new ErasureReport(survivor, 2, 1, 1, false), Erasure.forget(survivor, graph, book));
        // once the person is gone, the old key names nothing and erasing it again is harmless
        assertFalse(Erasure.forget(absorbed, graph, book).erasedAnything());
    }
}
