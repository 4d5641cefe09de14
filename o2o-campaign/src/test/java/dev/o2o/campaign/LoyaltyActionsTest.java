package dev.o2o.campaign;

import static dev.o2o.campaign.Fixtures.T0;
import static dev.o2o.campaign.Fixtures.c;
import static dev.o2o.campaign.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.coupon.CouponLimits;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoyaltyActionsTest {

    @Test
    void couponsAndPointsAreIssuedOnceEvenWhenTheResultWasNotRecorded() {
        CouponStore coupons = CouponStore.inMemory();
        coupons.register(CouponLimits.none("gift"));
        PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), Fixtures.CLOCK);
        ActionRunner.CouponIssuer issuer = LoyaltyActions.couponIssuer(coupons, Fixtures.CLOCK);
        ActionRunner.PointsAwarder awarder = LoyaltyActions.pointsAwarder(ledger);
        PlannedAction coupon = new PlannedAction("e1/t/0", c("a"), "camp", "t", Action.issueCoupon("gift", cny("5")));
        PlannedAction points = new PlannedAction("e1/t/1", c("a"), "camp", "t", Action.awardPoints(300, cny("3")));
        // two stores: a crash after the handler and before the record leaves the second run to repeat the handler
        List<ActionRunner.Outcome> first = ActionRunner.create(CampaignStore.inMemory(), issuer, awarder, (p, n) -> "x")
                .run(List.of(coupon, points));
        List<ActionRunner.Outcome> second = ActionRunner.create(CampaignStore.inMemory(), issuer, awarder, (p, n) -> "x")
                .run(List.of(coupon, points));
        String code = LoyaltyActions.couponCode("e1/t/0");
        assertEquals(code, first.get(0).result());
        assertEquals(code, second.get(0).result());
        assertEquals("gift", coupons.find(code).orElseThrow().couponId());
        assertEquals(c("a"), coupons.find(code).orElseThrow().customer());
        assertEquals(300, ledger.balance(CustomerKey.of("a")).available());
        assertEquals("EARN:campaign:e1/t/1", first.get(1).result());
        assertTrue(code.startsWith("CP") && code.length() == 16, code);
        assertEquals(Optional.empty(), coupons.find(LoyaltyActions.couponCode("e2/t/0")));
        assertEquals(T0, coupons.find(code).orElseThrow().issuedAt());
    }
}
