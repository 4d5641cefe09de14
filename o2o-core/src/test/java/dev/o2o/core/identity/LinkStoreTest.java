package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkStoreTest {

    /** The far ends of the half-edges hanging off {@code node}, given the list head. */
    static List<Integer> neighbours(LinkStore s, int head) {
        List<Integer> out = new ArrayList<>();
        for (int e = head; e >= 0; e = s.nextEdge(e)) {
            out.add(s.far(e));
        }
        return out;
    }

    @Test
    void threadsAdjacencyListsAndKeepsStateTimeAndEvidence() {
        LinkStore s = new LinkStore(1); // grows
        int[] head = {-1, -1, -1, -1};
        int[][] ends = {{0, 1}, {0, 2}, {3, 0}};
        for (int[] e : ends) {
            int l = s.add(e[0], e[1], head[e[0]], head[e[1]], 1000L * e[1], e[1] == 2 ? "pos" : new String("login"));
            head[e[0]] = 2 * l;
            head[e[1]] = 2 * l + 1;
        }
        assertEquals(3, s.count());
        assertEquals(3, s.live());
        assertEquals(List.of(3, 2, 1), neighbours(s, head[0])); // newest first
        assertEquals(List.of(0), neighbours(s, head[1]));
        assertEquals(List.of(0), neighbours(s, head[3]));
        assertEquals(3, s.a(2));
        assertEquals(0, s.b(2));
        assertEquals(2000L, s.millis(1));
        assertEquals("pos", s.evidence(1));
        assertEquals("login", s.evidence(2)); // equal kinds are interned by value
        s.setState(1, LinkStore.SUPPRESSED);
        assertEquals(LinkStore.SUPPRESSED, s.state(1));
        assertEquals(2, s.b(1)); // the state does not disturb the node
        assertEquals(3, s.live());
        s.setState(1, LinkStore.REMOVED);
        s.setState(1, LinkStore.REMOVED);
        assertEquals(2, s.live());
        s.rename(new int[] {5, 6, 7, 8});
        assertEquals(List.of(8, 7, 6), neighbours(s, head[0]));
        s.forget(1);
        assertEquals(0, s.a(1));
        assertEquals(0, s.b(1));
        assertEquals(0L, s.millis(1));
        assertEquals(LinkStore.REMOVED, s.state(1));
    }
}
