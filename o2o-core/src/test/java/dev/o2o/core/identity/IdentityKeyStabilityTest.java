package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Keys that depend on the identifiers only: not on the order of links, not on threads, not on restarts. */
class IdentityKeyStabilityTest {

    private static final IdentifierType[] TYPES = {IdentifierType.PHONE, IdentifierType.MEMBER_CARD,
            IdentifierType.DEVICE_ID, IdentifierType.APP_USER_ID, IdentifierType.of("crm_id")};

    /** Random links over a universe of mixed types and value forms (inline, long Latin-1, hex, UTF-16). */
    static List<IdentityLink> randomLinks(long seed, int universe, int count) {
        Random rnd = new Random(seed);
        List<IdentityLink> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int i = rnd.nextInt(universe);
            int j = rnd.nextInt(universe);
            if (i != j) {
                out.add(IdentityLink.of(id(i), id(j), Instant.EPOCH.plusSeconds(k), "e" + k % 3));
            }
        }
        return out;
    }

    static Identifier id(int i) {
        String v = switch (i % 4) {
            case 0 -> "v" + i;
            case 1 -> "a-long-latin-1-value-number-" + i;
            case 2 -> String.format("%064x", i * 0x9E3779B97F4A7C15L);
            default -> "\u5f20" + i;
        };
        return Identifier.of(TYPES[i % TYPES.length], v);
    }

    private static Map<Identifier, CustomerKey> keys(IdentityGraph g) {
        Map<Identifier, CustomerKey> out = new HashMap<>();
        for (Identifier id : g.identifiers()) {
            out.put(id, g.resolve(id).orElseThrow());
        }
        return out;
    }

    @Test
    void theSameLinksInAnyOrderGiveTheSameKeys() {
        List<IdentityLink> links = randomLinks(5, 300, 130);
        IdentityGraph first = IdentityGraph.create();
        first.addLinks(links);
        Map<Identifier, CustomerKey> expected = keys(first);
        assertTrue(first.customerCount() > 20 && first.customerCount() < 250, "a mix of sizes: " + first.customerCount());
        // the documented rule, computed without the graph
        Map<Identifier, Integer> component = new HashMap<>();
        Map<CustomerKey, Integer> label = new HashMap<>();
        expected.forEach((id, k) -> component.put(id, label.computeIfAbsent(k, x -> label.size())));
        assertEquals(ExpectedKeys.keys(component), expected);
        for (long seed = 1; seed <= 6; seed++) {
            List<IdentityLink> shuffled = new ArrayList<>(links);
            Collections.shuffle(shuffled, new Random(seed));
            Random flip = new Random(seed);
            IdentityGraph g = IdentityGraph.create(IdentityConfig.defaults().withExpectedSize(2, 2));
            for (IdentityLink l : shuffled) {
                g.addLink(flip.nextBoolean() ? l : IdentityLink.of(l.second(), l.first(), l.at(), l.evidence()));
            }
            assertEquals(expected, keys(g), "order " + seed);
            assertEquals(first.customerCount(), g.customerCount());
            for (CustomerKey k : expected.values()) {
                assertTrue(g.contains(k));
            }
        }
    }

    @Test
    void eightThreadsGiveTheClustersOfOne() throws Exception {
        List<IdentityLink> links = randomLinks(8, 4000, 2500);
        IdentityGraph serial = IdentityGraph.create();
        links.forEach(serial::addLink);
        for (int round = 0; round < 3; round++) {
            IdentityGraph shared = IdentityGraph.create(IdentityConfig.defaults().withExpectedSize(2, 2));
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = from; i < links.size(); i += threads) {
                            if (i % 5 == 0) {
                                shared.addLinks(links.subList(i, i + 1));
                            } else {
                                shared.addLink(links.get(i));
                            }
                            shared.resolve(links.get(i).first()).orElseThrow();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(keys(serial), keys(shared), "round " + round);
            assertEquals(serial.customerCount(), shared.customerCount());
            assertEquals(serial.linkCount(), shared.linkCount());
            assertEquals(serial.mergeHistory().size(), shared.mergeHistory().size());
        }
    }

    @Test
    void aMemberCardJoiningAPhoneCustomerGivesTheCustomerTheCardsKey() {
        IdentityGraph g = IdentityGraph.create();
        Identifier phone = Identifier.phone("13812345678");
        Identifier card = Identifier.memberCard("M-9");
        Identifier device = Identifier.deviceId("d-1");
        g.addLink(IdentityLink.of(phone, device, Instant.EPOCH, "app-login"));
        CustomerKey byPhone = g.resolve(device).orElseThrow();
        assertEquals(ExpectedKeys.keyOfIdentifier("cust-", phone), byPhone);
        assertEquals(LinkResult.MERGED, g.addLink(IdentityLink.of(card, phone, Instant.EPOCH, "pos-member-scan")));
        MergeEvent merge = g.mergeHistory().get(1);
        assertEquals(ExpectedKeys.keyOfIdentifier("cust-", card), merge.survivor());
        assertEquals(byPhone, merge.absorbed());
        assertFalse(g.contains(byPhone));
        // another order of the same links: the same key
        IdentityGraph h = IdentityGraph.create();
        h.addLink(IdentityLink.of(card, phone, Instant.EPOCH, "pos-member-scan"));
        h.addLink(IdentityLink.of(phone, device, Instant.EPOCH, "app-login"));
        assertEquals(g.resolve(device), h.resolve(device));
        // a key type order of one's own: the phone names the customer
        IdentityGraph byPhoneFirst = IdentityGraph.create(IdentityConfig.defaults()
                .withKeyTypeOrder(List.of(IdentifierType.PHONE)));
        byPhoneFirst.addLink(IdentityLink.of(card, phone, Instant.EPOCH, "pos-member-scan"));
        assertEquals(byPhone, byPhoneFirst.resolve(card).orElseThrow());
    }

    @Test
    void aSecretGivesHmacKeys() throws Exception {
        String secret = "0123456789abcdef-secret";
        Identifier phone = Identifier.phone("13812345678");
        CustomerKey key = IdentityGraph.create(IdentityConfig.defaults().withKeySecret(secret)).addIdentifier(phone);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] d = mac.doFinal("phone:13812345678".getBytes(StandardCharsets.UTF_8));
        assertEquals(CustomerKey.of("cust-" + HexFormat.of().formatHex(d, 0, 16)), key);
        assertNotEquals(ExpectedKeys.keyOfIdentifier("cust-", phone), key);
        assertFalse(key.value().contains("13812345678"));
    }

    @Test
    void aMergeEventKeepsNamingAKeyWhoseCustomerWasErasedAfterASplit() {
        IdentityGraph g = IdentityGraph.create();
        Identifier card = Identifier.memberCard("M-1");
        Identifier phone = Identifier.phone("13800000001");
        Identifier email = Identifier.email("a@example.com");
        g.addLink(IdentityLink.of(card, phone, Instant.EPOCH, "scan"));
        g.addLink(IdentityLink.of(phone, email, Instant.EPOCH, "signup"));
        CustomerKey cardKey = ExpectedKeys.keyOfIdentifier("cust-", card);
        assertEquals(cardKey, g.mergeHistory().get(1).survivor());
        assertTrue(g.unlink(card, phone).split());
        assertEquals(new ClusterErasure(cardKey, 1, 0, 1), g.erase(cardKey));
        List<MergeEvent> left = g.mergeHistory();
        assertEquals(1, left.size());
        assertEquals(cardKey, left.get(0).survivor());
        assertEquals(ExpectedKeys.keyOfIdentifier("cust-", email), left.get(0).absorbed());
        assertEquals(ExpectedKeys.keyOfIdentifier("cust-", phone), g.resolve(email).orElseThrow());
    }

    @Test
    void keysOfIdentifiersAddedAfterALookUpAreFound() {
        IdentityGraph g = IdentityGraph.create();
        Identifier a = Identifier.phone("1");
        CustomerKey ka = g.addIdentifier(a);
        assertTrue(g.contains(ka));
        assertFalse(g.contains(CustomerKey.of("cust-" + "0".repeat(32))));
        assertFalse(g.contains(CustomerKey.of("cust-" + "A".repeat(32))));
        assertFalse(g.contains(CustomerKey.of("other-" + ka.value().substring(5))));
        for (int i = 2; i < 200; i++) {
            CustomerKey k = g.addIdentifier(Identifier.phone(Integer.toString(i)));
            if (i % 50 == 0) {
                assertEquals(List.of(Identifier.phone(Integer.toString(i))), g.identifiersOf(k));
            }
        }
        assertEquals(List.of(Identifier.phone("199")), g.identifiersOf(g.resolve(Identifier.phone("199")).orElseThrow()));
    }
}
