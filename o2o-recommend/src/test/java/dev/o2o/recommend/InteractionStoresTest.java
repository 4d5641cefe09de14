package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stores kept per (customer, item) and named by explanations. */
class InteractionStoresTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Interaction e(String c, String i, long s) {
        return Interaction.of(c, i, T.plusSeconds(s));
    }

    static Interaction at(String c, String i, long s, String store) {
        return e(c, i, s).withStore(store);
    }

    /** u1 bought x at s1 (t 1), s0 (t 3), s2 (t 5, latest) and online (t 9); y at s9 and s3 at t 4; z online. */
    static List<Interaction> events() {
        List<Interaction> ev = new ArrayList<>();
        ev.add(at("u1", "x", 1, "s1"));
        ev.add(at("u1", "x", 5, "s2"));
        ev.add(at("u1", "x", 3, "s0"));
        ev.add(e("u1", "x", 9));
        ev.add(at("u1", "y", 4, "s9"));
        ev.add(at("u1", "y", 4, "s3"));
        ev.add(e("u1", "z", 2));
        // u2 bought x at s7 most recently; others give the item-item structure
        ev.add(at("u2", "x", 8, "s7"));
        ev.add(at("u2", "x", 2, "s8"));
        ev.add(e("u2", "w", 2));
        ev.add(e("u3", "x", 1));
        ev.add(e("u3", "w", 1));
        ev.add(e("u3", "y", 1));
        ev.add(e("u4", "z", 1));
        ev.add(e("u4", "w", 1));
        return ev;
    }

    @Test
    void keepsTheStoreOfTheMostRecentEventThatNamedOne() {
        Interactions x = Interactions.of(events());
        // latest with a store is s2 at t 5; the later online event (t 9) does not erase it
        assertEquals(Optional.of("s2"), x.store("u1", "x"));
        // same instant: lowest store id
        assertEquals(Optional.of("s3"), x.store("u1", "y"));
        assertEquals(Optional.empty(), x.store("u1", "z"));
        assertEquals(Optional.of("s7"), x.store("u2", "x"));
        assertEquals(Optional.empty(), x.store("u3", "x"));
        assertEquals(Optional.empty(), x.store("nobody", "x"));
        assertEquals(Optional.empty(), x.store("u1", "unknown"));
        // duplicates are still summed as before
        assertEquals(4.0, x.weight("u1", "x"));
    }

    @Test
    void noStoreAnywhereGivesEmpty() {
        Interactions x = Interactions.of(List.of(e("a", "x", 1), e("a", "y", 2), e("b", "x", 3)));
        assertEquals(Optional.empty(), x.store("a", "x"));
        Model m = Recommender.itemKnn(5, 0).fit(x);
        List<Contribution> why = m.explain("a", "x", 5);
        assertEquals(2, why.size());
        for (Contribution c : why) {
            assertEquals(Optional.empty(), c.store(), c.historyItem());
            assertEquals(new Contribution(c.historyItem(), c.contribution()), c);
        }
    }

    @Test
    void interactionValidatesItsStore() {
        assertThrows(IllegalArgumentException.class, () -> e("a", "x", 1).withStore(" s"));
        assertThrows(NullPointerException.class, () -> new Interaction("a", "x", T, 1, null));
        assertEquals(Optional.empty(), e("a", "x", 1).store());
        assertEquals(new Interaction("a", "x", T, 1, Optional.empty()), new Interaction("a", "x", T, 1));
    }

    @Test
    void explanationsNameTheStoreForNeighbourhoodAndEase() {
        Interactions x = Interactions.of(events());
        for (Model m : List.of(Recommender.itemKnn(10, 0).fit(x), Recommender.ease(1.0).fit(x))) {
            List<Contribution> why = m.explain("u1", "w", 3);
            assertEquals(3, why.size(), m.toString());
            for (Contribution c : why) {
                assertEquals(x.store("u1", c.historyItem()), c.store(), c.historyItem());
            }
            assertEquals(Optional.of("s2"), find(why, "x").store());
            assertEquals(Optional.of("s3"), find(why, "y").store());
            assertEquals(Optional.empty(), find(why, "z").store());
        }
    }

    private static Contribution find(List<Contribution> why, String item) {
        return why.stream().filter(c -> c.historyItem().equals(item)).findFirst().orElseThrow();
    }

    @Test
    void serialisationKeepsTheStores() throws Exception {
        Interactions x = Interactions.of(events());
        Interactions copy = roundTrip(x);
        assertEquals(Optional.of("s2"), copy.store("u1", "x"));
        assertEquals(Optional.of("s3"), copy.store("u1", "y"));
        assertEquals(Optional.empty(), copy.store("u1", "z"));
        Model m = Recommender.itemKnn(10, 0).fit(x);
        Model mc = roundTrip(m);
        assertEquals(m.explain("u1", "w", 3), mc.explain("u1", "w", 3));
        Interactions none = roundTrip(Interactions.of(List.of(e("a", "x", 1))));
        assertEquals(Optional.empty(), none.store("a", "x"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void ordersGiveTheirStore() {
        OrderLine line = new OrderLine("sku1", "cat", 2, Money.of("3.00", "EUR"));
        Order inStore = Order.completed("o1", CustomerKey.of("c1"), Channel.offline("pos"), Optional.of("st1"), T,
                List.of(line), Money.of("0.00", "EUR"));
        Order online = Order.completed("o2", CustomerKey.of("c1"), Channel.online("web"), Optional.empty(), T,
                List.of(line), Money.of("0.00", "EUR"));
        List<Interaction> ev = InteractionSources.productsFromOrders(List.of(inStore, online));
        assertEquals(Optional.of("st1"), ev.get(0).store());
        assertEquals(Optional.empty(), ev.get(1).store());
        assertEquals(Optional.of("st1"), InteractionSources.storesFromOrders(List.of(inStore)).get(0).store());
    }
}
