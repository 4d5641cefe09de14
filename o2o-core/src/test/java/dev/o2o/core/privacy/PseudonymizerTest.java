package dev.o2o.core.privacy;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PseudonymizerTest {

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static final byte[] KEY = "a host secret of 32 bytes.......".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc4231TestVectors() {
        // test case 1
        HmacSha256Pseudonymizer p1 = new HmacSha256Pseudonymizer(filled(20, 0x0b));
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", p1.pseudonymize("Hi There"));
        // test case 4
        byte[] key4 = new byte[25];
        for (int i = 0; i < 25; i++) {
            key4[i] = (byte) (i + 1);
        }
        assertEquals("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                new HmacSha256Pseudonymizer(key4).hmacHex(filled(50, 0xcd)));
        // test case 6: a key longer than the block size
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                Pseudonymizer.hmacSha256(filled(131, 0xaa))
                        .pseudonymize("Test Using Larger Than Block-Size Key - Hash Key First"));
    }

    @Test
    void identifiersKeepTheirTypeAndDependOnIt() {
        Pseudonymizer p = Pseudonymizer.hmacSha256(KEY);
        Identifier phone = p.pseudonymize(Identifier.phone("13812345678"));
        assertEquals(IdentifierType.PHONE, phone.type());
        assertEquals(64, phone.value().length());
        assertEquals(p.pseudonymize("phone\0" + "13812345678"), phone.value());
        assertNotEquals(phone.value(), p.pseudonymize(Identifier.of(IdentifierType.POS_CUSTOMER_NO, "13812345678")).value());
        assertNotEquals(phone, Pseudonymizer.hmacSha256(filled(32, 7)).pseudonymize(Identifier.phone("13812345678")));
        assertEquals(new CustomerKey(p.pseudonymize("cust-1")), p.pseudonymize(CustomerKey.of("cust-1")));
        assertFalse(p.toString().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymizer.hmacSha256(new byte[15]));
    }

    @Test
    void keyIsCopied() {
        byte[] key = KEY.clone();
        Pseudonymizer p = Pseudonymizer.hmacSha256(key);
        String before = p.pseudonymize("x");
        key[0] ^= 1;
        assertEquals(before, p.pseudonymize("x"));
    }

    @Test
    void identityResolutionRunsOnPseudonyms() {
        Pseudonymizer p = Pseudonymizer.hmacSha256(KEY);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<IdentityLink> raw = List.of(
                IdentityLink.of(Identifier.phone("13812345678"), Identifier.memberCard("M1"), t, "pos"),
                IdentityLink.of(Identifier.memberCard("M1"), Identifier.appUserId("u1"), t, "coupon"),
                IdentityLink.of(Identifier.phone("13900000000"), Identifier.appUserId("u2"), t, "login"));
        IdentityGraph plain = IdentityGraph.create();
        IdentityGraph pseudo = IdentityGraph.create();
        for (IdentityLink l : raw) {
            plain.addLink(l);
            pseudo.addLink(IdentityLink.of(p.pseudonymize(l.first()), p.pseudonymize(l.second()), l.at(), l.evidence()));
        }
        // the same customers (keys differ: a key is derived from an identifier's value)
        List<Identifier> ids = plain.identifiers();
        for (Identifier a : ids) {
            for (Identifier b : ids) {
                assertEquals(plain.resolve(a).equals(plain.resolve(b)),
                        pseudo.resolve(p.pseudonymize(a)).equals(pseudo.resolve(p.pseudonymize(b))));
            }
        }
        assertEquals(plain.customerCount(), pseudo.customerCount());
        for (Identifier id : pseudo.identifiers()) {
            assertFalse(id.value().contains("138") && id.value().contains("5678") && id.value().length() == 11);
        }
    }

    @Test
    void threadSafe() {
        Pseudonymizer p = Pseudonymizer.hmacSha256(KEY);
        List<String> inputs = IntStream.range(0, 5000).mapToObj(i -> "1380000" + i).collect(Collectors.toList());
        List<String> sequential = new ArrayList<>();
        for (String s : inputs) {
            sequential.add(p.pseudonymize(s));
        }
        for (int run = 0; run < 3; run++) {
            assertEquals(sequential, inputs.parallelStream().map(p::pseudonymize).collect(Collectors.toList()));
        }
    }
}
