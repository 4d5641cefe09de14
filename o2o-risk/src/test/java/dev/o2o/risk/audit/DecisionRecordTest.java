package dev.o2o.risk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.risk.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionRecordTest {

    /**
     * A record took a blank source reference and a blank operator. The source reference is what
     * {@link ReviewDesk#confirm} reverses through an {@code IdempotencyKey}, which refuses a blank
     * one: the desk first marked such a decision CONFIRMED and then failed, before the reversal and
     * the code's voiding, on every retry. Both are now ids as {@code Ids.requireId} says, as the
     * stores already require of an operator.
     */
    @Test
    void aBlankSourceReferenceOrOperatorIsRefusedByName() {
        Instant at = Instant.parse("2026-07-15T10:00:00Z");
        IllegalArgumentException ref = assertThrows(IllegalArgumentException.class,
                () -> DecisionRecord.draft(at, EventType.POINTS_EARN, "acct1", Optional.of(EntryType.EARN),
                        Optional.of(" "), Optional.empty(), Action.REVIEW, List.of(DecisionStoreConformanceTest.VELOCITY)));
        assertEquals("sourceRef must not be blank", ref.getMessage());
        DecisionRecord open = DecisionRecord.draft(at, EventType.POINTS_EARN, "acct1", Optional.of(EntryType.EARN),
                Optional.of("order-1"), Optional.empty(), Action.REVIEW, List.of(DecisionStoreConformanceTest.VELOCITY));
        IllegalArgumentException operator = assertThrows(IllegalArgumentException.class,
                () -> open.resolved(DecisionStatus.RELEASED, "", at));
        assertEquals("operator must not be blank", operator.getMessage());
    }
}
