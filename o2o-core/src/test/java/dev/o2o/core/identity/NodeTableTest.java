package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTableTest {

    private static int intern(NodeTable t, Identifier id, NodeTable.Probe p) {
        t.describe(t.typeIndex(id.type()), id.value(), p);
        int slot = t.locate(p, p.home);
        return slot >= 0 ? slot : t.insert(p, -slot - 1);
    }

    private static int lookup(NodeTable t, Identifier id, NodeTable.Probe p) {
        int type = t.typeIndexOrMinus(id.type());
        if (type < 0) {
            return -1;
        }
        t.describe(type, id.value(), p);
        int slot = t.locate(p, p.home);
        return slot >= 0 ? slot : -1;
    }

    @Test
    void internsLooksUpRehashesAndErases() {
        NodeTable t = new NodeTable(4, Map.of(IdentifierType.DEVICE_ID, 3));
        NodeTable.Probe p = new NodeTable.Probe();
        List<Identifier> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(i % 2 == 0 ? Identifier.phone("138" + i) : Identifier.email("user-with-a-long-name-" + i + "@example.com"));
        }
        ids.add(Identifier.deviceId("dev-1"));
        List<Integer> slots = new ArrayList<>();
        for (Identifier id : ids) {
            if (t.needsRoom(1)) {
                int[] moved = t.rehash(t.capacityForMore(1));
                slots.replaceAll(s -> moved[s]);
            }
            int slot = intern(t, id, p);
            slots.add(slot);
            assertEquals(slot, intern(t, id, p)); // the same identifier, the same node
        }
        assertEquals(ids.size(), t.live());
        for (int i = 0; i < ids.size(); i++) {
            int slot = slots.get(i);
            assertEquals(ids.get(i), t.identifierAt(slot));
            assertEquals(i, t.seqOf(slot));
            assertEquals(slot, t.slotOf(i));
            assertEquals(slot, lookup(t, ids.get(i), p));
            assertEquals(-1 - i, -1 - t.hot[slot * NodeTable.STRIDE + NodeTable.MIN]); // own cluster: MIN is its seq
        }
        int device = slots.get(ids.size() - 1);
        assertEquals(3, t.limit(t.typeIndex(device)));
        assertTrue(t.limited(t.typeIndex(device)));
        assertEquals(Integer.MAX_VALUE, t.limit(t.typeIndex(slots.get(0))));
        int gone = slots.get(1);
        t.erase(gone);
        assertTrue(t.isErased(gone));
        assertEquals(-1, lookup(t, ids.get(1), p));
        assertEquals(-1, t.slotOf(1));
        assertEquals(ids.size() - 1, t.live());
        // the tombstone is reused, with a new sequence number
        int again = intern(t, ids.get(1), p);
        assertEquals(ids.size(), t.seqOf(again));
        assertEquals(ids.get(1), t.identifierAt(again));
        assertEquals(-1, lookup(t, Identifier.of(IdentifierType.of("never"), "x"), p));
    }
}
