package dev.o2o.testkit.profile;

import dev.o2o.core.profile.ProfileStore;

/** The profile store kit on the in-memory store. */
class InMemoryProfileStoreTest extends ProfileStoreConformanceTest {

    @Override
    protected ProfileStore newStore() {
        return ProfileStore.inMemory(CONFIG);
    }
}
