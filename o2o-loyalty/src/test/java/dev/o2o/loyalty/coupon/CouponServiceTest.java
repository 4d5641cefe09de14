package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.test.TestClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.o2o.loyalty.coupon.Fixtures.ALICE;
import static dev.o2o.loyalty.coupon.Fixtures.NOW;
import static dev.o2o.loyalty.coupon.Fixtures.POS;
import static dev.o2o.loyalty.coupon.Fixtures.cart;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CouponServiceTest {

    private final TestClock clock = new TestClock(NOW);
    private final CouponStore store = CouponStore.inMemory();
    private final Coupon spend100 = Coupon.builder("spend100", new Discount.Threshold(cny("100"), cny("20")))
            .perCustomerLimit(1)
            .stores(Set.of("S1", "S2"))
            .totalQuantity(10).build();
    private final CouponService service = CouponService.create(List.of(spend100), store, clock,
            ValidationOptions.defaults());
    private final CouponCodes codes = CouponCodes.generator(new SecureRandom());

    private String issue(CustomerKey who) {
        String code = codes.next();
        assertTrue(store.issue(code, "spend100", who, NOW));
        return code;
    }

    /** The code with its fourth character changed: its check character no longer matches. */
    private static String typo(String code) {
        char wrong = code.charAt(3) == 'A' ? 'B' : 'A';
        return code.substring(0, 3) + wrong + code.substring(4);
    }

    @Test
    void typosNeverReachTheStoreAndStrangersSeeNotFound() {
        String code = issue(ALICE);
        CustomerContext atS1 = online().atStore("S1");
        String typo = typo(code);
        assertEquals(List.of(ReasonCode.INVALID_CODE), service.validateCode(typo, cart(), atS1).codes());
        assertEquals(List.of(ReasonCode.NOT_FOUND), service.validateCode(typo, cart(), atS1).publicView().codes());
        CustomerContext bob = CustomerContext.of(CustomerKey.of("bob"), Fixtures.APP).atStore("S1");
        assertEquals(List.of(ReasonCode.NOT_FOUND), service.validateCode(code, cart(), bob).codes());
        ValidationResult ok = service.validateCode(code.toLowerCase(), cart(), atS1);
        assertTrue(ok.isValid(), ok.toString());
        assertEquals(cny("20.00"), ok.totalDiscount());
        assertEquals(List.of(ReasonCode.STORE_NOT_ALLOWED), service.validateCode(code, cart(), online().atStore("S9")).codes());
    }

    /** A clock that moves one millisecond on every reading, as a real one does between two calls. */
    private static final class TickingClock extends java.time.Clock {
        private java.time.Instant next;

        TickingClock(java.time.Instant start) {
            next = start;
        }

        @Override
        public java.time.Instant instant() {
            java.time.Instant t = next;
            next = next.plusMillis(1);
            return t;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A redemption is validated and recorded at one instant: a code redeemed in the last millisecond of
     * its coupon's validity is not recorded at (or after) the end of that validity.
     */
    @Test
    void aRedemptionIsValidatedAndRecordedAtTheSameInstant() {
        java.time.Instant until = NOW.plusSeconds(60);
        Coupon lastMinute = Coupon.builder("last-minute", new Discount.Threshold(cny("100"), cny("20")))
                .condition(CouponCondition.validity(NOW.minusSeconds(3600), until)).build();
        CouponStore codesStore = CouponStore.inMemory();
        CouponService ticking = CouponService.create(List.of(lastMinute), codesStore,
                new TickingClock(until.minusMillis(1)), ValidationOptions.defaults());
        String code = codes.next();
        assertTrue(codesStore.issue(code, "last-minute", ALICE, NOW));
        StoreOutcome r = ticking.redeem("pay-1", code, "o1", cart(), online());
        assertTrue(r.isSuccess(), r.toString());
        assertEquals(until.minusMillis(1), r.redemption().orElseThrow().redeemedAt());
    }

    @Test
    void paymentRetryOfAOnePerCustomerCouponReplaysTheFirstOutcome() {
        String code = issue(ALICE);
        String second = issue(ALICE);
        CustomerContext ctx = online().atStore("S1");
        StoreOutcome first = service.redeem("pay-1", code, "o1", cart(), ctx);
        assertTrue(first.isSuccess(), first.toString());
        assertEquals(cny("20.00"), first.redemption().orElseThrow().discount());
        StoreOutcome retry = service.redeem("pay-1", code, "o1", cart(), ctx);
        assertTrue(retry.isSuccess());
        assertTrue(retry.replayed());
        assertEquals(List.of(ReasonCode.ALREADY_REDEEMED, ReasonCode.PER_CUSTOMER_LIMIT),
                service.validateCode(code, cart(), ctx).codes());
        StoreOutcome other = service.redeem("pay-2", second, "o2", cart(), ctx);
        assertEquals(Optional.of(ReasonCode.PER_CUSTOMER_LIMIT), other.reason());
        assertTrue(service.rollback("pay-1").isSuccess());
        assertTrue(service.redeem("pay-3", second, "o3", cart(), ctx).isSuccess(), "refund frees the customer's use");
    }

    @Test
    void aRefusalFromValidationIsTheFirstOutcomeOfItsKey() {
        String code = issue(ALICE);
        CustomerContext ctx = online().atStore("S1");
        Cart small = Cart.of(Fixtures.line("tea", "drinks", 2, "15.00"));
        StoreOutcome first = service.redeem("pay-9", code, "o9", small, ctx);
        assertEquals(Optional.of(ReasonCode.MIN_SPEND_NOT_REACHED), first.reason());
        assertFalse(first.replayed());
        // the same payment retried with a cart that would qualify: still the first refusal, nothing redeemed
        StoreOutcome retry = service.redeem("pay-9", code, "o9", cart(), ctx);
        assertEquals(first.failure(), retry.failure());
        assertTrue(retry.replayed());
        assertEquals(CodeState.ISSUED, store.find(code).orElseThrow().state());
        // a new key is validated anew
        assertTrue(service.redeem("pay-10", code, "o9", cart(), ctx).isSuccess());
    }

    @Test
    void verifyAndRedeemAtTheCounter() {
        String code = issue(ALICE);
        assertTrue(service.verifyAtStore(code, "S2", "cashier-1").isSuccess());
        assertEquals(Optional.of(ReasonCode.STORE_NOT_ALLOWED), service.verifyAtStore(code, "S3", "cashier-1").reason());
        assertEquals(Optional.of(ReasonCode.NOT_FOUND), service.verifyAtStore(codes.next(), "S2", "cashier-1").reason());
        CustomerContext counter = CustomerContext.of(ALICE, POS).atStore("S2");
        StoreOutcome o = service.redeemAtStore("pos-1", code, "till-9", cart(), counter, "cashier-1");
        assertTrue(o.isSuccess(), o.toString());
        assertEquals(Optional.of("S2"), o.redemption().orElseThrow().storeId());
        assertEquals(Optional.of("cashier-1"), o.redemption().orElseThrow().cashierId());
        assertEquals(Optional.of(ReasonCode.ALREADY_REDEEMED), service.verifyAtStore(code, "S2", "cashier-1").reason());
    }

    @Test
    void reservationsExpireWithTheInjectedClock() {
        String code = issue(ALICE);
        CustomerContext ctx = online().atStore("S1");
        assertTrue(service.reserve(code, ctx, "o1", Duration.ofMinutes(10)).isSuccess());
        assertEquals(Optional.of(ReasonCode.RESERVED), service.verifyAtStore(code, "S1", "c").reason());
        assertEquals(Optional.of(ReasonCode.RESERVED), service.redeem("k2", code, "o2", cart(), ctx).reason());
        clock.set(NOW.plus(Duration.ofMinutes(10)));
        assertTrue(service.verifyAtStore(code, "S1", "c").isSuccess());
        assertTrue(service.reserve(code, ctx, "o2", Duration.ofMinutes(10)).isSuccess());
        assertTrue(service.release(code, "o2").isSuccess());
        assertTrue(service.redeem("k3", code, "o3", cart(), ctx).isSuccess());
        assertFalse(service.release(code, "o3").isSuccess());
    }

    /**
     * Issue 13 item 3: a retry is compared in one place. The service used to replay by code alone
     * (another customer's request with the key got the first customer's redemption), while the
     * stores also compared the customer; now both answer KEY_CONFLICT.
     */
    @Test
    void theServiceAndTheStoreAnswerARetryAlike() {
        String code = issue(ALICE);
        CustomerContext alice = online().atStore("S1");
        CustomerContext bob = CustomerContext.of(CustomerKey.of("bob"), Fixtures.APP).atStore("S1");
        assertTrue(service.redeem("pay-1", code, "o1", cart(), alice).isSuccess());
        StoreOutcome viaService = service.redeem("pay-1", code, "o1", cart(), bob);
        StoreOutcome viaStore = store.redeem(RedemptionRequest.online("pay-1", code, CustomerKey.of("bob"), "o1",
                cny("20.00"), NOW));
        assertEquals(Optional.of(ReasonCode.KEY_CONFLICT), viaService.reason());
        assertEquals(viaStore, viaService);
        assertEquals(Optional.of(ReasonCode.KEY_CONFLICT), service.redeem("pay-1", issue(ALICE), "o1", cart(), alice).reason());
        StoreOutcome replay = service.redeem("pay-1", code.toLowerCase(), "o1", cart(), alice);
        assertTrue(replay.isSuccess() && replay.replayed());
        assertEquals(store.redeem(RedemptionRequest.online("pay-1", code, ALICE, "o1", cny("20.00"), NOW)), replay);
    }

    @Test
    void aScannedOrFullWidthCodeIsTheIssuedCode() {
        String code = issue(ALICE);
        CustomerContext ctx = online().atStore("S1");
        StringBuilder fullWidth = new StringBuilder();
        for (char ch : code.toLowerCase().toCharArray()) {
            fullWidth.append((char) (ch + 0xFEE0));
        }
        fullWidth.insert(4, '\uFF0D').insert(9, '\u3000');
        ValidationResult typed = service.validateCode(fullWidth.toString(), cart(), ctx);
        assertTrue(typed.isValid(), typed.toString());
        assertEquals(Optional.empty(), service.verifyAtStore(code + "\r\n", "S1", "cashier-1").reason());
        StoreOutcome scanned = service.redeem("pay-9", code + "\r\n", "o9", cart(), ctx);
        assertTrue(scanned.isSuccess(), scanned.toString());
        // the code is stored and recorded as issued: the separators and full-width forms are gone
        assertEquals(code, scanned.redemption().orElseThrow().code());
        assertEquals(CodeState.REDEEMED, store.find(code).orElseThrow().state());
    }

    @Test
    void aTypoIsRefusedWithoutUsingUpTheKey() {
        String code = issue(ALICE);
        CustomerContext ctx = online().atStore("S1");
        assertEquals(Optional.of(ReasonCode.INVALID_CODE), service.redeem("pay-7", typo(code), "o7", cart(), ctx).reason());
        assertEquals(Optional.of(ReasonCode.INVALID_CODE), service.redeem("pay-8", "X".repeat(300), "o8", cart(), ctx).reason());
        assertTrue(service.redeem("pay-7", code, "o7", cart(), ctx).isSuccess());
    }

    @Test
    void aLongRefusalMessageIsCutToWhatEveryStoreKeeps() {
        // a user condition with a long message: the service cuts the combined message to 1,000 characters
        Coupon wordy = Coupon.builder("wordy", new Discount.FixedAmount(cny("1")))
                .condition((in, out) -> out.add(ReasonCode.OTHER, "x".repeat(1500))).build();
        CouponService s = CouponService.create(List.of(wordy), store, clock, ValidationOptions.defaults());
        String code = codes.next();
        store.issue(code, "wordy", ALICE, NOW);
        StoreOutcome o = s.redeem("w-1", code, "o1", cart(), online());
        assertEquals(Optional.of(ReasonCode.OTHER), o.reason());
        String m = o.failure().orElseThrow().message();
        assertEquals(1000, m.length());
        assertTrue(m.endsWith("..."), m.substring(990));
        assertEquals(o.failure(), s.redeem("w-1", code, "o1", cart(), online()).failure());
    }
}
