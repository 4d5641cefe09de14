package dev.o2o.core.profile;

import static dev.o2o.core.profile.ProfileFixtures.ALICE;
import static dev.o2o.core.profile.ProfileFixtures.APP;
import static dev.o2o.core.profile.ProfileFixtures.STORE;
import static dev.o2o.core.profile.ProfileFixtures.day;
import static dev.o2o.core.profile.ProfileFixtures.order;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Orders count once by id (#23), and a state survives its stored form unchanged. */
class ProfileIdempotencyTest {

    static final Instant AS_OF = Instant.parse("2026-04-04T08:00:00Z");

    @Test
    void theSameOrderTwiceCountsOnce() {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults());
        Order o = order("o1", ALICE, STORE, "S1", day(2, 12), "100.00", OrderStatus.COMPLETED, "0");
        s.add(o);
        s.add(o);
        // a second row with the same id (as a duplicated line in an order file would give)
        s.add(order("o1", ALICE, APP, null, day(3, 12), "100.00", OrderStatus.COMPLETED, "0"));
        CustomerProfile p = s.profile(AS_OF);
        assertEquals(1, p.orders());
        assertEquals(Money.of("100.00", "CNY"), p.spend());
        assertTrue(s.hasOrder("o1"));
        assertFalse(s.hasOrder("o2"));
        assertFalse(s.addIfNew(o));
        assertTrue(s.addIfNew(order("o2", ALICE, APP, null, day(4, 12), "30.00", OrderStatus.COMPLETED, "0")));
        assertEquals(Money.of("130.00", "CNY"), s.profile(AS_OF).spend());
    }

    @Test
    void aBookCountsAnOrderOnceAndRefusesToMergeProfilesSharingOne() {
        ProfileBook book = new ProfileBook(ProfileConfig.defaults());
        Order o = order("o1", ALICE, STORE, "S1", day(2, 12), "100.00", OrderStatus.COMPLETED, "0");
        assertTrue(book.addIfNew(o));
        book.add(o);
        assertEquals(1, book.profile(ALICE, AS_OF).orElseThrow().orders());
        assertTrue(book.hasOrder(ALICE, "o1"));

        CustomerKey bob = CustomerKey.of("bob");
        book.add(order("o1", bob, STORE, "S1", day(2, 12), "100.00", OrderStatus.COMPLETED, "0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> book.mergeCustomers(bob, ALICE));
        assertTrue(e.getMessage().contains("'o1'"), e.getMessage());
        // nothing changed
        assertEquals(1, book.profile(ALICE, AS_OF).orElseThrow().orders());
        assertEquals(1, book.profile(bob, AS_OF).orElseThrow().orders());
        assertEquals(2, book.size());
    }

    @Test
    void aStateReadBackFromItsStoredFormIsTheSameState() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int round = 0; round < 30; round++) {
            ProfileState s = ProfileStateTest.build(ProfileStateTest.randomEvents(rnd, rnd.nextInt(60)));
            ProfileState back = ProfileState.decode(ALICE, s.config(), s.encode());
            assertEquals(s.profile(AS_OF), back.profile(AS_OF));
            assertArrayEquals(s.encode(), back.encode());
        }
        byte[] bytes = ProfileStateTest.alice().encode();
        assertThrows(IllegalArgumentException.class, () -> ProfileState.decode(ALICE, ProfileConfig.defaults(),
                java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> ProfileState.decode(ALICE, ProfileConfig.defaults(),
                java.util.Arrays.copyOf(bytes, bytes.length + 1)));
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> ProfileState.decode(ALICE, ProfileConfig.defaults(), otherFormat));
        assertEquals(List.of(), ProfileStore.inMemory(ProfileConfig.defaults()).customers());
    }
}
