package dev.o2o.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {

    private static String refused(String value) {
        return assertThrows(IllegalArgumentException.class, () -> Ids.requireId(value, "account")).getMessage();
    }

    @Test
    void acceptsOrdinaryAndSupplementaryIds() {
        for (String ok : new String[] {"a", "bob", "会员-001", "x y", "emoji-\uD83D\uDE00", "a".repeat(Ids.MAX_LENGTH)}) {
            assertSame(ok, Ids.requireId(ok, "account"));
        }
    }

    @Test
    void refusesLoneSurrogatesWithoutPrintingTheValue() {
        // JSON "bob\ud800" decodes to this; PostgreSQL's driver would store it as "bob?"
        String m = refused("alice-secret\uD800");
        assertEquals("account is not well-formed Unicode (unpaired surrogate U+D800 at index 12): 'al****t?' "
                + "(13 chars)", m);
        assertFalse(m.contains("alice-secret"));
        assertTrue(refused("\uDC00abc").contains("U+DC00 at index 0"));
        assertTrue(refused("ab\uD83Dc").contains("U+D83D at index 2"), "a high surrogate followed by no low one");
        assertTrue(refused("ab\uDE00\uD83D").contains("U+DE00 at index 2"), "a reversed pair");
    }

    @Test
    void refusesNulControlsBlankWhiteSpaceAndOverlongIds() {
        assertEquals("account must not contain control characters (U+0000 at index 3): 'ab****yz' (11 chars)",
                refused("abc\0defghyz"));
        assertTrue(refused("a\nb").contains("U+000A"));
        assertEquals("account must not be blank", refused(""));
        assertEquals("account must not be blank", refused(" \t "));
        assertEquals("account must not have leading or trailing white space: '****' (4 chars)", refused(" abc"));
        String longId = "13812345678".repeat(20);
        String m = refused(longId);
        assertEquals("account is longer than 200 characters: '13****78' (220 chars)", m);
        assertThrows(NullPointerException.class, () -> Ids.requireId(null, "account"));
    }

    /**
     * Excel and web pages pad values with a no-break space (U+00A0), which Character.isWhitespace does not
     * count: "C001\u00A0" would be a second customer beside "C001", with no error.
     */
    @Test
    void refusesNoBreakSpacesAndInvisibleCharactersAroundAnId() {
        assertEquals("account must not have leading or trailing white space: 'C0****1?' (10 chars)",
                refused("C00000001\u00A0"));
        assertEquals("account must not be blank", refused("\u00A0"));
        assertEquals("account must not be blank", refused("\u202F\u2007"));
        assertTrue(refused("\uFEFFC00000001").contains("leading or trailing"), "a byte order mark in front");
        assertTrue(refused("C00000001\u200B").contains("leading or trailing"), "a zero-width space behind");
        // inside an id they stay allowed, like an ordinary space
        assertEquals("a\u00A0b", Ids.requireId("a\u00A0b", "account"));
    }

    @Test
    void textAllowsBlankAndLineBreaksButNotNulSurrogatesOrLength() {
        assertEquals("", Ids.requireText("", "note", 500));
        assertEquals("line 1\nline 2", Ids.requireText("line 1\nline 2", "note", 500));
        assertEquals("note must not contain NUL (at index 1): '****' (3 chars)",
                assertThrows(IllegalArgumentException.class, () -> Ids.requireText("a\0b", "note", 500)).getMessage());
        assertEquals("note is longer than 500 characters: 'xx****xx' (501 chars)",
                assertThrows(IllegalArgumentException.class,
                        () -> Ids.requireText("x".repeat(501), "note", 500)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ids.requireText("a\uD800", "note", 500));
    }

    @Test
    void coreValuesUseIt() {
        assertThrows(IllegalArgumentException.class, () -> CustomerKey.of("c\uD800"));
        assertThrows(IllegalArgumentException.class, () -> CustomerKey.of("c".repeat(201)));
        assertThrows(IllegalArgumentException.class, () -> new Store("s\0", "name", new GeoPoint(0, 0)));
    }
}
