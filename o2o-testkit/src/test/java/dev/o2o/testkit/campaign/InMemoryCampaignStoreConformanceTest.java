package dev.o2o.testkit.campaign;

import dev.o2o.campaign.CampaignStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Nested;

/** The in-memory campaign store against the conformance kit. */
class InMemoryCampaignStoreConformanceTest extends CampaignStoreConformanceTest {

    @Override
    protected CampaignStore newStore() {
        return CampaignStore.inMemory();
    }

    /**
     * A store that keeps the defaults of {@link CampaignStore#reserveAndDecide} (reserve call by
     * call, then save the decision) and {@link CampaignStore#claimAndDecide}, as a third-party store
     * would: the kit holds for it too.
     */
    @Nested
    class WithTheDefaultReserveAndDecide extends CampaignStoreConformanceTest {
        @Override
        protected CampaignStore newStore() {
            CampaignStore inner = CampaignStore.inMemory();
            return (CampaignStore) Proxy.newProxyInstance(CampaignStore.class.getClassLoader(),
                    new Class<?>[] {CampaignStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("reserveAndDecide") || method.getName().equals("claimAndDecide")) {
                            return InvocationHandler.invokeDefault(proxy, method, args);
                        }
                        try {
                            return method.invoke(inner, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
