package dev.o2o.testkit.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.loyalty.coupon.Cart;
import dev.o2o.loyalty.coupon.CodeState;
import dev.o2o.loyalty.coupon.Coupon;
import dev.o2o.loyalty.coupon.CouponCodes;
import dev.o2o.loyalty.coupon.CouponService;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.CustomerContext;
import dev.o2o.loyalty.coupon.Discount;
import dev.o2o.loyalty.coupon.ReasonCode;
import dev.o2o.loyalty.coupon.StoreOutcome;
import dev.o2o.loyalty.coupon.ValidationOptions;
import dev.o2o.loyalty.guard.GuardEvent;
import dev.o2o.loyalty.guard.GuardVerdict;
import dev.o2o.loyalty.guard.LoyaltyGuard;
import dev.o2o.loyalty.points.Balance;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.PointsLedger;
import dev.o2o.loyalty.points.Posting;
import dev.o2o.loyalty.points.PostingResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract between the loyalty services and a {@link LoyaltyGuard} on a given pair of stores:
 * a DENY stops a redemption, a store verification and a posting, and leaves the stores as they
 * were (the code still issued, no redemption or refusal under the key, no entry, the balance
 * unchanged); the same request goes through once the guard allows it; replays of a key that
 * already succeeded are answered without the guard. Each store's test extends this class and says
 * how to make new, empty stores. Not thread-safe itself; JUnit makes one instance per test.
 */
public abstract class GuardConformanceTest {
    /** The instant every operation of the kit is made at. */
    protected static final Instant NOW = Instant.parse("2026-07-15T10:00:00Z");
    private static final CustomerKey ALICE = CustomerKey.of("alice");
    private static final String CODE = "GUARDTEST23";

    /** Subclasses say how to make stores. */
    protected GuardConformanceTest() {
    }

    /** A new, empty coupon store. */
    protected abstract CouponStore newCouponStore();

    /** A new, empty ledger store. */
    protected abstract LedgerStore newLedgerStore();

    private final AtomicReference<GuardVerdict> verdict = new AtomicReference<>(GuardVerdict.allow());
    private final List<GuardEvent> seen = new CopyOnWriteArrayList<>();
    private final LoyaltyGuard guard = event -> {
        seen.add(event);
        return verdict.get();
    };
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private CouponStore coupons;
    private CouponService service;
    private String code;

    @BeforeEach
    void setUpStores() {
        coupons = newCouponStore();
        Coupon fiveOff = Coupon.builder("five", new Discount.FixedAmount(Money.of("5", "CNY"))).build();
        service = CouponService.create(List.of(fiveOff), coupons, clock, ValidationOptions.defaults(), guard);
        code = wellFormed();
        assertTrue(coupons.issue(code, "five", ALICE, NOW));
    }

    /** A well-formed code: the kit's letters with the check character the codes need. */
    private static String wellFormed() {
        for (char c : CouponCodes.ALPHABET.toCharArray()) {
            String candidate = CouponCodes.normalize(CODE + c);
            if (CouponCodes.isWellFormed(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no check character makes " + CODE + " well-formed");
    }

    private static Cart cart() {
        return Cart.of(new OrderLine("tea", "drinks", 2, Money.of("15.00", "CNY")));
    }

    private static CustomerContext atCounter() {
        return CustomerContext.of(ALICE, Channel.offline("pos")).atStore("S1");
    }

    @Test
    public void aDeniedRedemptionWritesNothingAndAnAllowedRetryGoesThrough() {
        verdict.set(GuardVerdict.deny("TEST_DENY", "denied by the kit"));
        StoreOutcome denied = service.redeemAtStore("k1", code, "o1", cart(), atCounter(), "clerk1");
        assertEquals(Optional.of(ReasonCode.RISK_DENIED), denied.reason());
        assertTrue(denied.failure().get().message().contains("TEST_DENY"), denied.toString());
        assertEquals(CodeState.ISSUED, coupons.find(code).orElseThrow().state());
        assertTrue(coupons.redemption("k1").isEmpty(), "a denial must not record the key's outcome");

        GuardEvent.CouponRedemption asked = assertInstanceOf(GuardEvent.CouponRedemption.class, seen.get(0));
        assertEquals("five", asked.couponId());
        assertEquals(ALICE, asked.customer());
        assertEquals(Optional.of("S1"), asked.storeId());
        assertEquals(Optional.of("clerk1"), asked.cashierId());
        assertEquals(0, Money.of("5.00", "CNY").compareTo(asked.discount()));
        assertEquals(NOW, asked.at());

        verdict.set(GuardVerdict.allow());
        StoreOutcome ok = service.redeemAtStore("k1", code, "o1", cart(), atCounter(), "clerk1");
        assertTrue(ok.isSuccess(), ok.toString());
        assertEquals(CodeState.REDEEMED, coupons.find(code).orElseThrow().state());
    }

    @Test
    public void aReplayOfASuccessfulRedemptionIsNotAskedAgain() {
        assertTrue(service.redeemAtStore("k1", code, "o1", cart(), atCounter(), "clerk1").isSuccess());
        verdict.set(GuardVerdict.deny("TEST_DENY", "denied by the kit"));
        StoreOutcome replay = service.redeemAtStore("k1", code, "o1", cart(), atCounter(), "clerk1");
        assertTrue(replay.isSuccess() && replay.replayed(), replay.toString());
        assertEquals(1, seen.size());
    }

    @Test
    public void aDeniedStoreVerificationIsRefusedAndAReviewGoesThrough() {
        verdict.set(GuardVerdict.deny("CLERK_VELOCITY", "too many verifications"));
        StoreOutcome denied = service.verifyAtStore(code, "S1", "clerk1");
        assertEquals(Optional.of(ReasonCode.RISK_DENIED), denied.reason());
        GuardEvent.StoreVerification asked = assertInstanceOf(GuardEvent.StoreVerification.class, seen.get(0));
        assertEquals("S1", asked.storeId());
        assertEquals("clerk1", asked.cashierId());
        assertEquals(ALICE, asked.holder());
        assertEquals(CodeState.ISSUED, coupons.find(code).orElseThrow().state());

        verdict.set(GuardVerdict.review("CLERK_VELOCITY", "many verifications"));
        assertTrue(service.verifyAtStore(code, "S1", "clerk1").isSuccess());
    }

    @Test
    public void aDeniedPostingChangesNothingAndAnAllowedRetryPosts() {
        PointsLedger ledger = PointsLedger.create(newLedgerStore(), clock, guard);
        assertTrue(ledger.post(Posting.earn(CustomerKey.of("acct1"), 100, "order-1", Optional.empty())).isSuccess());
        Balance before = ledger.balance(CustomerKey.of("acct1"));

        verdict.set(GuardVerdict.deny("EARN_VELOCITY", "too many earnings"));
        Posting second = Posting.earn(CustomerKey.of("acct1"), 40, "order-2", Optional.empty());
        PostingResult denied = ledger.post(second);
        assertEquals(PostingResult.Status.RISK_DENIED, denied.status());
        assertTrue(denied.message().contains("EARN_VELOCITY"), denied.message());
        assertEquals(before, ledger.balance(CustomerKey.of("acct1")));
        assertTrue(ledger.store().entryByKey(second.key()).isEmpty());
        assertTrue(ledger.check(CustomerKey.of("acct1")).holds(), ledger.check(CustomerKey.of("acct1")).toString());
        PostingResult deniedRedeem = ledger.post(Posting.redeem(CustomerKey.of("acct1"), 30, "spend-1"));
        assertEquals(PostingResult.Status.RISK_DENIED, deniedRedeem.status());
        assertEquals(before, ledger.balance(CustomerKey.of("acct1")));

        GuardEvent.PointsPosting asked = assertInstanceOf(GuardEvent.PointsPosting.class, seen.get(1));
        assertEquals(second, asked.posting());

        verdict.set(GuardVerdict.allow());
        assertEquals(PostingResult.Status.POSTED, ledger.post(second).status());
        assertEquals(140, ledger.balance(CustomerKey.of("acct1")).total());
    }

    @Test
    public void aReplayedPostingIsNotAskedAndDeniedBatchMembersDoNotStopTheOthers() {
        PointsLedger ledger = PointsLedger.create(newLedgerStore(), clock, guard);
        Posting first = Posting.earn(CustomerKey.of("acct1"), 100, "order-1", Optional.empty());
        assertTrue(ledger.post(first).isSuccess());
        LoyaltyGuard denyEarnings = event -> event instanceof GuardEvent.PointsPosting p
                && p.posting().sourceRef().startsWith("bad") ? GuardVerdict.deny("TEST_DENY", "bad") : GuardVerdict.allow();
        PointsLedger picky = PointsLedger.create(ledger.store(), clock, denyEarnings);
        assertEquals(PostingResult.Status.REPLAYED, picky.post(first).status());
        List<PostingResult> batch = picky.postAll(List.of(
                Posting.earn(CustomerKey.of("acct1"), 10, "good-1", Optional.empty()),
                Posting.earn(CustomerKey.of("acct2"), 20, "bad-1", Optional.empty()),
                Posting.earn(CustomerKey.of("acct2"), 30, "good-2", Optional.empty())));
        assertEquals(List.of(PostingResult.Status.POSTED, PostingResult.Status.RISK_DENIED, PostingResult.Status.POSTED),
                batch.stream().map(PostingResult::status).toList());
        assertEquals(110, picky.balance(CustomerKey.of("acct1")).total());
        assertEquals(30, picky.balance(CustomerKey.of("acct2")).total());
        assertFalse(picky.store().entryByKey(Posting.earn(CustomerKey.of("acct2"), 20, "bad-1", Optional.empty()).key()).isPresent());
    }
}
