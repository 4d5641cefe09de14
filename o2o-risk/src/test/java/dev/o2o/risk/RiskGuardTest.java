package dev.o2o.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.loyalty.coupon.Cart;
import dev.o2o.loyalty.coupon.CodeState;
import dev.o2o.loyalty.coupon.CouponCodes;
import dev.o2o.loyalty.coupon.Coupon;
import dev.o2o.loyalty.coupon.CouponService;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.CustomerContext;
import dev.o2o.loyalty.coupon.Discount;
import dev.o2o.loyalty.coupon.ReasonCode;
import dev.o2o.loyalty.coupon.StoreOutcome;
import dev.o2o.loyalty.coupon.ValidationOptions;
import dev.o2o.loyalty.guard.GuardEvent;
import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.loyalty.points.Balance;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import dev.o2o.risk.audit.DecisionRecord;
import dev.o2o.risk.audit.DecisionStatus;
import dev.o2o.risk.audit.DecisionStore;
import dev.o2o.risk.audit.ReviewDesk;
import dev.o2o.risk.velocity.VelocityConfig;
import dev.o2o.risk.velocity.VelocityEngine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskGuardTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-07-15T10:00:00Z"), ZoneOffset.UTC);
    final DecisionStore audit = DecisionStore.inMemory();

    @Test
    void velocityRulesStopTheThirdEarningOfADeviceAndConfirmingTheReviewReversesItsPoints() {
        VelocityEngine engine = VelocityEngine.parse("EARN_BURST: count of points_earn by device over 1h review 2 deny 3",
                CustomerResolver.none(), VelocityConfig.defaults());
        RiskGuard guard = RiskGuard.of(engine, e -> Optional.of("device-1"), audit);
        PointsLedger ledger = PointsLedger.create(LedgerStore.inMemory(), clock, guard);
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn(CustomerKey.of("a1"), 10, "o1", Optional.empty())).status());
        assertEquals(PostingResult.Status.POSTED, ledger.post(Posting.earn(CustomerKey.of("a2"), 10, "o2", Optional.empty())).status());
        PostingResult third = ledger.post(Posting.earn(CustomerKey.of("a3"), 10, "o3", Optional.empty()));
        assertEquals(PostingResult.Status.RISK_DENIED, third.status());
        assertEquals("refused by the risk guard: EARN_BURST", third.message());
        assertEquals(new Balance(0, 0, 0, 0), ledger.balance(CustomerKey.of("a3")));

        List<DecisionRecord> open = audit.open(10);
        assertEquals(1, open.size());
        DecisionRecord review = open.get(0);
        assertEquals("a2", review.identifier());
        assertEquals(Action.REVIEW, review.action());
        assertEquals(2, review.reasons().get(0).value());
        assertEquals(DecisionStatus.DENIED, audit.find(review.id() + 1).orElseThrow().status());

        ReviewDesk desk = ReviewDesk.of(audit, ledger, clock);
        ReviewDesk.Confirmation c = desk.confirm(review.id(), "op1");
        assertEquals(DecisionStatus.CONFIRMED, c.decision().status());
        assertEquals(PostingResult.Status.POSTED, c.reversal().orElseThrow().status());
        assertEquals(0, ledger.balance(CustomerKey.of("a2")).total());
        assertEquals(10, ledger.balance(CustomerKey.of("a1")).total());
        // again: nothing more happens
        ReviewDesk.Confirmation again = desk.confirm(review.id(), "op2");
        assertEquals(PostingResult.Status.REPLAYED, again.reversal().orElseThrow().status());
        assertEquals(Optional.of("op1"), again.decision().operator());
        assertEquals(0, ledger.balance(CustomerKey.of("a2")).total());
        assertTrue(ledger.check(CustomerKey.of("a2")).holds());
    }

    @Test
    void aConfirmedRedemptionVoidsItsCodeAndAReleasedOneDoesNot() {
        VelocityEngine engine = VelocityEngine.parse("CLERK_REDEMPTIONS: count of coupon_redemption by clerk over 1h review 1",
                CustomerResolver.none(), VelocityConfig.defaults());
        RiskGuard guard = RiskGuard.of(engine, e -> Optional.empty(), audit);
        CouponStore coupons = CouponStore.inMemory();
        Coupon five = Coupon.builder("five", new Discount.FixedAmount(Money.of("5", "CNY"))).build();
        CouponService service = CouponService.create(List.of(five), coupons, clock, ValidationOptions.defaults(), guard);
        CouponCodes gen = CouponCodes.generator(new SecureRandom());
        String c1 = gen.next();
        String c2 = gen.next();
        CustomerKey alice = CustomerKey.of("alice");
        coupons.issue(c1, "five", alice, clock.instant());
        coupons.issue(c2, "five", alice, clock.instant());
        Cart cart = Cart.of(new OrderLine("tea", "drinks", 2, Money.of("15.00", "CNY")));
        CustomerContext ctx = CustomerContext.of(alice, Channel.offline("pos")).atStore("S1");
        assertTrue(service.redeemAtStore("k1", c1, "o1", cart, ctx, "clerk1").isSuccess());
        assertTrue(service.redeemAtStore("k2", c2, "o2", cart, ctx, "clerk1").isSuccess());
        List<DecisionRecord> open = audit.open(10);
        assertEquals(2, open.size());
        assertEquals(Optional.of(c1), open.get(0).code());

        ReviewDesk desk = ReviewDesk.of(audit, PointsLedger.create(LedgerStore.inMemory(), clock), clock);
        assertTrue(desk.confirm(open.get(0).id(), "op1").codeVoided());
        assertFalse(desk.confirm(open.get(0).id(), "op1").codeVoided());
        assertEquals(DecisionStatus.RELEASED, desk.release(open.get(1).id(), "op1").status());
        assertTrue(audit.isVoided(c1));
        assertFalse(audit.isVoided(c2));
        // after a refund the voided code cannot be verified or redeemed again
        assertTrue(service.rollback("k1").isSuccess());
        StoreOutcome v = service.verifyAtStore(c1, "S1", "clerk2");
        assertEquals(Optional.of(ReasonCode.RISK_DENIED), v.reason());
        assertTrue(v.failure().get().message().endsWith(RiskGuard.CODE_VOIDED));
    }

    @Test
    void aDeskWithTheCouponStoreVoidsConfirmedCodesThereAndARedeemedCodeStaysRedeemed() {
        VelocityEngine engine = VelocityEngine.parse(
                "CLERK_CODES: count of store_verification,coupon_redemption by clerk over 1h review 1",
                CustomerResolver.none(), VelocityConfig.defaults());
        RiskGuard guard = RiskGuard.of(engine, e -> Optional.empty(), audit);
        CouponStore coupons = CouponStore.inMemory();
        Coupon five = Coupon.builder("five", new Discount.FixedAmount(Money.of("5", "CNY"))).build();
        CouponService service = CouponService.create(List.of(five), coupons, clock, ValidationOptions.defaults(), guard);
        CouponCodes gen = CouponCodes.generator(new SecureRandom());
        String verified = gen.next();
        String redeemed = gen.next();
        CustomerKey alice = CustomerKey.of("alice");
        coupons.issue(verified, "five", alice, clock.instant());
        coupons.issue(redeemed, "five", alice, clock.instant());
        Cart cart = Cart.of(new OrderLine("tea", "drinks", 2, Money.of("15.00", "CNY")));
        CustomerContext ctx = CustomerContext.of(alice, Channel.offline("pos")).atStore("S1");
        // a REVIEW lets both through and records them
        assertTrue(service.verifyAtStore(verified, "S1", "clerk1").isSuccess());
        assertTrue(service.redeemAtStore("k1", redeemed, "o1", cart, ctx, "clerk1").isSuccess());
        List<DecisionRecord> open = audit.open(10);
        assertEquals(List.of(Optional.of(verified), Optional.of(redeemed)), open.stream().map(DecisionRecord::code).toList());

        ReviewDesk desk = ReviewDesk.of(audit, PointsLedger.create(LedgerStore.inMemory(), clock), coupons, clock);
        ReviewDesk.Confirmation first = desk.confirm(open.get(0).id(), "op1");
        assertTrue(first.codeVoided());
        StoreOutcome voided = first.storeVoid().orElseThrow();
        assertTrue(voided.isSuccess());
        assertFalse(voided.replayed());
        assertEquals(CodeState.VOIDED, coupons.find(verified).orElseThrow().state());
        // a service without the risk guard refuses the code too: the coupon store says VOIDED
        CouponService unguarded = CouponService.create(List.of(five), coupons, clock, ValidationOptions.defaults());
        assertEquals(Optional.of(ReasonCode.VOIDED), unguarded.verifyAtStore(verified, "S1", "clerk2").reason());
        assertEquals(Optional.of(ReasonCode.VOIDED), unguarded.redeemAtStore("k2", verified, "o2", cart, ctx, "clerk2").reason());
        assertTrue(desk.confirm(open.get(0).id(), "op1").storeVoid().orElseThrow().replayed());

        // the redeemed code: the redemption stands, the guard keeps denying the code
        ReviewDesk.Confirmation second = desk.confirm(open.get(1).id(), "op1");
        assertTrue(second.codeVoided());
        assertEquals(Optional.of(ReasonCode.ALREADY_REDEEMED), second.storeVoid().orElseThrow().reason());
        assertEquals(CodeState.REDEEMED, coupons.find(redeemed).orElseThrow().state());
        // refunded, it is free in the store but denied by the guard; confirming again voids it in the store
        assertTrue(service.rollback("k1").isSuccess());
        assertEquals(Optional.of(ReasonCode.RISK_DENIED), service.verifyAtStore(redeemed, "S1", "clerk2").reason());
        assertTrue(desk.confirm(open.get(1).id(), "op1").storeVoid().orElseThrow().isSuccess());
        assertEquals(Optional.of(ReasonCode.VOIDED), unguarded.verifyAtStore(redeemed, "S1", "clerk2").reason());
    }

    @Test
    void theMostNegativeAdjustmentCountsAsItsMagnitude() {
        // once Long.MIN_VALUE reached the guard and Math.abs left it negative; Posting now refuses it
        assertThrows(IllegalArgumentException.class, () -> new Posting.Adjust(CustomerKey.of("a1"), Long.MIN_VALUE,
                "ticket-0", Optional.empty(), "correction"));
        Posting.Adjust adjust = new Posting.Adjust(CustomerKey.of("a1"), -Posting.MAX_POINTS, "ticket-1",
                Optional.empty(), "correction");
        RiskEvent e = RiskGuard.toRiskEvent(new GuardEvent.PointsPosting(adjust, clock.instant()), Optional.empty());
        assertEquals(EventType.POINTS_ADJUST, e.type());
        assertEquals(Posting.MAX_POINTS, e.amount());
        VelocityEngine engine = VelocityEngine.parse("ADJUST_SUM: sum of points_adjust by identifier over 1d deny 100000",
                CustomerResolver.none(), VelocityConfig.defaults());
        GuardVerdict v = RiskGuard.of(engine, g -> Optional.empty(), audit)
                .check(new GuardEvent.PointsPosting(adjust, clock.instant()));
        assertEquals(Action.DENY, v.action());
        assertEquals("ADJUST_SUM", v.reason());
        assertEquals(Posting.MAX_POINTS, audit.find(1).orElseThrow().reasons().get(0).value());
    }
}
