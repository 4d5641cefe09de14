package dev.o2o.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A graph over a store whose write fails stops answering until it is opened again. */
class StoredIdentityGraphTest {

    /** An in-memory store whose link writes fail while {@code failing} is set. */
    static final class FailingStore implements IdentityStore {
        final IdentityStore inner = IdentityStore.inMemory();
        boolean failing;

        @Override
        public void addIdentifiers(List<Identifier> identifiers) {
            inner.addIdentifiers(identifiers);
        }

        @Override
        public void addLinks(List<IdentityLink> links, List<MergeEvent> merges) {
            if (failing) {
                throw new IllegalStateException("database down");
            }
            inner.addLinks(links, merges);
        }

        @Override
        public int removeLinks(Identifier a, Identifier b) {
            return inner.removeLinks(a, b);
        }

        @Override
        public void erase(ClusterErasure erasure, List<Identifier> identifiers) {
            inner.erase(erasure, identifiers);
        }

        @Override
        public List<Identifier> identifiers() {
            return inner.identifiers();
        }

        @Override
        public List<IdentityLink> links() {
            return inner.links();
        }

        @Override
        public List<MergeEvent> mergeHistory() {
            return inner.mergeHistory();
        }

        @Override
        public List<ClusterErasure> erasures() {
            return inner.erasures();
        }
    }

    @Test
    void aFailedStoreWriteMakesTheGraphRefuseUntilItIsOpenedAgain() {
        FailingStore store = new FailingStore();
        IdentityGraph g = IdentityGraph.open(store, IdentityConfig.defaults());
        Identifier phone = Identifier.phone("13812345678");
        Identifier card = Identifier.memberCard("M-1");
        Identifier app = Identifier.appUserId("u-1");
        assertEquals(LinkResult.MERGED, g.addLink(IdentityLink.of(phone, card, Instant.EPOCH, "scan")));
        store.failing = true;
        assertThrows(IllegalStateException.class, () -> g.addLink(IdentityLink.of(card, app, Instant.EPOCH, "login")));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> g.resolve(phone));
        assertEquals(true, refused.getMessage().contains("open the graph from the store again"), refused.getMessage());
        store.failing = false;
        // opened again: what the store kept, without the link whose write failed
        IdentityGraph again = IdentityGraph.open(store, IdentityConfig.defaults());
        assertEquals(again.resolve(phone), again.resolve(card));
        assertEquals(java.util.Optional.empty(), again.resolve(app));
        assertEquals(1, again.mergeHistory().size());
    }
}
