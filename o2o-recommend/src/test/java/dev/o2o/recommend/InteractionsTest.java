package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionsTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Interaction e(String c, String i, double w) {
        return new Interaction(c, i, T, w);
    }

    @Test
    void internsInFirstAppearanceOrderAndSumsDuplicates() {
        Interactions x = Interactions.of(List.of(e("u1", "b", 1), e("u2", "a", 2), e("u1", "a", 1), e("u1", "b", 2.5)));
        assertEquals(2, x.customerCount());
        assertEquals(2, x.itemCount());
        assertEquals(3, x.pairCount());
        assertEquals("u1", x.customerId(0));
        assertEquals("b", x.itemId(0));
        assertEquals("a", x.itemId(1));
        assertEquals(3.5, x.weight("u1", "b"));
        assertEquals(1.0, x.weight("u1", "a"));
        assertEquals(2.0, x.weight("u2", "a"));
        assertEquals(0.0, x.weight("u2", "b"));
        assertFalse(x.contains("u2", "b"));
        assertTrue(x.contains("u2", "a"));
        assertEquals(-1, x.customerIndex("nobody"));
        // CSR rows sorted by item index; CSC columns by customer index
        assertArrayEquals(new int[] {0, 2, 3}, x.rowPtr);
        assertArrayEquals(new int[] {0, 1, 1}, x.rowItems);
        assertArrayEquals(new double[] {3.5, 1.0, 2.0}, x.rowWeights);
        assertArrayEquals(new int[] {0, 1, 3}, x.colPtr);
        assertArrayEquals(new int[] {0, 0, 1}, x.colCustomers);
        assertArrayEquals(new double[] {3.5, 1.0, 2.0}, x.colWeights);
    }

    @Test
    void emptyInputIsRefused() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Interactions.of(List.of()));
        assertTrue(ex.getMessage().contains("empty"), ex.getMessage());
    }

    @Test
    void badEventsAreRefusedWithTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e("u", "i", -1)).getMessage().contains("weight"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e("u", "i", Double.NaN)).getMessage()
                .contains("weight"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e(" u", "i", 1)).getMessage()
                .contains("customer"));
        assertThrows(NullPointerException.class, () -> new Interaction("u", "i", null, 1));
    }

    @Test
    void aPairWhoseSummedWeightOverflowsIsRefused() {
        // each event is finite; their sum was kept as Infinity and became popularity's score
        assertEquals("the weights of customer 'u1' and item 'a' sum to Infinity over their events",
                assertThrows(IllegalArgumentException.class, () -> Interactions.of(List.of(
                        e("u1", "a", 1e308), e("u2", "b", 1), e("u1", "a", 1e308)))).getMessage());
    }

    @Test
    void anItemWhoseTotalWeightOverflowsIsRefusedByPopularity() {
        Interactions x = Interactions.of(List.of(e("u1", "a", 1e308), e("u2", "b", 1), e("u2", "a", 1e308)));
        assertEquals("popularity: the total weight of item 'a' over all customers overflows to Infinity",
                assertThrows(IllegalArgumentException.class, () -> Recommender.popularity().fit(x)).getMessage());
    }

    /**
     * The builder doubled its arrays: at 2^30 events the next length was negative and the next
     * event failed with NegativeArraySizeException. It now grows to the largest array and then
     * says that the builder is full, naming the limit (tested on the growth step itself: the
     * arrays of a real 2^30 events would take gigabytes).
     */
    @Test
    void builderGrowthStopsAtTheLargestArrayWithAClearError() {
        assertEquals(2048, Interactions.Builder.grown(1024));
        assertEquals(Integer.MAX_VALUE - 8, Interactions.Builder.grown(1 << 30));
        assertEquals(Integer.MAX_VALUE - 8, Interactions.Builder.grown(Integer.MAX_VALUE - 9));
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> Interactions.Builder.grown(Integer.MAX_VALUE - 8));
        assertEquals("the builder holds the most events it can: 2147483639", full.getMessage());
    }
}
