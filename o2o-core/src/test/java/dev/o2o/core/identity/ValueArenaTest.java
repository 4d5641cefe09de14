package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueArenaTest {

    private static byte[] form(String value, int[] encAndLength) {
        char[] cs = value.toCharArray();
        int enc = ValueArena.encodingOf(cs, cs.length);
        byte[] out = new byte[2 * cs.length];
        encAndLength[0] = enc;
        encAndLength[1] = ValueArena.pack(cs, cs.length, enc, out);
        return out;
    }

    @Test
    void picksTheMostCompactExactEncoding() {
        assertEquals(ValueArena.ENC_HEX_LOWER, ValueArena.encodingOf("00ff9a".toCharArray(), 6));
        assertEquals(ValueArena.ENC_HEX_UPPER, ValueArena.encodingOf("00FF9A".toCharArray(), 6));
        assertEquals(ValueArena.ENC_LATIN1, ValueArena.encodingOf("00ff9".toCharArray(), 5)); // odd length
        assertEquals(ValueArena.ENC_LATIN1, ValueArena.encodingOf("00fF".toCharArray(), 4)); // mixed case
        assertEquals(ValueArena.ENC_LATIN1, ValueArena.encodingOf("café".toCharArray(), 4));
        assertEquals(ValueArena.ENC_UTF16, ValueArena.encodingOf("张三".toCharArray(), 2));
        // a char whose low 7 bits look like a hex digit is not one
        assertEquals(ValueArena.ENC_UTF16, ValueArena.encodingOf("\u0130\u0131".toCharArray(), 2));
        assertEquals(32, ValueArena.byteLength(64, ValueArena.ENC_HEX_LOWER));
        assertEquals(5, ValueArena.byteLength(5, ValueArena.ENC_LATIN1));
        assertEquals(4, ValueArena.byteLength(2, ValueArena.ENC_UTF16));
    }

    @Test
    void valuesRoundTripCompareAndErase() {
        ValueArena arena = new ValueArena(4); // grows several times
        String[] values = {"a".repeat(64).replace('a', 'f'), "ABCDEF0123456789ABCDEF", "café-au-lait@example.com",
                "oWx_张三张三张三", "\u00ff".repeat(17)};
        int[] offsets = new int[values.length];
        int[][] encs = new int[values.length][2];
        for (int i = 0; i < values.length; i++) {
            byte[] f = form(values[i], encs[i]);
            offsets[i] = arena.append(f, encs[i][1]);
        }
        assertEquals(32 + 11 + 24 + 20 + 17, arena.used());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], arena.string(offsets[i], encs[i][0], values[i].length()));
            int[] e = new int[2];
            assertTrue(arena.equals(offsets[i], form(values[i], e), e[1]));
        }
        int[] e = new int[2];
        assertFalse(arena.equals(offsets[2], form("cafe-au-lait@example.com", e), e[1]));
        arena.erase(offsets[0], values[0].length(), encs[0][0]);
        assertEquals("0".repeat(64), arena.string(offsets[0], encs[0][0], 64));
        assertEquals(values[1], arena.string(offsets[1], encs[1][0], values[1].length()));
    }
}
