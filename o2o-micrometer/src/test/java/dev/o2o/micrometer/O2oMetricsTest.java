package dev.o2o.micrometer;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityLink;
import dev.o2o.loyalty.coupon.CouponLimits;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.ReasonCode;
import dev.o2o.loyalty.coupon.RedemptionRequest;
import dev.o2o.loyalty.coupon.Violation;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class O2oMetricsTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private static double count(SimpleMeterRegistry registry, String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long timed(SimpleMeterRegistry registry, String store, String operation) {
        var timer = registry.find(O2oMetrics.STORE_LATENCY).tags("store", store, "operation", operation,
                "outcome", "success").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void postingsAndRefusalsOfTheLedger() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PointsLedger ledger = PointsLedger.create(O2oMetrics.ledgerStore(LedgerStore.inMemory(), registry),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn(CustomerKey.of("m1"), 300, "order-1", Optional.empty()))
                .status());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.redeem(CustomerKey.of("m1"), 120, "order-2")).status());
        assertEquals(PostingResult.Status.REPLAYED, ledger.post(Posting.redeem(CustomerKey.of("m1"), 120, "order-2")).status());
        PostingResult tooMuch = ledger.post(Posting.redeem(CustomerKey.of("m1"), 1_000, "order-3"));
        assertEquals(PostingResult.Status.INSUFFICIENT_POINTS, tooMuch.status());
        assertEquals(tooMuch.status(), ledger.post(Posting.redeem(CustomerKey.of("m1"), 1_000, "order-3")).status());

        assertEquals(1, count(registry, O2oMetrics.POINTS_POSTINGS, "type", "EARN"));
        assertEquals(1, count(registry, O2oMetrics.POINTS_POSTINGS, "type", "REDEEM"));
        assertEquals(1, count(registry, O2oMetrics.POINTS_REFUSALS, "reason", "INSUFFICIENT_POINTS"),
                "the replayed refusal is not counted twice");
        assertTrue(timed(registry, "ledger", "inTransaction") >= 5, "every posting ran a timed transaction");
        assertEquals(180, ledger.balance(CustomerKey.of("m1")).available());
    }

    @Test
    void redemptionsRefusalsAndRollbacksOfCoupons() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CouponStore store = O2oMetrics.couponStore(CouponStore.inMemory(), registry);
        store.register(CouponLimits.none("c10"));
        CustomerKey alice = CustomerKey.of("alice");
        assertTrue(store.issue("A1", "c10", alice, NOW));
        Money ten = Money.of("10.00", "CNY");
        assertTrue(store.redeem(RedemptionRequest.online("k1", "A1", alice, "o1", ten, NOW)).isSuccess());
        assertTrue(store.redeem(RedemptionRequest.online("k1", "A1", alice, "o1", ten, NOW)).replayed());
        assertEquals(Optional.of(ReasonCode.ALREADY_REDEEMED),
                store.redeem(RedemptionRequest.online("k2", "A1", alice, "o2", ten, NOW)).reason());
        store.refuse(RedemptionRequest.online("k3", "A1", alice, "o3", ten, NOW),
                new Violation(ReasonCode.MIN_SPEND_NOT_REACHED, "spend 150 to use it"));
        assertTrue(store.rollback("k1", NOW.plusSeconds(60)).isSuccess());
        store.rollback("k1", NOW.plusSeconds(61));

        assertEquals(1, count(registry, O2oMetrics.COUPON_REDEMPTIONS));
        assertEquals(1, count(registry, O2oMetrics.COUPON_REFUSALS, "reason", "ALREADY_REDEEMED", "source", "store"));
        assertEquals(1, count(registry, O2oMetrics.COUPON_REFUSALS, "reason", "MIN_SPEND_NOT_REACHED",
                "source", "validation"));
        assertEquals(1, count(registry, O2oMetrics.COUPON_ROLLBACKS), "the replayed roll-back is not counted");
        assertEquals(3, timed(registry, "coupons", "redeem"));
        assertEquals(1, timed(registry, "coupons", "issue"));
    }

    @Test
    void identityMerges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IdentityMetrics metrics = O2oMetrics.identity(registry);
        IdentityGraph graph = IdentityGraph.create();
        metrics.record(graph.addLink(IdentityLink.of(Identifier.phone("13812345678"), Identifier.memberCard("M-1"),
                NOW, "pos")));
        metrics.recordAll(graph.addLinks(List.of(
                IdentityLink.of(Identifier.deviceId("d9"), Identifier.appUserId("u42"), NOW, "login"),
                IdentityLink.of(Identifier.appUserId("u42"), Identifier.phone("13812345678"), NOW, "coupon"),
                IdentityLink.of(Identifier.appUserId("u42"), Identifier.phone("13812345678"), NOW, "again"))));
        assertEquals(3, count(registry, O2oMetrics.IDENTITY_MERGES));
        assertEquals(3, count(registry, O2oMetrics.IDENTITY_LINKS, "result", "MERGED"));
        assertEquals(1, count(registry, O2oMetrics.IDENTITY_LINKS, "result", "DUPLICATE"));
    }

    @Test
    void noTagCarriesAnIdentifier() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PointsLedger ledger = PointsLedger.create(O2oMetrics.ledgerStore(LedgerStore.inMemory(), registry),
                Clock.fixed(NOW, ZoneOffset.UTC));
        ledger.post(Posting.earn(CustomerKey.of("member-13812345678"), 10, "order-secret", Optional.empty()));
        for (Meter m : registry.getMeters()) {
            String id = m.getId().toString();
            assertFalse(id.contains("13812345678") || id.contains("secret"), id);
        }
    }
}
