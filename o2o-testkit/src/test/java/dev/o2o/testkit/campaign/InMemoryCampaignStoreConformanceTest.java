package dev.o2o.testkit.campaign;

import dev.o2o.campaign.CampaignStore;

/** The in-memory campaign store against the conformance kit. */
class InMemoryCampaignStoreConformanceTest extends CampaignStoreConformanceTest {

    @Override
    protected CampaignStore newStore() {
        return CampaignStore.inMemory();
    }
}
