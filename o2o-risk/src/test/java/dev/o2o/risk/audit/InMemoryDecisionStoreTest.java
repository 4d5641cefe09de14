package dev.o2o.risk.audit;

class InMemoryDecisionStoreTest extends DecisionStoreConformanceTest {
    @Override
    protected DecisionStore newStore() {
        return DecisionStore.inMemory();
    }
}
