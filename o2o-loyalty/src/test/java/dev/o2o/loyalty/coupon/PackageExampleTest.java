package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example of the package javadoc, line for line, so that it compiles and runs as documented. */
class PackageExampleTest {

    @Test
    void theJavadocExampleCompilesAndRuns() {
        LocalDate first = LocalDate.of(2026, 7, 1);
        LocalDate last = LocalDate.of(2026, 7, 31);
        Clock clock = Fixtures.CLOCK;
        CustomerContext customer = Fixtures.online().atStore("S1");
        Cart cart = Fixtures.cart();
        String paymentId = "pay-1";
        String orderId = "order-1";
        StoreOutcome redeemed = null;
        List<Violation> refused = null;

        // from here on as in package-info.java
        Coupon spend150 = Coupon.builder("spend150save20", new Discount.Threshold(Money.of("150", "CNY"), Money.of("20", "CNY")))
                .condition(CouponCondition.validDays(first, last, ZoneId.of("Asia/Shanghai")))
                .stores(Set.of("S1", "S2"))
                .perCustomerLimit(1)
                .totalQuantity(1_000)
                .build();
        CouponStore store = CouponStore.inMemory();
        CouponService service = CouponService.create(List.of(spend150), store, clock, ValidationOptions.defaults());
        String code = CouponCodes.generator(new SecureRandom()).next();
        store.issue(code, "spend150save20", customer.customer(), clock.instant());

        String typedCode = code.toLowerCase();
        ValidationResult r = service.validateCode(typedCode, cart, customer);
        if (r.isValid()) {
            StoreOutcome o = service.redeem(paymentId, typedCode, orderId, cart, customer);
            redeemed = o;
        } else {
            List<Violation> shown = r.publicView().violations();
            refused = shown;
        }
        // to here

        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), r.codes(), "the fixture cart is 105.47 CNY");
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), refused.stream().map(Violation::code).toList());
        Cart big = Cart.of(Fixtures.line("cake", "bakery", 4, "45.50"));
        ValidationResult ok = service.validateCode(typedCode, big, customer);
        assertTrue(ok.isValid(), ok.toString());
        redeemed = service.redeem(paymentId, typedCode, orderId, big, customer);
        assertEquals(Money.of("20", "CNY"), redeemed.redemption().orElseThrow().discount());
    }
}
