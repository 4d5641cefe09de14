package dev.o2o.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.loyalty.points.Balance;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import dev.o2o.risk.velocity.VelocityConfig;
import dev.o2o.risk.velocity.VelocityEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskGuardTest {
    @Test
    void velocityRulesStopTheThirdEarningOfADeviceAndTheAuditListenerSeesIt() {
        VelocityEngine engine = VelocityEngine.parse("""
                EARN_BURST: count of points_earn by device over 1h review 2 deny 3
                """, CustomerResolver.none(), VelocityConfig.defaults());
        List<RiskDecision> recorded = new ArrayList<>();
        RiskGuard guard = RiskGuard.of(engine, e -> Optional.of("device-1"), (e, d) -> recorded.add(d));
        Clock clock = Clock.fixed(Instant.parse("2026-07-15T10:00:00Z"), ZoneOffset.UTC);
        PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), clock, guard);
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn("a1", 10, "o1", Optional.empty())).status());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn("a2", 10, "o2", Optional.empty())).status());
        PostingResult third = ledger.post(Posting.earn("a3", 10, "o3", Optional.empty()));
        assertEquals(PostingResult.Status.RISK_DENIED, third.status());
        assertEquals("refused by the risk guard: EARN_BURST", third.message());
        assertEquals(new Balance(0, 0, 0, 0), ledger.balance("a3"));
        assertEquals(List.of(Action.REVIEW, Action.DENY), recorded.stream().map(RiskDecision::action).toList());
        assertTrue(recorded.get(1).reasons().get(0).detail().startsWith("count by device over PT1H is 3"));
    }
}
