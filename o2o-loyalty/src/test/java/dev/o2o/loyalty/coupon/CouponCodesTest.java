package dev.o2o.loyalty.coupon;

import org.junit.jupiter.api.Test;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CouponCodesTest {
    private static final String A = CouponCodes.ALPHABET;

    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        // SHA1PRNG seeded before first use is deterministic, which makes failures reproducible
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }

    @Test
    void alphabetHasNoLookAlikesAndEnoughEntropy() throws Exception {
        assertEquals(31, A.length());
        assertEquals(31, A.chars().distinct().count());
        for (char c : "0O1IL".toCharArray()) {
            assertEquals(-1, A.indexOf(c), "look-alike " + c);
        }
        CouponCodes g = CouponCodes.generator(seeded(1));
        assertTrue(g.entropyBits() >= 50, "entropy " + g.entropyBits());
        String code = g.next();
        assertEquals(12, code.length());
        assertTrue(CouponCodes.isWellFormed(code));
        assertThrows(IllegalArgumentException.class, () -> CouponCodes.generator(new SecureRandom(), 10));
    }

    /** A well-formed code of {@code length} characters with {@code value} at {@code position} (check position included). */
    private static char[] codeWith(SecureRandom rnd, int length, int position, char value) {
        char[] c = new char[length];
        for (int i = 0; i < length - 1; i++) {
            c[i] = A.charAt(rnd.nextInt(31));
        }
        if (position < length - 1) {
            c[position] = value;
            c[length - 1] = A.charAt(CouponCodes.checkValue(c, length - 1));
            return c;
        }
        // make the check character equal value by choosing the first payload symbol
        for (int s = 0; s < 31; s++) {
            c[0] = A.charAt(s);
            if (A.charAt(CouponCodes.checkValue(c, length - 1)) == value) {
                c[length - 1] = value;
                return c;
            }
        }
        throw new AssertionError("no payload gives check " + value);
    }

    @Test
    void everySingleSubstitutionIsDetected() throws Exception {
        SecureRandom rnd = seeded(2);
        for (int length : new int[] {12, 13, 31, 32, 41}) {
            for (int pos = 0; pos < length; pos++) {
                for (int a = 0; a < 31; a++) {
                    char[] code = codeWith(rnd, length, pos, A.charAt(a));
                    assertTrue(CouponCodes.isWellFormed(new String(code)));
                    for (int b = 0; b < 31; b++) {
                        if (b != a) {
                            code[pos] = A.charAt(b);
                            assertFalse(CouponCodes.isWellFormed(new String(code)),
                                    "length " + length + " position " + pos + " " + A.charAt(a) + "->" + A.charAt(b));
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyAdjacentTranspositionIsDetected() throws Exception {
        SecureRandom rnd = seeded(3);
        for (int length : new int[] {12, 31, 32, 41}) {
            for (int pos = 0; pos + 1 < length; pos++) {
                for (int a = 0; a < 31; a++) {
                    for (int b = 0; b < 31; b++) {
                        if (a == b) {
                            continue;
                        }
                        char[] code = codeWith(rnd, length, pos, A.charAt(a));
                        if (pos + 1 < length - 1) {
                            code[pos + 1] = A.charAt(b);
                            code[length - 1] = A.charAt(CouponCodes.checkValue(code, length - 1));
                        } else if (code[pos + 1] != A.charAt(b)) {
                            continue; // the check symbol is fixed by the payload; other pairs covered by other draws
                        }
                        assertTrue(CouponCodes.isWellFormed(new String(code)));
                        char t = code[pos];
                        code[pos] = code[pos + 1];
                        code[pos + 1] = t;
                        assertFalse(CouponCodes.isWellFormed(new String(code)), "length " + length + " swap at " + pos);
                    }
                }
            }
        }
    }

    @Test
    void everyTranspositionOfCharactersFewerThan30ApartIsDetected() throws Exception {
        SecureRandom rnd = seeded(5);
        CouponCodes g = CouponCodes.generator(rnd, 29);
        int tested = 0;
        for (int n = 0; n < 200; n++) {
            String code = n % 2 == 0 ? g.next() : CouponCodes.generator(rnd).next();
            char[] c = code.toCharArray();
            for (int i = 0; i < c.length; i++) {
                for (int j = i + 1; j < c.length; j++) {
                    if (c[i] == c[j]) {
                        continue;
                    }
                    char[] t = c.clone();
                    t[i] = c[j];
                    t[j] = c[i];
                    assertFalse(CouponCodes.isWellFormed(new String(t)), code + " swap " + i + "," + j);
                    tested++;
                }
            }
        }
        assertTrue(tested > 40_000, "swaps tested: " + tested);
        // 30 apart, the weights repeat: such a swap is not detected (documented limit)
        char[] c = CouponCodes.generator(rnd, 35).next().toCharArray();
        c[1] = 'A';
        c[31] = 'B';
        c[35] = A.charAt(CouponCodes.checkValue(c, 35));
        char t = c[1];
        c[1] = c[31];
        c[31] = t;
        assertTrue(CouponCodes.isWellFormed(new String(c)));
    }

    @Test
    void transpositionWithTheCheckCharacterIsDetected() throws Exception {
        SecureRandom rnd = seeded(4);
        CouponCodes g = CouponCodes.generator(rnd);
        int tested = 0;
        for (int i = 0; i < 20_000; i++) {
            char[] c = g.next().toCharArray();
            if (c[10] != c[11]) {
                char t = c[10];
                c[10] = c[11];
                c[11] = t;
                assertFalse(CouponCodes.isWellFormed(new String(c)));
                tested++;
            }
        }
        assertTrue(tested > 19_000);
    }

    @Test
    void normalizeAndRejectForeignCharacters() throws Exception {
        String code = CouponCodes.generator(seeded(5)).next();
        String typed = code.substring(0, 4).toLowerCase() + "-" + code.substring(4, 8) + " " + code.substring(8);
        assertEquals(code, CouponCodes.normalize(typed));
        assertFalse(CouponCodes.isWellFormed(code.replace(code.charAt(0), 'O')));
        assertFalse(CouponCodes.isWellFormed(code.substring(1)));
        assertFalse(CouponCodes.isWellFormed("é" + code.substring(1)));
    }

    /** {@code text} as a Chinese input method types it: ASCII letters, digits and '-' in their full-width forms. */
    private static String fullWidth(String text) {
        StringBuilder b = new StringBuilder();
        for (char ch : text.toCharArray()) {
            b.append(ch == ' ' ? '\u3000' : (char) (ch + 0xFEE0));
        }
        return b.toString();
    }

    @Test
    void scannedAndFullWidthCodesNormalizeToTheCode() throws Exception {
        String code = CouponCodes.generator(seeded(7)).next();
        String grouped = code.substring(0, 4) + "-" + code.substring(4, 8) + " " + code.substring(8);
        for (String typed : List.of(code + "\r\n", code + "\n", code + "\r", "\t" + code + "\t",
                fullWidth(grouped), fullWidth(grouped.toLowerCase()), fullWidth(code) + "\r\n",
                code.substring(0, 6) + "\u3000" + code.substring(6), code.substring(0, 6) + "\uFF0D" + code.substring(6))) {
            assertEquals(code, CouponCodes.normalize(typed), "typed " + typed);
            assertTrue(CouponCodes.isWellFormed(CouponCodes.normalize(typed)), "typed " + typed);
        }
        // the brief's example: ＡＢＣ－１２３ and ABC-123 with a scanner's CR LF normalise like ABC123
        assertEquals("ABC123", CouponCodes.normalize("\uFF21\uFF22\uFF23\uFF0D\uFF11\uFF12\uFF13"));
        assertEquals("ABC123", CouponCodes.normalize("ABC-123\r\n"));
    }

    @Test
    void normalizingLeavesIssuedCodesAsTheyAre() throws Exception {
        CouponCodes g = CouponCodes.generator(seeded(8), 20);
        for (int i = 0; i < 10_000; i++) {
            String code = g.next();
            assertEquals(code, CouponCodes.normalize(code));
        }
    }

    @Test
    void charactersThatAreNoCodeCharacterOrSeparatorAreKeptAndRefused() throws Exception {
        String withS = new String(codeWith(seeded(9), 12, 2, 'S'));
        char[] ff = codeWith(seeded(10), 12, 4, 'F');
        ff[5] = 'F';
        ff[11] = A.charAt(CouponCodes.checkValue(ff, 11));
        String withFf = new String(ff);
        assertTrue(CouponCodes.isWellFormed(withFf));
        // Locale.ROOT upper-casing turned the long s into S and the ligature ff into FF: not characters a code has
        String longS = withS.substring(0, 2) + '\u017F' + withS.substring(3);
        assertEquals(longS, CouponCodes.normalize(longS));
        assertFalse(CouponCodes.isWellFormed(CouponCodes.normalize(longS)));
        String ligature = withFf.substring(0, 4) + '\uFB00' + withFf.substring(6);
        assertEquals(ligature, CouponCodes.normalize(ligature));
        assertFalse(CouponCodes.isWellFormed(CouponCodes.normalize(ligature)));
        // other white space and dashes are no separators: a no-break space, a form feed, an en dash stay in the code
        for (char other : new char[] {'\u00A0', '\f', '\u000B', '\u2013', '\u0000', '\u00E9', '\uFF10', '\uFF4F'}) {
            String typed = withS.substring(0, 6) + other + withS.substring(6);
            assertFalse(CouponCodes.isWellFormed(CouponCodes.normalize(typed)), "U+" + Integer.toHexString(other));
        }
        assertEquals("AB\u00A0C", CouponCodes.normalize("ab\u00A0c"));
        assertEquals("0", CouponCodes.normalize("\uFF10"));
    }

    @Test
    void generatorIsThreadSafe() throws Exception {
        CouponCodes g = CouponCodes.generator(new SecureRandom());
        ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 25_000; i++) {
                    String c = g.next();
                    if (!CouponCodes.isWellFormed(c) || seen.put(c, Boolean.TRUE) != null) {
                        throw new AssertionError("bad or duplicate code " + c);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        assertEquals(200_000, seen.size());
    }

    @Test
    void aMillionCodesWithoutDuplicates() throws Exception {
        CouponCodes g = CouponCodes.generator(seeded(6));
        Set<String> already = Set.of(g.next());
        List<String> codes = g.bulk(1_000_000, already);
        assertEquals(1_000_000, codes.size());
        Set<String> distinct = new HashSet<>(codes);
        assertEquals(1_000_000, distinct.size());
        assertFalse(distinct.contains(already.iterator().next()));
        int[] firstSymbol = new int[31];
        for (String c : codes) {
            if (!CouponCodes.isWellFormed(c)) {
                throw new AssertionError("malformed " + c);
            }
            firstSymbol[A.indexOf(c.charAt(0))]++;
        }
        // uniformity: each symbol about 1/31 of the codes (chi-square with 30 df, 99.99% bound about 70)
        double expected = 1_000_000 / 31.0;
        double chi2 = 0;
        for (int f : firstSymbol) {
            chi2 += (f - expected) * (f - expected) / expected;
        }
        assertTrue(chi2 < 70, "chi-square " + chi2);
    }
}
