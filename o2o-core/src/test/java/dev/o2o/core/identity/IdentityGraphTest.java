package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityGraphTest {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    static final Identifier PHONE = Identifier.phone("13812345678");
    static final Identifier CARD = Identifier.memberCard("M-0001");
    static final Identifier DEVICE = Identifier.deviceId("dev-aa");
    static final Identifier APP = Identifier.appUserId("u-42");
    static final Identifier OPENID = Identifier.socialOpenId("o-xyz");

    static IdentityLink link(Identifier a, Identifier b, int minute, String evidence) {
        return IdentityLink.of(a, b, T0.plusSeconds(60L * minute), evidence);
    }

    /** The documented key of a customer whose key identifier is {@code id}, with the default configuration. */
    static CustomerKey key(Identifier id) {
        return ExpectedKeys.keyOfIdentifier("cust-", id);
    }

    @Test
    void keysFollowTheKeyIdentifierAndItsClusterSurvives() {
        IdentityGraph g = IdentityGraph.create();
        assertEquals(LinkResult.MERGED, g.addLink(link(PHONE, CARD, 0, "pos-member-scan")));
        // the member card comes first in the default key order
        assertEquals(key(CARD), g.resolve(CARD).orElseThrow());
        assertEquals(key(CARD), g.resolve(PHONE).orElseThrow());
        // a newer, larger cluster keyed by its app account
        g.addLink(link(DEVICE, APP, 1, "app-login"));
        g.addLink(link(APP, OPENID, 2, "mini-program-login"));
        assertEquals(key(APP), g.resolve(OPENID).orElseThrow());
        assertEquals(2, g.customerCount());

        assertEquals(LinkResult.MERGED, g.addLink(link(CARD, APP, 3, "coupon-claim")));
        for (Identifier id : List.of(PHONE, CARD, DEVICE, APP, OPENID)) {
            assertEquals(key(CARD), g.resolve(id).orElseThrow(), id.toString());
        }
        assertFalse(g.contains(key(APP)));
        assertTrue(g.contains(key(CARD)));
        assertFalse(g.contains(key(PHONE)));
        assertFalse(g.contains(CustomerKey.of("cust-0")));
        assertEquals(List.of(PHONE, CARD, DEVICE, APP, OPENID), g.identifiersOf(key(CARD)));
        assertEquals(List.of(), g.identifiersOf(key(APP)));
        assertEquals(1, g.customerCount());
        assertEquals(5, g.identifierCount());
        assertEquals(4, g.linkCount());

        List<MergeEvent> history = g.mergeHistory();
        assertEquals(4, history.size());
        MergeEvent last = history.get(3);
        assertEquals(3, last.sequence());
        assertEquals(key(CARD), last.survivor());
        assertEquals(key(APP), last.absorbed());
        assertTrue(last.link().joins(CARD, APP));
        assertEquals("coupon-claim", last.link().evidence());
        assertEquals(T0.plusSeconds(180), last.link().at());
    }

    @Test
    void duplicateAndRedundantLinks() {
        IdentityGraph g = IdentityGraph.create();
        g.addLink(link(PHONE, CARD, 0, "pos"));
        assertEquals(LinkResult.DUPLICATE, g.addLink(link(CARD, PHONE, 5, "pos")));
        g.addLink(link(CARD, APP, 1, "coupon"));
        assertEquals(LinkResult.SAME_CUSTOMER, g.addLink(link(PHONE, APP, 2, "sms-login")));
        assertEquals(3, g.linkCount());
        assertEquals(2, g.mergeHistory().size());
        assertEquals(key(CARD), g.addIdentifier(APP));
        assertEquals(key(OPENID), g.addIdentifier(OPENID));
        assertEquals(Optional.empty(), g.resolve(DEVICE));
    }

    @Test
    void explainsWhyTwoIdentifiersAreOneCustomer() {
        IdentityGraph g = IdentityGraph.create();
        g.addLink(link(PHONE, CARD, 0, "pos-member-scan"));
        g.addLink(link(DEVICE, APP, 1, "app-login"));
        g.addLink(link(CARD, APP, 2, "coupon-claim"));
        g.addLink(link(OPENID, Identifier.email("x@example.com"), 3, "newsletter"));

        MergeExplanation why = g.explain(PHONE, DEVICE).orElseThrow();
        assertEquals(key(CARD), why.customer());
        assertEquals(3, why.chain().size());
        assertTrue(why.chain().get(0).joins(PHONE, CARD));
        assertTrue(why.chain().get(1).joins(CARD, APP));
        assertTrue(why.chain().get(2).joins(APP, DEVICE));
        String text = why.describe(id -> id.type().name());
        assertEquals("phone and device_id are customer " + key(CARD) + " because:\n"
                + "  phone -- pos-member-scan at 2026-01-05T10:00:00Z -- member_card\n"
                + "  member_card -- coupon-claim at 2026-01-05T10:02:00Z -- app_user_id\n"
                + "  app_user_id -- app-login at 2026-01-05T10:01:00Z -- device_id", text);

        assertEquals(Optional.empty(), g.explain(PHONE, OPENID));
        assertEquals(Optional.empty(), g.explain(PHONE, Identifier.phone("unknown")));
        assertEquals(List.of(), g.explain(CARD, CARD).orElseThrow().chain());
    }

    @Test
    void explanationTakesAShortestChain() {
        IdentityGraph g = IdentityGraph.create();
        g.addLink(link(PHONE, CARD, 0, "a"));
        g.addLink(link(CARD, APP, 1, "b"));
        g.addLink(link(APP, DEVICE, 2, "c"));
        g.addLink(link(PHONE, DEVICE, 3, "d"));
        List<IdentityLink> chain = g.explain(PHONE, DEVICE).orElseThrow().chain();
        assertEquals(1, chain.size());
        assertEquals("d", chain.get(0).evidence());
    }

    @Test
    void superNodeLinksAreReportedNotMerged() {
        IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withSuperNodeLimit(IdentifierType.DEVICE_ID, 2));
        Identifier tablet = Identifier.deviceId("store-tablet-7");
        Identifier a1 = Identifier.appUserId("a1");
        Identifier a2 = Identifier.appUserId("a2");
        Identifier a3 = Identifier.appUserId("a3");
        Identifier a4 = Identifier.appUserId("a4");
        assertEquals(LinkResult.MERGED, g.addLink(link(tablet, a1, 0, "login")));
        assertEquals(LinkResult.MERGED, g.addLink(link(tablet, a2, 1, "login")));
        assertEquals(1, g.customerCount());
        // a third account: the tablet is a shared device; earlier merges through it are undone
        assertEquals(LinkResult.SUPPRESSED_SUPER_NODE, g.addLink(link(tablet, a3, 2, "login")));
        assertEquals(4, g.customerCount());
        assertEquals(key(tablet), g.resolve(tablet).orElseThrow());
        assertEquals(key(a1), g.resolve(a1).orElseThrow());
        assertEquals(key(a2), g.resolve(a2).orElseThrow());
        assertEquals(key(a3), g.resolve(a3).orElseThrow());
        assertEquals(LinkResult.SUPPRESSED_SUPER_NODE, g.addLink(link(a4, tablet, 3, "login")));
        assertEquals(LinkResult.DUPLICATE, g.addLink(link(a4, tablet, 4, "login")));
        assertEquals(List.of(new SuperNodeReport(tablet, 2, 4, 4)), g.superNodes());
        assertEquals(4, g.linkCount());
        assertEquals(Optional.empty(), g.explain(a1, a2));

        // accounts joined by other evidence stay joined; unlimited types are unaffected
        assertEquals(LinkResult.MERGED, g.addLink(link(a1, PHONE, 5, "sms")));
        assertEquals(LinkResult.MERGED, g.addLink(link(a2, PHONE, 6, "sms")));
        assertEquals(g.resolve(a1), g.resolve(a2));
    }

    @Test
    void unlinkSplitsOnlyTheAffectedCustomer() {
        IdentityGraph g = IdentityGraph.create();
        g.addLink(link(PHONE, CARD, 0, "pos"));
        g.addLink(link(CARD, APP, 1, "wrong-merge"));
        g.addLink(link(APP, DEVICE, 2, "login"));
        Identifier other1 = Identifier.email("other@example.com");
        Identifier other2 = Identifier.phone("13900000000");
        g.addLink(link(other1, other2, 3, "signup"));
        CustomerKey otherKey = g.resolve(other1).orElseThrow();
        assertEquals(2, g.customerCount());

        SplitResult split = g.unlink(APP, CARD);
        assertEquals(1, split.linksRemoved());
        assertTrue(split.split());
        // the card's part keeps the key; the other part is keyed by its own first identifier
        assertEquals(List.of(key(APP), key(CARD)), split.customers());
        assertEquals(List.of(PHONE, CARD), g.identifiersOf(key(CARD)));
        assertEquals(List.of(APP, DEVICE), g.identifiersOf(key(APP)));
        assertEquals(otherKey, g.resolve(other2).orElseThrow());
        assertEquals(List.of(other1, other2), g.identifiersOf(otherKey));
        assertEquals(3, g.customerCount());
        assertEquals(3, g.linkCount());
        // the audit log keeps the merge the wrong link made
        assertEquals(4, g.mergeHistory().size());

        SplitResult none = g.unlink(APP, CARD);
        assertEquals(0, none.linksRemoved());
        assertEquals(List.of(key(APP), key(CARD)), none.customers());
        assertEquals(List.of(), g.unlink(APP, Identifier.phone("never-seen")).customers());
    }

    @Test
    void unlinkInsideACycleKeepsTheCustomer() {
        IdentityGraph g = IdentityGraph.create();
        g.addLink(link(PHONE, CARD, 0, "a"));
        g.addLink(link(CARD, APP, 1, "b"));
        g.addLink(link(APP, PHONE, 2, "c"));
        SplitResult r = g.unlink(CARD, APP);
        assertEquals(1, r.linksRemoved());
        assertFalse(r.split());
        assertEquals(List.of(key(CARD)), r.customers());
        assertEquals(2, g.explain(CARD, APP).orElseThrow().chain().size());
        // re-adding the removed link is allowed: it is new evidence
        assertEquals(LinkResult.SAME_CUSTOMER, g.addLink(link(CARD, APP, 3, "b2")));
    }

    @Test
    void eraseForgetsTheCustomerEntirely() {
        IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withSuperNodeLimit(IdentifierType.DEVICE_ID, 1));
        Identifier shared = Identifier.deviceId("family-ipad");
        g.addLink(link(PHONE, CARD, 0, "pos"));
        g.addLink(link(CARD, APP, 1, "coupon"));
        Identifier otherPhone = Identifier.phone("13900000000");
        Identifier otherApp = Identifier.appUserId("u-99");
        g.addLink(link(otherPhone, otherApp, 2, "signup"));
        g.addLink(link(shared, APP, 3, "login"));
        g.addLink(link(shared, otherApp, 4, "login")); // shared becomes a super-node
        assertEquals(1, g.superNodes().size());
        CustomerKey key = g.resolve(PHONE).orElseThrow();

        ClusterErasure erased = g.erase(key);
        assertEquals(new ClusterErasure(key, 3, 3, 3), erased);

        List<Identifier> gone = List.of(PHONE, CARD, APP);
        for (Identifier id : gone) {
            assertEquals(Optional.empty(), g.resolve(id));
            assertFalse(g.identifiers().contains(id));
        }
        for (IdentityLink l : g.links()) {
            assertFalse(gone.contains(l.first()) || gone.contains(l.second()), l.toString());
        }
        for (MergeEvent e : g.mergeHistory()) {
            assertFalse(gone.contains(e.link().first()) || gone.contains(e.link().second()));
        }
        assertFalse(g.contains(key));
        assertEquals(List.of(), g.identifiersOf(key));
        assertEquals(List.of(otherPhone, otherApp, shared), g.identifiers());
        assertEquals(1, g.mergeHistory().size());
        assertEquals(2, g.links().size());
        assertEquals(new SuperNodeReport(shared, 1, 1, 1), g.superNodes().get(0));
        assertEquals(2, g.customerCount());
        // the survivors still work and identifiers can be re-registered as new customers
        assertEquals(LinkResult.DUPLICATE, g.addLink(link(otherPhone, otherApp, 5, "again")));
        assertEquals(key(PHONE), g.addIdentifier(PHONE));
        assertEquals(new ClusterErasure(key, 0, 0, 0), g.erase(key));
    }

    @Test
    void shortLongAndNonLatinValuesAreKeptExactly() {
        IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withExpectedSize(2, 2));
        List<Identifier> ids = List.of(
                Identifier.memberCard("0123456789abcdef"), Identifier.memberCard("0123456789abcdeF"),
                Identifier.memberCard("0123456789abcdef0"), Identifier.memberCard("0123456789abcde"),
                Identifier.socialOpenId("oWx_\u5f20\u4e09"), Identifier.socialOpenId("oWx_\u5f20\u4e8c"),
                Identifier.email("caf\u00e9@example.com"), Identifier.email("cafe@example.com"),
                Identifier.deviceId("6f1c2a9e-1b7d-4c52-9a43-0d2a3c9e7b11"), Identifier.phone("\u00ff"));
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(key(ids.get(i)), g.addIdentifier(ids.get(i)));
        }
        assertEquals(ids, g.identifiers());
        for (int i = 0; i < ids.size(); i++) {
            Identifier copy = Identifier.of(ids.get(i).type(), new String(ids.get(i).value().toCharArray()));
            assertEquals(Optional.of(key(ids.get(i))), g.resolve(copy));
        }
        assertEquals(Optional.empty(), g.resolve(Identifier.memberCard("0123456789abcdeg")));
        assertEquals(Optional.empty(), g.resolve(Identifier.phone("0123456789abcdef")));
        assertEquals(LinkResult.MERGED, g.addLink(link(ids.get(0), ids.get(4), 0, "x")));
        assertEquals(LinkResult.DUPLICATE, g.addLink(link(Identifier.socialOpenId("oWx_\u5f20\u4e09"),
                Identifier.memberCard("0123456789abcdef"), 1, "y")));
        assertEquals(ids.size(), g.identifierCount());
    }

    @Test
    void longValuesInEveryArenaEncodingAreKeptExactlyAndErasedFromMemory() throws Exception {
        // pseudonyms (hex digests) are packed two digits to a byte, other long Latin-1 values one char
        // to a byte, the rest two bytes a char; near-misses of each form must stay different identifiers
        Identifier pseudonym = dev.o2o.core.privacy.Pseudonymizer.hmacSha256("0123456789abcdef".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).pseudonymize(Identifier.phone("13812345678"));
        String hex = pseudonym.value();
        assertEquals(64, hex.length());
        String upper = hex.toUpperCase(java.util.Locale.ROOT);
        String mixed = hex.substring(0, 63) + (hex.charAt(63) == 'a' ? "A" : "B");
        String lastChanged = hex.substring(0, 63) + (hex.charAt(63) == '0' ? "1" : "0");
        IdentifierType t = pseudonym.type();
        List<Identifier> ids = List.of(pseudonym, Identifier.of(t, upper), Identifier.of(t, mixed),
                Identifier.of(t, lastChanged), Identifier.of(t, hex.substring(1)), Identifier.of(t, hex + "0g"),
                Identifier.phone("123456789012345678"), Identifier.phone("12345678901234567"),
                Identifier.email("caf\u00e9-au-lait@example.com"), Identifier.email("\u00ff".repeat(17)),
                Identifier.email("y".repeat(5_000) + "@example.com"), // outgrows, then gives back, the probe buffers
                Identifier.socialOpenId("oWx_" + "\u5f20\u4e09".repeat(9)));
        IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withExpectedSize(2, 2));
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(key(ids.get(i)), g.addIdentifier(ids.get(i)));
        }
        assertEquals(ids, g.identifiers());
        for (int i = 0; i < ids.size(); i++) {
            Identifier copy = Identifier.of(ids.get(i).type(), new String(ids.get(i).value().toCharArray()));
            assertEquals(Optional.of(key(ids.get(i))), g.resolve(copy), copy.value());
            assertEquals(List.of(ids.get(i)), g.identifiersOf(key(ids.get(i))));
        }
        assertEquals(Optional.empty(), g.resolve(Identifier.of(t, hex.substring(0, 62))));
        assertEquals(Optional.empty(), g.resolve(Identifier.email(hex)));

        // erasure overwrites the packed value itself (the upper-case twin of the pseudonym packs to the
        // same bytes, so the check uses the pseudonym whose last digit differs)
        byte[] packed = new byte[32];
        for (int i = 0; i < 32; i++) {
            packed[i] = (byte) Integer.parseInt(lastChanged.substring(2 * i, 2 * i + 2), 16);
        }
        assertTrue(contains(arenaBytes(g), packed), "the packed pseudonym is in the arena");
        assertEquals(1, g.erase(key(ids.get(3))).identifiersRemoved());
        assertFalse(contains(arenaBytes(g), packed), "the erased pseudonym is gone from memory");
        assertEquals(Optional.empty(), g.resolve(Identifier.of(t, lastChanged)));
        assertEquals(Optional.of(key(pseudonym)), g.resolve(pseudonym));
        assertEquals(Optional.of(key(Identifier.of(t, upper))), g.resolve(Identifier.of(t, upper)));
        assertEquals(key(Identifier.of(t, lastChanged)), g.addIdentifier(Identifier.of(t, lastChanged)));
    }

    /** The value arena's bytes, read from the graph's private fields (the graph's node table holds the arena). */
    private static byte[] arenaBytes(IdentityGraph g) throws ReflectiveOperationException {
        Object nodes = field(g, "nodes");
        return (byte[]) field(field(nodes, "arena"), "bytes");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void identifiersNeverShowTheirValue() {
        assertEquals("phone[11 chars]", PHONE.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdentityLink.of(PHONE, Identifier.phone("13812345678"), T0, "x"));
        assertFalse(e.getMessage().contains("13812345678"), e.getMessage());
    }

    /**
     * A phone pasted from a spreadsheet with a no-break space behind it is not the same identifier as the
     * typed one, and nothing would link the two: refused, like an ordinary trailing space.
     */
    @Test
    void identifiersPaddedWithNoBreakOrZeroWidthSpacesAreRefused() {
        assertEquals("value of phone identifier must not have leading or trailing white space",
                assertThrows(IllegalArgumentException.class, () -> Identifier.phone("13812345678\u00A0")).getMessage());
        assertEquals("value of phone identifier must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Identifier.phone("\u00A0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Identifier.email("\uFEFFa@b.example"));
        assertThrows(IllegalArgumentException.class, () -> Identifier.memberCard("M-1\u200B"));
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> IdentifierType.of("Phone"));
        assertThrows(IllegalArgumentException.class, () -> Identifier.phone(" 1"));
        assertThrows(IllegalArgumentException.class, () -> Identifier.phone(""));
        assertThrows(IllegalArgumentException.class, () -> IdentityLink.of(PHONE, CARD, T0, " "));
        assertThrows(IllegalArgumentException.class,
                () -> IdentityConfig.defaults().withSuperNodeLimit(IdentifierType.DEVICE_ID, 0));
        assertThrows(IllegalArgumentException.class, () -> IdentityConfig.defaults().withKeyPrefix("c1"));
        assertThrows(NullPointerException.class, () -> IdentityGraph.create().addLink(null));
        assertEquals(IdentifierType.PHONE, IdentifierType.of("phone"));
        assertEquals(ExpectedKeys.keyOfIdentifier("c:", PHONE),
                IdentityGraph.create(IdentityConfig.defaults().withKeyPrefix("c:")).addIdentifier(PHONE));
        assertThrows(IllegalArgumentException.class, () -> IdentityConfig.defaults().withKeySecret("short"));
        assertThrows(IllegalArgumentException.class, () -> IdentityConfig.defaults()
                .withKeyTypeOrder(List.of(IdentifierType.PHONE, IdentifierType.PHONE)));
        assertFalse(IdentityConfig.defaults().withKeySecret("a-secret-of-some-length").toString()
                .contains("a-secret"));
    }

    @Test
    void everythingSurvivesTheTableGrowingAfterErasuresAndSplits() {
        // a tiny initial table: the loop below grows it several times, moving every record
        IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withExpectedSize(1, 1)
                .withSuperNodeLimit(IdentifierType.DEVICE_ID, 2));
        Identifier tablet = Identifier.deviceId("shared-tablet");
        Identifier longValue = Identifier.email("a-rather-long-address-" + "x".repeat(40) + "@example.com");
        g.addLink(link(PHONE, CARD, 0, "pos"));
        g.addLink(link(CARD, longValue, 1, "newsletter"));
        g.addLink(link(APP, DEVICE, 2, "login"));
        g.addLink(link(tablet, PHONE, 3, "login"));
        g.addLink(link(tablet, APP, 4, "login"));
        assertEquals(LinkResult.SUPPRESSED_SUPER_NODE, g.addLink(link(tablet, OPENID, 5, "login")));
        CustomerKey erased = g.resolve(APP).orElseThrow();
        assertEquals(new ClusterErasure(erased, 2, 2, 2), g.erase(erased));
        for (int i = 0; i < 3000; i++) {
            g.addLink(link(Identifier.phone("1390000" + i), Identifier.appUserId("u" + i), 10 + i, "signup"));
        }
        assertEquals(key(CARD), g.resolve(longValue).orElseThrow());
        assertEquals(List.of(PHONE, CARD, longValue), g.identifiersOf(key(CARD)));
        assertEquals(Optional.empty(), g.resolve(APP));
        assertEquals(Optional.empty(), g.resolve(DEVICE));
        assertEquals(List.of(new SuperNodeReport(tablet, 2, 2, 2)), g.superNodes());
        assertEquals(LinkResult.DUPLICATE, g.addLink(link(longValue, CARD, 9000, "again")));
        assertEquals(LinkResult.DUPLICATE, g.addLink(link(Identifier.appUserId("u2999"),
                Identifier.phone("13900002999"), 9001, "again")));
        assertEquals(3 + 3000, g.customerCount()); // the card's customer, the tablet, the open id and the new pairs
        MergeExplanation why = g.explain(PHONE, longValue).orElseThrow();
        assertEquals(2, why.chain().size());
        assertEquals("newsletter", why.chain().get(1).evidence());
        assertEquals(3 + 3000, g.mergeHistory().size());
        assertEquals(key(Identifier.appUserId("u0")), g.resolve(Identifier.phone("13900000")).orElseThrow());

        SplitResult split = g.unlink(CARD, longValue);
        assertEquals(List.of(key(CARD), key(longValue)), split.customers());
        assertEquals(List.of(longValue), g.identifiersOf(key(longValue)));
        assertEquals(LinkResult.MERGED, g.addLink(link(longValue, Identifier.phone("13900001"), 9002, "sms")));
        // the app account comes before the e-mail address in key order
        assertEquals(key(Identifier.appUserId("u1")), g.resolve(longValue).orElseThrow());
    }
}
