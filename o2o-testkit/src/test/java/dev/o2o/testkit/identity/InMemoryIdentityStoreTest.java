package dev.o2o.testkit.identity;

import dev.o2o.core.identity.IdentityStore;

/** The identity store kit on the in-memory store. */
class InMemoryIdentityStoreTest extends IdentityStoreConformanceTest {

    @Override
    protected IdentityStore newStore() {
        return IdentityStore.inMemory();
    }
}
