package dev.o2o.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptedStoreTest {

    static final CustomerKey A = CustomerKey.of("a");
    static final CustomerKey B = CustomerKey.of("b");

    @Test
    void eachCallRunsItsOwnFunctionAndReturnsItsChange() {
        List<String> calls = new ArrayList<>();
        CustomerDataStore s = CustomerDataStore.of("codes",
                m -> {
                    calls.add("merge " + m.mergeId() + " " + m.absorbed().value() + ">" + m.survivor().value());
                    return new StoreChange("codes", false, Map.of("moved", 3L));
                },
                (m, to) -> {
                    calls.add("unmerge " + m.mergeId() + " to " + to.value());
                    return new StoreChange("codes", true, Map.of("moved", 0L));
                },
                (c, r) -> {
                    calls.add("erase " + c.value() + " as " + r.value());
                    return new StoreChange("codes", false, Map.of("moved", 1L));
                });
        CustomerMerge m = new CustomerMerge("m1", A, B);
        assertEquals("codes", s.name());
        assertEquals(3, s.merge(m).count("moved"));
        assertTrue(s.unmerge(m, A).replayed());
        assertEquals(1, s.erase(A, B).count("moved"));
        assertEquals(List.of("merge m1 a>b", "unmerge m1 to a", "erase a as b"), calls);
    }

    @Test
    void aChangeReportedUnderAnotherNameOrNullArgumentsAreRefused() {
        StoreChange other = new StoreChange("points", false, Map.of());
        CustomerDataStore s = CustomerDataStore.of("codes", m -> other, (m, to) -> other, (c, r) -> other);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.erase(A, B));
        assertEquals("store codes reported its change as points", e.getMessage());
        assertThrows(NullPointerException.class, () -> s.merge(null));
        assertThrows(NullPointerException.class, () -> s.unmerge(new CustomerMerge("m1", A, B), null));
        assertThrows(NullPointerException.class, () -> s.erase(A, null));
        assertThrows(IllegalArgumentException.class, () -> CustomerDataStore.of(" ", m -> other, (m, to) -> other,
                (c, r) -> other));
    }
}
