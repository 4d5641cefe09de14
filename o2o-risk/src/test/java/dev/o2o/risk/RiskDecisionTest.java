package dev.o2o.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskDecisionTest {
    static final Reason REVIEW = new Reason("BURST", Action.REVIEW, "device", 4, 3, "count is 4", true);
    static final Reason DENY = new Reason("FARM", Action.DENY, "customer", 6, 5, "count is 6", true);

    /**
     * The reasons are documented strongest first, and the verdict takes the first one's code, but
     * the constructor took them in any order: new RiskDecision(DENY, [review, deny]) gave a DENY
     * verdict with the REVIEW reason's code BURST and message.
     */
    @Test
    void reasonsOutOfOrderAreRefusedSoThatTheVerdictNamesTheStrongest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RiskDecision(Action.DENY, List.of(REVIEW, DENY)));
        assertEquals("reasons must be strongest first: DENY reason FARM (index 1) follows a REVIEW one",
                e.getMessage());
        assertEquals("FARM", RiskDecision.of(List.of(REVIEW, DENY)).verdict().reason());
        assertEquals("FARM", new RiskDecision(Action.DENY, List.of(DENY, REVIEW)).verdict().reason());
    }
}
